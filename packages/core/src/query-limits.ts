// Paging parameters shared by the list endpoints' query schemas.
import { z } from 'zod';

/**
 * ?limit: a whole number from 1 to limits.max, limits.default when absent. The message is the
 * English template the API recognises (schema_whole_number_range) and says in the reader's language.
 * limitParam({ default: 50, max: 200 }, 'items per page')
 */
export function limitParam(limits: { readonly default: number; readonly max: number }, described: string) {
  const message = `must be a whole number from 1 to ${limits.max}`;
  return z.coerce
    .number({ error: message })
    .int(message)
    .min(1, message)
    .max(limits.max, message)
    .default(limits.default)
    .meta({ description: `${described}, 1 to ${limits.max}; default ${limits.default}` });
}

const offsetMessage = 'must be a whole number, 0 or more';

/** ?offset: items to skip, a whole number from 0; 0 when absent. */
export const offsetParam = (described: string) =>
  z.coerce.number({ error: offsetMessage }).int(offsetMessage).min(0, offsetMessage).default(0).meta({ description: `${described}; default 0` });
