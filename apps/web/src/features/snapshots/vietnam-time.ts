/** Vietnam keeps UTC+7 all year (no daylight saving), so its calendar needs no time-zone data. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

const shifted = (instant: string): string | null => {
  const time = Date.parse(instant);
  return Number.isNaN(time) ? null : new Date(time + VIETNAM_OFFSET_MS).toISOString();
};

/** The Vietnam calendar day of an ISO instant: vietnamDate('2022-08-11T18:00:00Z') → '2022-08-12' */
export function vietnamDate(instant: string): string {
  return shifted(instant)?.slice(0, 10) ?? instant.slice(0, 10);
}

/** The Vietnam wall-clock time of an ISO instant: vietnamTime('2022-08-11T18:05:00Z') → '01:05' */
export function vietnamTime(instant: string): string {
  return shifted(instant)?.slice(11, 16) ?? '';
}

/** Today in Vietnam, YYYY-MM-DD: the last date a snapshot can freeze. */
export function vietnamToday(now: Date = new Date()): string {
  return vietnamDate(now.toISOString());
}
