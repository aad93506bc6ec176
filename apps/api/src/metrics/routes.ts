import { createRouter } from '../http/router';

export const metricRoutes = createRouter();
