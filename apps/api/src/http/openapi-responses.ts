import { z } from 'zod';
import { ERROR_CODES } from '../messages/http-messages';

const paramsSchema = z
  .record(z.string(), z.unknown())
  .meta({ description: 'The values filled into the text: text, numbers, or nested messages { key, params }' });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).meta({ description: 'What kind of failure: a client can decide on it' }),
      message: z.string().meta({ description: 'In the language of the request: ?lang=vi|en, else Accept-Language, else Vietnamese' }),
      key: z.string().meta({ description: 'The stable key of the message in the catalogue, e.g. field_problem' }),
      params: paramsSchema,
      details: z.array(
        z.object({
          path: z.string().meta({ description: 'The field or parameter, e.g. asOf or scopes.0' }),
          message: z.string(),
          key: z.string(),
          params: paramsSchema,
        }),
      ),
    }),
  })
  .meta({ id: 'Error' });

const json = { 'application/json': { schema: errorSchema } };

/** The error answers every read endpoint documents. */
export const errorResponses = {
  400: { description: 'Bad input: details name each parameter and what to change', content: json },
  404: { description: 'Unknown unit or page', content: json },
} as const;
