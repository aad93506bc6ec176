import { z } from 'zod';
import { LEVELS, SCHEME_IDS } from './scheme-rules';

export * from './scheme-rules';

export const schemeIdSchema = z.enum(SCHEME_IDS);
export const levelSchema = z.enum(LEVELS);
