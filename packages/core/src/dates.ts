import { z } from 'zod';
import { toIsoDate } from './calendar';

export * from './calendar';

/** A real calendar date written YYYY-MM-DD (rejects 2022-02-30). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD', abort: true })
  .refine((value) => toIsoDate(new Date(`${value}T00:00:00Z`)) === value, 'is not a real calendar date');

