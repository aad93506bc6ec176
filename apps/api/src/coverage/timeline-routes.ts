import { createRouter } from '../http/router';

export const timelineRoutes = createRouter();
