import { createRouter } from '../http/router';

export const auditRoutes = createRouter();
