import { z } from 'zod';

/**
 * Turns off zod's compiled fast path. Browsers call it once at start-up: zod probes for it with
 * `new Function`, which a strict Content-Security-Policy (no 'unsafe-eval') reports as a violation
 * even though zod catches the error.
 */
export function disableZodJit(): void {
  z.config({ jitless: true });
}

/**
 * A schema-level message for a missing or mistyped value only, so the schema's checks keep their
 * own: z.string({ error: typeMessage('field_must_be_text') }).min(1). The shared schemas write
 * catalogue keys of the API (apps/api/src/messages), which renders them in the reader's language.
 */
export const typeMessage =
  (key: string) =>
  (issue: { code: string }): string | undefined =>
    issue.code === 'invalid_type' ? key : undefined;
