import { createRouter } from '../http/router';

export const writeRoutes = createRouter();
