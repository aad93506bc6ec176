import { createRoute } from '@hono/zod-openapi';
import { levelSchema, noQuerySchema, schemeIdSchema, typeMessage } from '@mttq/core';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { ApiError, errorBody, fieldsSummary, handleError, type FieldIssue } from '../http/errors';
import { errorSchema } from '../http/openapi-responses';
import { createRouter, toFieldIssues } from '../http/router';
import type { Services } from '../http/services';
import { languageOf, msg, type Message } from '../messages';
import type { ErrorCode } from '../messages/http-messages';
import { MAX_PASSWORD_LENGTH, MAX_USERNAME_LENGTH } from './accounts';
import { clientAddress } from './client-address';
import { MAX_HASH_QUEUE } from './hash-gate';
import { signIn } from './login';
import { CSRF_HEADER, deleteSession, getSession, SESSION_COOKIE, SESSION_HOURS } from './sessions';
import { limitSignInAttempts, SIGN_IN_LIMITS, signInGuardOf, waitText } from './throttle';
import { scopeProvinces } from './scope-image';
import { ROLES, type SessionUser } from './user';

const loginBodySchema = z
  .strictObject({
    username: z
      .string({ error: typeMessage('auth_login_username_required') })
      .min(1)
      .max(MAX_USERNAME_LENGTH),
    password: z
      .string({ error: typeMessage('auth_login_password_required') })
      .min(1)
      .max(MAX_PASSWORD_LENGTH),
  })
  .meta({ id: 'LoginRequest', description: 'Username (case-insensitive) and password; no other fields.' });

const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    role: z.enum(ROLES).meta({
      description:
        'admin: everything, manages users; central: reads all, verifies pages, manages reporting periods; province: reads all, writes inside its scope; viewer: reads only',
    }),
    scopes: z
      .array(z.object({ scheme: schemeIdSchema, code: z.string(), name: z.string(), level: levelSchema }))
      .meta({
        description:
          'The units a province officer writes for, in either scheme: each covers its subtree, and in the other scheme its successors or predecessors through the crosswalk (legacy63:51 also covers reform34:51); empty for the other roles',
      }),
    provinces: z
      .object({ legacy63: z.array(z.string()), reform34: z.array(z.string()) })
      .meta({ description: 'The provinces of each scheme the scopes reach, wholly or in part (empty for the other roles, who write everywhere)' }),
  })
  .meta({ id: 'User' });

const passwordChangeRequiredSchema = z
  .literal(true)
  .optional()
  .meta({
    description:
      'Present (true) when the user signed in with a temporary password: every call but GET /auth/me, POST /auth/password and POST /auth/logout answers 403 password_change_required until they set their own',
  });

const sessionSchema = z
  .object({
    user: userSchema,
    csrfToken: z.string().meta({ description: `Send it in the ${CSRF_HEADER} header of every POST, PUT, PATCH and DELETE` }),
    expiresAt: z.string().meta({ description: `When the session ends (${SESSION_HOURS} hours after signing in), ISO 8601 UTC` }),
    passwordChangeRequired: passwordChangeRequiredSchema,
  })
  .meta({ id: 'Session' });

const meSchema = z
  .object({
    user: userSchema.nullable().meta({ description: 'null when signed out' }),
    csrfToken: z.string().nullable(),
    expiresAt: z.string().nullable(),
    passwordChangeRequired: passwordChangeRequiredSchema,
  })
  .meta({ id: 'Me' });

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  summary: 'Sign in with username and password',
  description: `Sets the HttpOnly session cookie ${SESSION_COOKIE} (SameSite=Lax, Path=/, Secure over https) and answers the user and the csrfToken to send in the ${CSRF_HEADER} header of every state-changing request. Limits, each a 429 with Retry-After before any password is checked: ${SIGN_IN_LIMITS.burst} attempts per client address at once, then one every ${SIGN_IN_LIMITS.refillSeconds} seconds (a successful sign-in gives its attempt back); after ${SIGN_IN_LIMITS.freeFailuresPerAccount} failures of a username from one address, and after ${SIGN_IN_LIMITS.freeFailuresPerAddress} failures of one address, each next attempt from there waits 1 s, 2 s, 4 s … up to ${SIGN_IN_LIMITS.maxDelaySeconds / 60} minutes after the latest failure. Failures elsewhere never hold a user back at their own address. 503 with Retry-After when more than ${MAX_HASH_QUEUE} sign-ins are waiting for the password check.`,
  middleware: [limitSignInAttempts] as const,
  request: { body: { required: true, content: json(loginBodySchema) } },
  responses: {
    200: { description: 'Signed in; the session cookie is set', content: json(sessionSchema) },
    400: { description: 'The body is not JSON, or not {username, password}', content: json(errorSchema) },
    401: { description: 'Wrong username or password (the answer never says which)', content: json(errorSchema) },
    403: { description: 'The account is disabled', content: json(errorSchema) },
    413: { description: 'The body is larger than 64 KB', content: json(errorSchema) },
    415: { description: 'The body is not sent as application/json', content: json(errorSchema) },
    429: { description: 'Too many attempts or failed sign-ins from your address; Retry-After gives the seconds to wait', content: json(errorSchema) },
    503: { description: 'Too many sign-ins are waiting to be checked, or the server cannot store data; Retry-After gives the seconds to wait', content: json(errorSchema) },
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  summary: 'Sign out: ends the session and clears its cookie',
  description: `Needs the session cookie and the ${CSRF_HEADER} header.`,
  request: { query: noQuerySchema },
  responses: {
    204: { description: 'Signed out' },
    401: { description: 'Not signed in, or the session has expired', content: json(errorSchema) },
    403: { description: `Missing or wrong ${CSRF_HEADER} header`, content: json(errorSchema) },
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  summary: 'Who is signed in: user, role, scope and the CSRF token',
  description: 'Answers 200 with user null when signed out, so a reloaded web app can tell and recover its csrfToken.',
  request: { query: noQuerySchema },
  responses: {
    200: { description: 'The signed-in user, or nulls', content: json(meSchema) },
    400: { description: 'An unknown query parameter', content: json(errorSchema) },
  },
});

/** The user as the API shows it, with the names of the scope units and the provinces they reach. */
export function toUserJson(services: Services, user: SessionUser): z.infer<typeof userSchema> {
  const scopes = user.scopes.map((scope) => {
    const unit = services.units(scope.scheme).find((u) => u.code === scope.code);
    return { ...scope, name: unit?.name ?? scope.code, level: unit?.level ?? 'province' };
  });
  const provinces = { legacy63: scopeProvinces(services, user.scopes, 'legacy63'), reform34: scopeProvinces(services, user.scopes, 'reform34') };
  return { id: user.id, username: user.username, role: user.role, scopes, provinces };
}

/** { passwordChangeRequired: true } for a session opened with a temporary password; nothing otherwise. */
const passwordChangeFlag = (mustChange: boolean) => (mustChange ? { passwordChangeRequired: true as const } : {});

/** Served over https, directly or behind a proxy that says so: the cookie must then be Secure. */
function isHttps(c: Context): boolean {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(c.req.url).protocol === 'https:';
}

export const cookieOptions = (c: Context) => ({ httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps(c) }) as const;

/** The error envelope in the request's language, typed as the OpenAPI document declares it. */
const errorJson = (c: Context, code: ErrorCode, message: Message, details: FieldIssue[] = []) => errorBody(code, message, details, languageOf(c)) as z.infer<typeof errorSchema>;

const LOGIN_BODY_EXAMPLE = '{"username": "…", "password": "…"}';

/** Readable issues of a JSON body: unknown fields named one by one; the body itself is "(body)". */
function toBodyIssues(error: z.ZodError): FieldIssue[] {
  return toFieldIssues(error, 'field_unknown_body_field', '(body)').map((issue) =>
    issue.path === '(body)' ? { path: issue.path, message: msg('body_must_be_object', { example: LOGIN_BODY_EXAMPLE }) } : issue,
  );
}

export const authRoutes = createRouter();

// Answers about who is signed in must never be cached by a browser or a proxy.
authRoutes.use('/auth/*', async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
});

authRoutes.openAPIRegistry.registerComponent('securitySchemes', 'session', {
  type: 'apiKey',
  in: 'cookie',
  name: SESSION_COOKIE,
  description: 'Set by POST /auth/login. Without PUBLIC_READ every route but /auth/login and /auth/me needs it; writes always do.',
});
authRoutes.openAPIRegistry.registerComponent('securitySchemes', 'csrf', {
  type: 'apiKey',
  in: 'header',
  name: CSRF_HEADER,
  description: 'The csrfToken of the session; required on every state-changing request.',
});

// The JSON validator throws before any handler runs: give its failures clear words.
authRoutes.onError((error, c) => {
  if (error instanceof HTTPException && !(error instanceof ApiError)) {
    if (error.status === 400 && /malformed json/i.test(error.message)) {
      return handleError(new ApiError(400, 'bad_request', msg('body_not_json', { example: LOGIN_BODY_EXAMPLE })), c);
    }
    if (error.status === 415) {
      return handleError(
        new ApiError(415, 'unsupported_media_type', msg('body_not_json_type', { example: LOGIN_BODY_EXAMPLE })),
        c,
      );
    }
  }
  return handleError(error, c);
});

authRoutes.openapi(
  loginRoute,
  async (c) => {
    const { username, password } = c.req.valid('json');
    const guard = signInGuardOf(c.get('services'));
    const result = await signIn(c.get('services').db, username, password, {
      client: clientAddress(c, guard.trustProxy),
      limits: guard.limits,
      replacesToken: getCookie(c, SESSION_COOKIE),
      userAgent: c.req.header('user-agent') ?? null,
    });
    switch (result.outcome) {
      case 'throttled': {
        const { limits } = guard;
        const params = { maxMinutes: limits.maxDelaySeconds / 60, wait: waitText(result.retryAfterSeconds) };
        const message =
          result.reason === 'account'
            ? msg('auth_account_failures', { ...params, free: limits.freeFailuresPerAccount })
            : msg('auth_address_failures', { ...params, free: limits.freeFailuresPerAddress });
        return c.json(errorJson(c, 'too_many_attempts', message), 429, {
          'Retry-After': String(result.retryAfterSeconds),
        });
      }
      case 'busy':
        return c.json(errorJson(c, 'busy', msg('auth_busy_sign_ins', { wait: waitText(result.retryAfterSeconds) })), 503, {
          'Retry-After': String(result.retryAfterSeconds),
        });
      case 'wrong-password':
        return c.json(errorJson(c, 'invalid_credentials', msg('invalid_credentials')), 401);
      case 'disabled':
        return c.json(errorJson(c, 'account_disabled', msg('account_disabled')), 403);
      case 'signed-in': {
        const { session } = result;
        setCookie(c, SESSION_COOKIE, session.token, { ...cookieOptions(c), maxAge: SESSION_HOURS * 3600 });
        const user = toUserJson(c.get('services'), result.user);
        return c.json({ user, csrfToken: session.csrfToken, expiresAt: session.expiresAt, ...passwordChangeFlag(result.mustChangePassword) }, 200);
      }
    }
  },
  // Body validation in the one envelope, naming each field.
  (result, c) => {
    if (!result.success) {
      const details = toBodyIssues(result.error as z.ZodError);
      return c.json(errorJson(c, 'bad_request', fieldsSummary(details), details), 400);
    }
  },
);

authRoutes.openapi(logoutRoute, (c) => {
  // The session middleware let this through only with a live session and its CSRF token.
  const token = getCookie(c, SESSION_COOKIE);
  if (token) deleteSession(c.get('services').db, token);
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
  return c.body(null, 204);
});

authRoutes.openapi(meRoute, (c) => {
  const token = getCookie(c, SESSION_COOKIE);
  const session = token ? getSession(c.get('services').db, token) : null;
  if (!session) return c.json({ user: null, csrfToken: null, expiresAt: null }, 200);
  const user = toUserJson(c.get('services'), session.user);
  return c.json({ user, csrfToken: session.csrfToken, expiresAt: session.expiresAt, ...passwordChangeFlag(session.mustChangePassword) }, 200);
});
