import { createRouter } from '../http/router';

export const authRoutes = createRouter();
