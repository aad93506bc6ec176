// SQL of the reporting endpoints: one function per question, parameters bound.
import type { SchemeId } from '@mttq/core';
import type { Db } from '../db/connection';

/**
 * A report is on time when its instant, as a Vietnamese calendar day (UTC+7), is on or before the
 * period's deadline; mirrors isSubmittedOnTime in @mttq/core. Needs aliases r (province_reports)
 * and p (reporting_periods).
 */
const IS_ON_TIME = `(date(r.submitted_at, '+7 hours') <= p.deadline)`;

export interface DbReportingPeriod {
  id: number;
  scheme: SchemeId;
  month: string;
  deadline: string;
  opened_at: string;
  /** Username of the account that opened it; null when the account was deleted. */
  opened_by: string | null;
}

/** A period with how many provinces submitted, and how many on time. */
export interface DbPeriodSummary extends DbReportingPeriod {
  submitted: number;
  on_time: number;
}

export interface DbProvinceReport {
  period_id: number;
  province_code: string;
  submitted_at: string;
  submitted_by_id: number | null;
  /** Username; null when the account was deleted. */
  submitted_by: string | null;
  note: string | null;
  is_on_time: 0 | 1;
}

export interface DbProvinceTally {
  province_code: string;
  submitted: number;
  on_time: number;
}

const PERIOD_COLUMNS = `p.id, p.scheme, p.month, p.deadline, p.opened_at, u.username AS opened_by`;

export function getPeriod(db: Db, id: number): DbReportingPeriod | undefined {
  return db
    .prepare(`SELECT ${PERIOD_COLUMNS} FROM reporting_periods p LEFT JOIN users u ON u.id = p.opened_by WHERE p.id = ?`)
    .get(id) as DbReportingPeriod | undefined;
}

export function getPeriodByMonth(db: Db, scheme: SchemeId, month: string): DbReportingPeriod | undefined {
  return db
    .prepare(`SELECT ${PERIOD_COLUMNS} FROM reporting_periods p LEFT JOIN users u ON u.id = p.opened_by WHERE p.scheme = ? AND p.month = ?`)
    .get(scheme, month) as DbReportingPeriod | undefined;
}

const SUMMARY_SQL = `SELECT ${PERIOD_COLUMNS},
         count(r.province_code) AS submitted,
         coalesce(sum(${IS_ON_TIME}), 0) AS on_time
  FROM reporting_periods p
  LEFT JOIN users u ON u.id = p.opened_by
  LEFT JOIN province_reports r ON r.period_id = p.id`;

/** One period with its counts. */
export function getPeriodSummary(db: Db, id: number): DbPeriodSummary | undefined {
  return db.prepare(`${SUMMARY_SQL} WHERE p.id = ? GROUP BY p.id`).get(id) as DbPeriodSummary | undefined;
}

/** The periods of a scheme within [from, to] (months, inclusive; null: open-ended) with their counts. */
export function listPeriodSummaries(db: Db, scheme: SchemeId, range: { from: string | null; to: string | null }, order: 'newest' | 'oldest'): DbPeriodSummary[] {
  return db
    .prepare(
      `${SUMMARY_SQL}
       WHERE p.scheme = ? AND (? IS NULL OR p.month >= ?) AND (? IS NULL OR p.month <= ?)
       GROUP BY p.id
       ORDER BY p.month ${order === 'newest' ? 'DESC' : 'ASC'}`,
    )
    .all(scheme, range.from, range.from, range.to, range.to) as DbPeriodSummary[];
}

/** Province reports with their period (alias p), submitter's name and timeliness. */
const REPORTS = /* sql */ `
  SELECT r.period_id, r.province_code, r.submitted_at, r.submitted_by AS submitted_by_id, u.username AS submitted_by, r.note,
         ${IS_ON_TIME} AS is_on_time
  FROM province_reports r
  JOIN reporting_periods p ON p.id = r.period_id
  LEFT JOIN users u ON u.id = r.submitted_by`;

/** The reports of one period, by province code. */
export function listPeriodReports(db: Db, periodId: number): DbProvinceReport[] {
  return db
    .prepare(
      `${REPORTS} WHERE r.period_id = ? ORDER BY r.province_code`,
    )
    .all(periodId) as DbProvinceReport[];
}

export function getProvinceReport(db: Db, periodId: number, provinceCode: string): DbProvinceReport | undefined {
  return db
    .prepare(
      `${REPORTS} WHERE r.period_id = ? AND r.province_code = ?`,
    )
    .get(periodId, provinceCode) as DbProvinceReport | undefined;
}

/** Per province: reports submitted, and on time, over the scheme's periods within [from, to]. */
export function listProvinceTallies(db: Db, scheme: SchemeId, range: { from: string | null; to: string | null }): DbProvinceTally[] {
  return db
    .prepare(
      `SELECT r.province_code, count(*) AS submitted, sum(${IS_ON_TIME}) AS on_time
       FROM province_reports r
       JOIN reporting_periods p ON p.id = r.period_id
       WHERE p.scheme = ? AND (? IS NULL OR p.month >= ?) AND (? IS NULL OR p.month <= ?)
       GROUP BY r.province_code
       ORDER BY r.province_code`,
    )
    .all(scheme, range.from, range.from, range.to, range.to) as DbProvinceTally[];
}

export function insertPeriod(db: Db, period: { scheme: SchemeId; month: string; deadline: string; openedBy: number; openedAt: string }): number {
  const result = db
    .prepare('INSERT INTO reporting_periods (scheme, month, deadline, opened_by, opened_at) VALUES (?, ?, ?, ?, ?)')
    .run(period.scheme, period.month, period.deadline, period.openedBy, period.openedAt);
  return Number(result.lastInsertRowid);
}

export function updatePeriodDeadline(db: Db, id: number, deadline: string): void {
  db.prepare('UPDATE reporting_periods SET deadline = ? WHERE id = ?').run(deadline, id);
}

/** Inserts a province's report, or replaces the submitter, instant and note of its existing one. */
export function upsertProvinceReport(
  db: Db,
  report: { periodId: number; scheme: SchemeId; provinceCode: string; submittedBy: number; submittedAt: string; note: string | null },
): void {
  db.prepare(
    `INSERT INTO province_reports (period_id, scheme, province_code, submitted_by, submitted_at, note)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (period_id, province_code) DO UPDATE SET
       submitted_by = excluded.submitted_by, submitted_at = excluded.submitted_at, note = excluded.note`,
  ).run(report.periodId, report.scheme, report.provinceCode, report.submittedBy, report.submittedAt, report.note);
}
