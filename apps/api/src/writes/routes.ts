/**
 * The write endpoints of pages: create, edit, assign, status events, monthly metrics.
 * Each route: role → body size and type → zod → page-writes function inside runWrite.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  assignmentParamsSchema,
  assignPageBodySchema,
  createPageBodySchema,
  metricBodySchema,
  metricParamsSchema,
  pageDetailSchema,
  pageEventBodySchema,
  pageMonthMetricsSchema,
  pageParamsSchema,
  updatePageBodySchema,
} from '@mttq/core';
import { requireUser } from '../auth/user';
import { createRouter } from '../http/router';
import { assignPage, createPage, recordPageEvent, updatePage, upsertMetric } from './page-writes';
import { runWrite } from './run-write';
import { WRITE_MIDDLEWARE, writeErrorResponses } from './write-http';

const pageAnswer = (description: string) => ({ description, content: { 'application/json': { schema: pageDetailSchema } } });
const jsonBody = <T>(schema: T, description: string) => ({ required: true, description, content: { 'application/json': { schema } } });

const createPageRoute = createRoute({
  method: 'post',
  path: '/pages',
  summary: 'Add a page and assign it to a unit',
  description:
    "Needs write access to the unit (a province officer: inside their scope). The URL must fit the platform and is stored normalised (https, canonical host, no tracking parameters, fragment or trailing slash); an address another page has is a 409 naming that page. The page gets a 'reported' event dated today, recorded by you.",
  middleware: WRITE_MIDDLEWARE,
  request: { body: jsonBody(createPageBodySchema, 'The new page') },
  responses: { 201: pageAnswer('The page as GET /pages/{id} shows it'), ...writeErrorResponses },
});

const updatePageRoute = createRoute({
  method: 'patch',
  path: '/pages/{id}',
  summary: "Change a page's name, address, platform, owner, launch date or platform id",
  description: "Needs write access to the page's unit. A new launch date may not be after the page's first status event or reported month.",
  middleware: WRITE_MIDDLEWARE,
  request: { params: pageParamsSchema, body: jsonBody(updatePageBodySchema, 'The fields to change') },
  responses: { 200: pageAnswer('The page after the change'), ...writeErrorResponses },
});

const assignRoute = createRoute({
  method: 'put',
  path: '/pages/{id}/assignments/{scheme}',
  summary: 'Assign the page to a unit of a scheme (basis manual)',
  description: "Replaces the page's unit in that scheme. Needs write access to the new unit and to the page's current unit in that scheme.",
  middleware: WRITE_MIDDLEWARE,
  request: { params: assignmentParamsSchema, body: jsonBody(assignPageBodySchema, 'The unit') },
  responses: { 200: pageAnswer('The page with its assignments'), ...writeErrorResponses },
});

const eventRoute = createRoute({
  method: 'post',
  path: '/pages/{id}/events',
  summary: 'Record a status event: reported, verified, rejected, closed or reopened',
  description:
    "Only central staff and admins verify or reject; a rejection needs the reason in note, which the province reads in the page's history. effectiveOn is not in the future and not before the launch. closed, rejected, verified and reported need a live page at effectiveOn; reopened a closed or rejected one (409 otherwise).",
  middleware: WRITE_MIDDLEWARE,
  request: { params: pageParamsSchema, body: jsonBody(pageEventBodySchema, 'The event') },
  responses: { 201: pageAnswer('The page with the event in its history'), ...writeErrorResponses },
});

const metricRoute = createRoute({
  method: 'put',
  path: '/pages/{id}/metrics/{month}',
  summary: "Store a page's figures for a month (replacing stored ones)",
  description: "month is YYYY-MM, not after today's month nor before the launch month. Counts are whole numbers, 0 or more. Stored with source manual.",
  middleware: WRITE_MIDDLEWARE,
  request: { params: metricParamsSchema, body: jsonBody(metricBodySchema, "The month's figures") },
  responses: {
    200: { description: 'Replaced the stored figures', content: { 'application/json': { schema: pageMonthMetricsSchema } } },
    201: { description: 'Stored figures for a month that had none', content: { 'application/json': { schema: pageMonthMetricsSchema } } },
    ...writeErrorResponses,
  },
});

export const writeRoutes = createRouter()
  .openapi(createPageRoute, (c) => {
    const services = c.get('services');
    const user = requireUser(c.get('user'));
    return c.json(runWrite(services, user, () => createPage(services, user, c.req.valid('json'))), 201);
  })
  .openapi(updatePageRoute, (c) => {
    const services = c.get('services');
    const user = requireUser(c.get('user'));
    const id = Number(c.req.valid('param').id);
    return c.json(runWrite(services, user, () => updatePage(services, user, id, c.req.valid('json'))), 200);
  })
  .openapi(assignRoute, (c) => {
    const services = c.get('services');
    const user = requireUser(c.get('user'));
    const { id, scheme } = c.req.valid('param');
    return c.json(runWrite(services, user, () => assignPage(services, user, Number(id), scheme, c.req.valid('json').unitCode)), 200);
  })
  .openapi(eventRoute, (c) => {
    const services = c.get('services');
    const user = requireUser(c.get('user'));
    const id = Number(c.req.valid('param').id);
    return c.json(runWrite(services, user, () => recordPageEvent(services, user, id, c.req.valid('json'))), 201);
  })
  .openapi(metricRoute, (c) => {
    const services = c.get('services');
    const user = requireUser(c.get('user'));
    const { id, month } = c.req.valid('param');
    const { metrics, isNew } = runWrite(services, user, () => upsertMetric(services, user, Number(id), month, c.req.valid('json')));
    return isNew ? c.json(metrics, 201) : c.json(metrics, 200);
  });
