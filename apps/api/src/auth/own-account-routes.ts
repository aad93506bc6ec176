/**
 * What every signed-in user does with their own account:
 *   POST   /auth/password        change the password (current one required); ends the other sessions
 *   GET    /auth/sessions        the user's live sessions, the current one marked
 *   DELETE /auth/sessions/{id}   end one of them
 */
import { createRoute } from '@hono/zod-openapi';
import { changePasswordBodySchema, noQuerySchema, ownSessionListSchema, ownSessionParamsSchema } from '@mttq/core';
import { getCookie } from 'hono/cookie';
import { ApiError, badRequest, notFound } from '../http/errors';
import { msg } from '../messages';
import { errorSchema } from '../http/openapi-responses';
import { createRouter } from '../http/router';
import { requireJsonBody } from '../writes/write-http';
import { AccountError, checkNewPassword, recordAudit } from './accounts';
import { clientAddress } from './client-address';
import { HashQueueFullError } from './hash-gate';
import { hashPassword, verifyPassword } from './passwords';
import { endOtherSessions, endOwnSession, listOwnSessions, SESSION_COOKIE } from './sessions';
import { dropAttempt, forgetFailures, reserveAttempt, signInGuardOf, waitText } from './throttle';
import { requireUser } from './user';
import { getUserByName } from './users';

const json = { 'application/json': { schema: errorSchema } };
const errors = {
  401: { description: 'Not signed in', content: json },
  403: { description: 'Missing or wrong x-csrf-token header', content: json },
} as const;

const changePasswordRoute = createRoute({
  method: 'post',
  path: '/auth/password',
  summary: 'Change your own password',
  description:
    'Needs your current password (or the temporary one you were given). Wrong current passwords count as failed sign-ins of your username from your address and are throttled the same way. The new password has 8 to 256 characters and differs from the current one. Your other sessions end; this one stays. Lifts the temporary-password restriction.',
  middleware: [requireJsonBody],
  request: { body: { required: true, content: { 'application/json': { schema: changePasswordBodySchema } } } },
  responses: {
    204: { description: 'Changed' },
    400: { description: 'A field is missing or wrong (details name it): the current password is not right, or the new one is too short or the same', content: json },
    ...errors,
    415: { description: 'Body not sent as application/json', content: json },
    429: { description: 'Too many wrong current passwords from your address; Retry-After gives the seconds to wait', content: json },
    503: { description: 'Too many password checks waiting; Retry-After gives the seconds to wait', content: json },
  },
});

const listSessionsRoute = createRoute({
  method: 'get',
  path: '/auth/sessions',
  summary: 'Your live sessions (browsers signed in as you), newest first',
  request: { query: noQuerySchema },
  responses: { 200: { description: 'The sessions', content: { 'application/json': { schema: ownSessionListSchema } } }, 400: { description: 'An unknown query parameter', content: json }, 401: errors[401] },
});

const endSessionRoute = createRoute({
  method: 'delete',
  path: '/auth/sessions/{id}',
  summary: 'End one of your sessions (sign that browser out)',
  description: 'Ending the current session signs you out here too.',
  request: { params: ownSessionParamsSchema },
  responses: { 204: { description: 'Ended' }, ...errors, 404: { description: 'You have no live session with this id', content: json } },
});

export const ownAccountRoutes = createRouter();

ownAccountRoutes.openapi(changePasswordRoute, async (c) => {
  const services = c.get('services');
  const { db } = services;
  const user = requireUser(c.get('user'));
  const { currentPassword, newPassword } = c.req.valid('json');
  const guard = signInGuardOf(services);
  const client = clientAddress(c, guard.trustProxy);
  const reserved = db.transaction(() => reserveAttempt(db, user.username, client, guard.limits, new Date())).immediate();
  if ('waitSeconds' in reserved) {
    throw new ApiError(429, 'too_many_attempts', msg('auth_too_many_wrong_passwords', { wait: waitText(reserved.waitSeconds) }), [], {
      'Retry-After': String(reserved.waitSeconds),
    });
  }
  const stored = getUserByName(db, user.username);
  let isRight: boolean;
  try {
    isRight = stored !== undefined && (await verifyPassword(currentPassword, stored.password_hash, { bounded: true }));
  } catch (error) {
    if (!(error instanceof HashQueueFullError)) throw error;
    dropAttempt(db, reserved.id);
    throw new ApiError(503, 'busy', msg('auth_busy_passwords', { wait: waitText(error.retryAfterSeconds) }), [], {
      'Retry-After': String(error.retryAfterSeconds),
    });
  }
  if (!stored || !isRight) throw badRequest('currentPassword', msg('auth_current_password_wrong'));
  forgetFailures(db, user.username, client);
  if (newPassword === currentPassword) throw badRequest('newPassword', msg('auth_new_password_same'));
  try {
    checkNewPassword(newPassword);
  } catch (error) {
    if (error instanceof AccountError) throw badRequest('newPassword', error.text);
    throw error;
  }
  const passwordHash = await hashPassword(newPassword);
  const token = getCookie(c, SESSION_COOKIE) ?? '';
  db.transaction(() => {
    db.prepare('UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?').run(passwordHash, user.id);
    const ended = endOtherSessions(db, user.id, token);
    recordAudit(db, user, {
      action: 'change_password',
      entity: 'user',
      entityId: user.id,
      before: { mustChangePassword: stored.must_change_password === 1 },
      after: { mustChangePassword: false, otherSessionsEnded: ended },
    });
  }).immediate();
  return c.body(null, 204);
});

ownAccountRoutes.openapi(listSessionsRoute, (c) => {
  const user = requireUser(c.get('user'));
  c.header('cache-control', 'private, no-store');
  return c.json({ items: listOwnSessions(c.get('services').db, user.id, getCookie(c, SESSION_COOKIE) ?? '') }, 200);
});

ownAccountRoutes.openapi(endSessionRoute, (c) => {
  const user = requireUser(c.get('user'));
  const { db } = c.get('services');
  const { id } = c.req.valid('param');
  const ended = db.transaction(() => {
    if (!endOwnSession(db, user.id, id)) return false;
    recordAudit(db, user, { action: 'end_session', entity: 'user', entityId: user.id, before: { session: id }, after: null });
    return true;
  }).immediate();
  if (!ended) throw notFound(msg('auth_no_session', { id }));
  return c.body(null, 204);
});
