import { createRouter } from '../http/router';

export const rankingRoutes = createRouter();
