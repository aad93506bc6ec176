import { z } from 'zod';

/**
 * Turns off zod's compiled fast path. Browsers call it once at start-up: zod probes for it with
 * `new Function`, which a strict Content-Security-Policy (no 'unsafe-eval') reports as a violation
 * even though zod catches the error.
 */
export function disableZodJit(): void {
  z.config({ jitless: true });
}
