// Reporting periods and province reports: permission checks, writes through runWrite, and the
// completeness / timeliness read models (DESIGN.md §5 "report").
import {
  deadlineProblem,
  reportingRates,
  toReportingCounts,
  type CompletenessResponse,
  type CreateReportingPeriodBody,
  type PeriodCompletenessResponse,
  type ProvinceReport,
  type ProvinceReportRow,
  type ReportingCompletenessQuery,
  type ReportingPeriod,
  type ReportingPeriodListQuery,
  type ReportingPeriodListResponse,
  type SchemeId,
  type SubmitReportBody,
  type Unit,
  type UpdateReportingPeriodBody,
} from '@mttq/core';
import { assertCanWriteUnit, requireRole, type SessionUser } from '../auth/user';
import { ApiError, badRequest, dateParam, notFound } from '../http/errors';
import { monthParam } from '../messages/domain-messages';
import { msg } from '../messages';

import { resolveScheme } from '../http/scope';
import type { Services } from '../http/services';
import { runWrite } from '../writes/run-write';
import {
  getPeriod,
  getPeriodByMonth,
  getPeriodSummary,
  getProvinceReport,
  insertPeriod,
  listPeriodReports,
  listPeriodSummaries,
  listProvinceTallies,
  updatePeriodDeadline,
  upsertProvinceReport,
  type DbPeriodSummary,
  type DbProvinceReport,
  type DbReportingPeriod,
} from './queries';

/** Who may open reporting periods and move their deadlines. */
const PERIOD_ROLES = ['admin', 'central'] as const;
/** Who may submit a province's report: its officers, or central staff on its behalf. */
const REPORT_ROLES = ['admin', 'central', 'province'] as const;

/** Every province of the scheme, sorted by code: the denominator of completeness. */
function listProvinces(services: Services, scheme: SchemeId): Unit[] {
  return services.units(scheme).filter((unit) => unit.level === 'province');
}

function unknownPeriod(id: number): ApiError {
  return notFound(msg('report_period_not_found', { id: String(id) }));
}

function toReportingPeriod(row: DbPeriodSummary, provinces: number, today: string): ReportingPeriod {
  const counts = toReportingCounts(provinces, row.submitted, row.on_time);
  return {
    id: row.id,
    scheme: row.scheme,
    month: row.month,
    deadline: row.deadline,
    isPastDeadline: row.deadline < today,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    provinces: counts,
    ...reportingRates(counts),
  };
}

/** A period as the audit log records it. */
const toPeriodAudit = (row: DbReportingPeriod) => ({
  id: row.id,
  scheme: row.scheme,
  month: row.month,
  deadline: row.deadline,
  openedAt: row.opened_at,
  openedBy: row.opened_by,
});

/** A report as the audit log records it. */
const toReportAudit = (period: DbReportingPeriod, row: DbProvinceReport) => ({
  periodId: period.id,
  scheme: period.scheme,
  month: period.month,
  provinceCode: row.province_code,
  submittedAt: row.submitted_at,
  submittedBy: row.submitted_by,
  note: row.note,
});

function periodAnswer(services: Services, id: number): ReportingPeriod {
  const row = getPeriodSummary(services.db, id);
  if (!row) throw unknownPeriod(id);
  return toReportingPeriod(row, listProvinces(services, row.scheme).length, services.today());
}

// ---------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------

/** POST /reporting/periods: central staff open a month for reports; 409 when it is already open. */
export function openReportingPeriod(services: Services, user: SessionUser | null, body: CreateReportingPeriodBody, now = new Date()): ReportingPeriod {
  const signedIn = requireRole(user, PERIOD_ROLES);
  const id = runWrite(services, signedIn, () => {
    const existing = getPeriodByMonth(services.db, body.scheme, body.month);
    if (existing) {
      throw new ApiError(
        409,
        'conflict',
        msg('report_period_open', { scheme: body.scheme, month: monthParam(body.month), id: String(existing.id), deadline: dateParam(existing.deadline) }),
      );
    }
    const periodId = insertPeriod(services.db, { ...body, openedBy: signedIn.id, openedAt: now.toISOString() });
    const after = getPeriod(services.db, periodId)!;
    return { result: periodId, audit: [{ action: 'create', entity: 'reporting_period', entityId: periodId, before: null, after: toPeriodAudit(after) }] };
  });
  return periodAnswer(services, id);
}

/** PATCH /reporting/periods/{id}: central staff move a deadline (not before the month's first day). */
export function updateReportingPeriod(services: Services, user: SessionUser | null, id: number, body: UpdateReportingPeriodBody): ReportingPeriod {
  const signedIn = requireRole(user, PERIOD_ROLES);
  runWrite(services, signedIn, () => {
    const before = getPeriod(services.db, id);
    if (!before) throw unknownPeriod(id);
    if (deadlineProblem(before.month, body.deadline)) {
      throw badRequest('deadline', msg('report_deadline_before_month', { first: dateParam(`${before.month}-01`), deadline: dateParam(body.deadline) }));
    }
    updatePeriodDeadline(services.db, id, body.deadline);
    const after = getPeriod(services.db, id)!;
    return { result: null, audit: [{ action: 'update', entity: 'reporting_period', entityId: id, before: toPeriodAudit(before), after: toPeriodAudit(after) }] };
  });
  return periodAnswer(services, id);
}

/**
 * POST /reporting/periods/{id}/reports: a province confirms its units' status and metrics for the
 * month. Its own officers submit; central staff and admins may record it on its behalf. Submitting
 * again updates the report (time, submitter, note) rather than adding a second one.
 */
export function submitProvinceReport(services: Services, user: SessionUser | null, id: number, body: SubmitReportBody, now = new Date()): ProvinceReport {
  const signedIn = requireRole(user, REPORT_ROLES);
  const period = getPeriod(services.db, id);
  if (!period) throw unknownPeriod(id);
  const province = listProvinces(services, period.scheme).find((unit) => unit.code === body.provinceCode);
  if (!province) {
    throw badRequest('provinceCode', msg('report_not_a_province', { code: body.provinceCode, scheme: period.scheme, id: String(id) }));
  }
  // A province officer's scope must be this very province: a district scope does not contain it.
  assertCanWriteUnit(services, signedIn, period.scheme, province.code);
  const { before, after } = runWrite(services, signedIn, () => {
    const previous = getProvinceReport(services.db, id, province.code) ?? null;
    // Omitted: keep the previous note; blank: clear it.
    const note = body.note === undefined ? (previous?.note ?? null) : body.note || null;
    upsertProvinceReport(services.db, { periodId: id, scheme: period.scheme, provinceCode: province.code, submittedBy: signedIn.id, submittedAt: now.toISOString(), note });
    const current = getProvinceReport(services.db, id, province.code)!;
    return {
      result: { before: previous, after: current },
      audit: [
        {
          action: previous ? 'update' : 'create',
          entity: 'province_report',
          entityId: `${id}:${province.code}`,
          before: previous ? toReportAudit(period, previous) : null,
          after: toReportAudit(period, current),
        },
      ],
    };
  });
  return {
    period: period.id,
    scheme: period.scheme,
    month: period.month,
    deadline: period.deadline,
    provinceCode: province.code,
    name: province.name,
    submittedAt: after.submitted_at,
    submittedBy: after.submitted_by,
    isOnTime: after.is_on_time === 1,
    note: after.note,
    isResubmission: before !== null,
  };
}

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

/** GET /reporting/periods: a scheme's periods, newest month first, each with its completeness. */
export function listReportingPeriods(services: Services, query: ReportingPeriodListQuery): ReportingPeriodListResponse {
  const scheme = resolveScheme(services, query.scheme);
  const provinces = listProvinces(services, scheme).length;
  const today = services.today();
  const rows = listPeriodSummaries(services.db, scheme, { from: null, to: null }, 'newest');
  return { scheme, asOf: today, demo: services.isDemo(), periods: rows.map((row) => toReportingPeriod(row, provinces, today)) };
}

function toReportRow(province: Unit, report: DbProvinceReport | undefined): ProvinceReportRow {
  return {
    provinceCode: province.code,
    name: province.name,
    submittedAt: report?.submitted_at ?? null,
    submittedBy: report?.submitted_by ?? null,
    isOnTime: report ? report.is_on_time === 1 : null,
    note: report?.note ?? null,
  };
}

/** GET /reporting/periods/{id}/completeness: every province of the period's scheme and its report. */
export function getPeriodCompleteness(services: Services, id: number): PeriodCompletenessResponse {
  const period = getPeriod(services.db, id);
  if (!period) throw unknownPeriod(id);
  const reports = new Map(listPeriodReports(services.db, id).map((report) => [report.province_code, report]));
  const rows = listProvinces(services, period.scheme).map((province) => toReportRow(province, reports.get(province.code)));
  const submitted = rows.filter((row) => row.submittedAt !== null).length;
  const onTime = rows.filter((row) => row.isOnTime === true).length;
  const counts = toReportingCounts(rows.length, submitted, onTime);
  const today = services.today();
  return {
    period: period.id,
    scheme: period.scheme,
    month: period.month,
    deadline: period.deadline,
    isPastDeadline: period.deadline < today,
    asOf: today,
    demo: services.isDemo(),
    provinces: counts,
    ...reportingRates(counts),
    rows,
  };
}

/**
 * GET /reporting/completeness: for the scheme's periods from `from` to `to` (months), the
 * nationwide completeness of each period, and per province how many of them it reported on, on time.
 */
export function getReportingCompleteness(services: Services, query: ReportingCompletenessQuery): CompletenessResponse {
  const scheme = resolveScheme(services, query.scheme);
  const range = { from: query.from ?? null, to: query.to ?? null };
  const provinces = listProvinces(services, scheme);
  const today = services.today();
  const series = listPeriodSummaries(services.db, scheme, range, 'oldest').map((row) => {
    const { openedAt: _openedAt, openedBy: _openedBy, ...point } = toReportingPeriod(row, provinces.length, today);
    return point;
  });
  const tallies = new Map(listProvinceTallies(services.db, scheme, range).map((tally) => [tally.province_code, tally]));
  const rows = provinces.map((province) => {
    const tally = tallies.get(province.code);
    const { total, ...counts } = toReportingCounts(series.length, tally?.submitted ?? 0, tally?.on_time ?? 0);
    return { provinceCode: province.code, name: province.name, periods: total, ...counts, ...reportingRates({ total, ...counts }) };
  });
  return { scheme, ...range, asOf: today, demo: services.isDemo(), periods: series.length, series, rows };
}
