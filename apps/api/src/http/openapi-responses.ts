import { z } from 'zod';

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'bad_request, not_found, …' }),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: 'Error' });

const json = { 'application/json': { schema: errorSchema } };

/** The error answers every read endpoint documents. */
export const errorResponses = {
  400: { description: 'Bad input: details name each parameter and what to change', content: json },
  404: { description: 'Unknown unit or page', content: json },
} as const;
