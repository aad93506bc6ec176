/**
 * Today as the server counts it (UTC), YYYY-MM-DD: the API's default date, so a date picked today
 * is never "in the future" there. todayIso(new Date('2026-11-27T20:00:00-05:00')) → '2026-11-28'
 */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
