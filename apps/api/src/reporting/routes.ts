import { createRouter } from '../http/router';

export const reportingRoutes = createRouter();
