import { createRouter } from '../http/router';

export const unitRoutes = createRouter();
