import { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import { errorBody, type FieldIssue } from './errors';
import type { SessionUser } from '../auth/user';
import type { Services } from './services';

export type AppEnv = { Variables: { services: Services; user: SessionUser | null } };

/** A parameter name as echoed back: hostile names can be long. */
const shortName = (name: string) => (name.length > 64 ? `${name.slice(0, 64)}…` : name);

/** Readable field issues from a zod error: unknown parameters are named, paths joined with dots. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: shortName(key), message: 'is not a parameter of this endpoint; remove it or check its spelling' }));
    }
    const path = shortName(issue.path.join('.')) || '(query)';
    // A repeated query parameter arrives as an array.
    if (issue.code === 'invalid_type' && /received array/.test(issue.message)) {
      return [{ path, message: 'is given more than once; give it once' }];
    }
    if (issue.code === 'invalid_value' && 'values' in issue) {
      return [{ path, message: `must be one of ${issue.values.map(String).join(', ')}` }];
    }
    return [{ path, message: issue.message }];
  });
}

/** An OpenAPI-aware router whose validation failures use the one error envelope. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const details = toFieldIssues(result.error as z.ZodError);
        const message = details.map((d) => `${d.path}: ${d.message}`).join('; ');
        return c.json(errorBody('bad_request', message, details), 400);
      }
    },
  });
}
