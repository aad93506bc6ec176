import { createRouter } from '../http/router';

export const pageRoutes = createRouter();
