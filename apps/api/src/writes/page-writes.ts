/**
 * The writes of pages, assignments, status events and monthly metrics, as plain functions.
 *
 * Each one checks the user's scope, validates everything, then writes, and returns its result
 * with the audit entries to record: { result, audit }, the shape runWrite takes. None opens a
 * transaction: a route wraps one call in runWrite; a bulk import wraps many in one runWrite.
 * Every check happens before the first row is written, so a caught ApiError leaves nothing
 * half-written inside the caller's transaction.
 *
 *   runWrite(services, user, () => createPage(services, user, input))
 */
import {
  isPageLive,
  lastDayOfMonth,
  defaultAsOf,
  OWNERS,
  PLATFORMS,
  SCHEMES,
  type AssignmentBasis,
  type MetricSource,
  type Owner,
  type PageDetail,
  type PageMonthMetrics,
  type Platform,
  type RecordableStatus,
  type SchemeId,
} from '@mttq/core';
import { isInsideScope } from '../auth/scope-image';
import { assertCanWriteUnit, outsideScope, requireRole, type SessionUser } from '../auth/user';
import type { Db } from '../db/connection';
import { statement } from '../db/statements';
import { ApiError, badRequest, dateParam, notFound } from '../http/errors';
import { monthParam } from '../messages/domain-messages';
import { msg, type Message } from '../messages';

import type { Services } from '../http/services';
import { getPage, listPageStatusEvents, type DbPage } from '../pages/page-queries';
import { getPageDetail } from '../pages/routes';
import { findLiveFrontPage } from './front-pages';
import { deriveReformAssignments } from './reform-assignments';
import type { AuditEntry } from './run-write';
import { normalisePageUrl } from './url-normalise';

/** What a write function returns: its result and the audit rows for runWrite to store. */
export interface WriteOutcome<T> {
  result: T;
  audit: AuditEntry[];
}

/** Audit entity names, as stored in audit_log.entity. */
export const AUDIT_ENTITIES = {
  page: 'page',
  assignment: 'page_assignment',
  event: 'page_status_event',
  metric: 'metric_snapshot',
} as const;

export const PAGE_NAME_MAX = 300;
export const NOTE_MAX = 2000;

// --- Shapes stored in the audit log: the domain form of each row.

interface PageRecord {
  id: number;
  platform: Platform;
  url: string;
  platformId: string | null;
  name: string;
  owner: Owner;
  launchedOn: string;
}

const toPageRecord = (row: DbPage): PageRecord => ({
  id: row.id,
  platform: row.platform,
  url: row.url,
  platformId: row.platform_id,
  name: row.name,
  owner: row.owner,
  launchedOn: row.launched_on,
});

interface AssignmentRecord {
  pageId: number;
  scheme: SchemeId;
  unitCode: string;
  basis: AssignmentBasis;
}

interface EventRecord {
  id: number;
  pageId: number;
  status: RecordableStatus;
  effectiveOn: string;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

interface DbMetricRow {
  followers: number;
  posts: number;
  interactions: number;
  views: number | null;
  last_post_on: string | null;
  source: MetricSource;
}

const toMetrics = (month: string, row: DbMetricRow): PageMonthMetrics => ({
  month,
  followers: row.followers,
  posts: row.posts,
  interactions: row.interactions,
  views: row.views,
  lastPostOn: row.last_post_on,
  source: row.source,
});

// --- Checks shared by the writes.

/** 409 with a message saying what is in the way. */
export const conflict = (message: Message) => new ApiError(409, 'conflict', message);

/** A status as a parameter of a message: statusName('verified') → 'đã xác minh' / 'verified'. */
const statusName = (status: string) => msg(`page_status_${status}` as 'page_status_verified');

/** The page, or a 404. */
export function requirePage(db: Db, pageId: number): DbPage {
  const page = getPage(db, pageId);
  if (!page) throw notFound(msg('page_not_found', { id: String(pageId) }));
  return page;
}

/** A unit of the scheme, or a 400 naming the field `path`. */
function requireUnit(db: Db, scheme: SchemeId, code: string, path: string): void {
  const unit = statement(db, 'SELECT 1 FROM units WHERE scheme = ? AND code = ?').get(scheme, code);
  if (!unit) throw badRequest(path, msg('write_unit_not_in_scheme', { code, scheme }));
}

/**
 * 403 unless `user` may write page `pageId`: admin and central staff any page; a province
 * officer only a page that has at least one assignment and whose every assignment, in every
 * scheme, lies inside their scope (through the crosswalk). So a page of another province that
 * lacks an assignment in one scheme cannot be taken over by assigning it there.
 */
export function assertCanWritePage(services: Services, user: SessionUser | null, pageId: number): SessionUser {
  const signedIn = requireRole(user, ['admin', 'central', 'province']);
  if (signedIn.role !== 'province') return signedIn;
  const assignments = statement(services.db, 'SELECT scheme, unit_code FROM page_assignments WHERE page_id = ? ORDER BY scheme').all(pageId) as {
    scheme: SchemeId;
    unit_code: string;
  }[];
  if (assignments.length === 0) throw outsideScope(services, signedIn, msg('page_scope_without_unit', { id: String(pageId) }));
  const outside = assignments.find((a) => !isInsideScope(services, signedIn.scopes, a.scheme, a.unit_code));
  if (outside) throw outsideScope(services, signedIn, msg('page_scope_of_unit', { id: String(pageId), unit: `${outside.scheme}:${outside.unit_code}` }));
  return signedIn;
}

/** A date that is not after today, or a 400 naming the field. */
function assertNotFuture(today: string, date: string, path: string): void {
  if (date > today) throw badRequest(path, msg('write_date_in_future', { date: dateParam(date), today: dateParam(today) }));
}

/** Is the date a real YYYY-MM-DD date? For callers that do not come through the zod schemas. */
function assertIsoDate(date: string, path: string): void {
  const isReal = /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
  if (!isReal) throw badRequest(path, msg('write_date_not_real'));
}

/** A page launched after a scheme ended cannot belong to one of its units. */
function assertSchemeOpenAt(scheme: SchemeId, launchedOn: string, path: string): void {
  const { validTo } = SCHEMES[scheme];
  if (validTo !== null && launchedOn > validTo) {
    throw badRequest(path, msg('write_scheme_ended', { scheme, validTo: dateParam(validTo), launchedOn: dateParam(launchedOn) }));
  }
}

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw badRequest('name', msg('field_not_empty'));
  if (trimmed.length > PAGE_NAME_MAX) throw badRequest('name', msg('field_max_chars', { max: PAGE_NAME_MAX }));
  return trimmed;
}

function cleanPlatformId(platformId: string | null | undefined): string | null {
  if (platformId === undefined || platformId === null) return null;
  const trimmed = platformId.trim();
  if (trimmed === '') throw badRequest('platformId', msg('page_platform_id_empty'));
  if (trimmed.length > 200) throw badRequest('platformId', msg('field_max_chars', { max: 200 }));
  return trimmed;
}

/** 409 when another page already has this URL, naming it. */
function assertUrlIsFree(db: Db, url: string, exceptId: number | null): void {
  const other = statement(db, 'SELECT id, name FROM pages WHERE url = ? AND id IS NOT ?').get(url, exceptId) as { id: number; name: string } | undefined;
  if (other) throw conflict(msg('write_url_taken', { id: String(other.id), name: other.name, url }));
}

/** 409 when another page of the platform already has this platform id, naming it. */
function assertPlatformIdIsFree(db: Db, platform: Platform, platformId: string | null, exceptId: number | null): void {
  if (platformId === null) return;
  const other = statement(db, 'SELECT id, name FROM pages WHERE platform = ? AND platform_id = ? AND id IS NOT ?').get(platform, platformId, exceptId) as
    | { id: number; name: string }
    | undefined;
  if (other) throw conflict(msg('write_platform_id_taken', { id: String(other.id), name: other.name, platform, platformId }));
}

function insertEvent(db: Db, user: SessionUser, pageId: number, status: RecordableStatus, effectiveOn: string, note: string | null): AuditEntry {
  const recordedAt = new Date().toISOString();
  const { lastInsertRowid } = statement(
    db,
    'INSERT INTO page_status_events (page_id, status, effective_on, recorded_by, recorded_at, note) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(pageId, status, effectiveOn, user.username, recordedAt, note);
  const after: EventRecord = { id: Number(lastInsertRowid), pageId, status, effectiveOn, note, recordedBy: user.username, recordedAt };
  return { action: 'create', entity: AUDIT_ENTITIES.event, entityId: after.id, before: null, after };
}

// --- Pages.

/** A new page as a person or an import row gives it; url is normalised, name trimmed. */
export interface CreatePageInput {
  platform: Platform;
  url: string;
  name: string;
  /** Default front: the Front committee itself. */
  owner?: Owner;
  launchedOn: string;
  /** The unit the page belongs to, in one scheme; assigned with basis 'direct'. */
  unit: { scheme: SchemeId; code: string };
  platformId?: string | null;
  /** true: save a Front page even though the unit has a live one (else a 409 names it). */
  confirmSecondFrontPage?: boolean;
}

export interface CreatePageOptions {
  /** The effective date of the 'reported' event the new page gets; default today. */
  reportedOn?: string;
}

/**
 * Adds a page, its assignment (basis direct) and a 'reported' event recorded by the user.
 * 400 on bad input, 403 outside the user's scope, 409 when the URL or platform id is taken.
 * createPage(services, officer, { platform: 'facebook', url: 'facebook.com/mttq.x', name: 'MTTQ xã X',
 *   launchedOn: '2022-03-01', unit: { scheme: 'legacy63', code: '00004' } }) → { result: PageDetail, audit: [3 entries] }
 */
export function createPage(services: Services, user: SessionUser, input: CreatePageInput, options: CreatePageOptions = {}): WriteOutcome<PageDetail> {
  const { db } = services;
  const today = services.today();
  const { scheme, code } = input.unit;
  if (!PLATFORMS.includes(input.platform)) throw badRequest('platform', msg('field_one_of', { values: PLATFORMS.join(', ') }));
  const owner = input.owner ?? 'front';
  if (!OWNERS.includes(owner)) throw badRequest('owner', msg('field_one_of', { values: OWNERS.join(', ') }));
  requireUnit(db, scheme, code, 'unit.code');
  assertCanWriteUnit(services, user, scheme, code);
  const url = normalisePageUrl(input.platform, input.url);
  const name = cleanName(input.name);
  const platformId = cleanPlatformId(input.platformId);
  assertIsoDate(input.launchedOn, 'launchedOn');
  assertNotFuture(today, input.launchedOn, 'launchedOn');
  assertSchemeOpenAt(scheme, input.launchedOn, 'unit.scheme');
  const reportedOn = options.reportedOn ?? today;
  assertIsoDate(reportedOn, 'reportedOn');
  assertNotFuture(today, reportedOn, 'reportedOn');
  if (reportedOn < input.launchedOn) throw badRequest('reportedOn', msg('write_before_launch', { date: dateParam(reportedOn), launchedOn: dateParam(input.launchedOn) }));
  assertUrlIsFree(db, url, null);
  assertPlatformIdIsFree(db, input.platform, platformId, null);
  if (owner === 'front' && !input.confirmSecondFrontPage) {
    const existing = findLiveFrontPage(db, scheme, code, defaultAsOf(scheme, today));
    if (existing) {
      throw new ApiError(
        409,
        'second_front_page',
        msg('page_second_front_page', { unit: `${scheme}:${code}`, id: String(existing.id), name: existing.name, url: existing.url }),
      );
    }
  }

  const { lastInsertRowid } = statement(db, 'INSERT INTO pages (platform, url, platform_id, name, owner, launched_on) VALUES (?, ?, ?, ?, ?, ?)').run(
    input.platform,
    url,
    platformId,
    name,
    owner,
    input.launchedOn,
  );
  const pageId = Number(lastInsertRowid);
  statement(db, "INSERT INTO page_assignments (page_id, scheme, unit_code, basis) VALUES (?, ?, ?, 'direct')").run(pageId, scheme, code);
  const page: PageRecord = { id: pageId, platform: input.platform, url, platformId, name, owner, launchedOn: input.launchedOn };
  const assignment: AssignmentRecord = { pageId, scheme, unitCode: code, basis: 'direct' };
  const audit: AuditEntry[] = [
    { action: 'create', entity: AUDIT_ENTITIES.page, entityId: pageId, before: null, after: page },
    { action: 'create', entity: AUDIT_ENTITIES.assignment, entityId: `${pageId}/${scheme}`, before: null, after: assignment },
    insertEvent(db, user, pageId, 'reported', reportedOn, null),
    ...deriveReformAssignments(db, [pageId]).audit,
  ];
  return { result: getPageDetail(services, pageId, user), audit };
}

/** The fields PATCH /pages/{id} may change; absent ones stay. platformId null clears it. */
export interface UpdatePageInput {
  platform?: Platform;
  url?: string;
  name?: string;
  owner?: Owner;
  launchedOn?: string;
  platformId?: string | null;
}

/**
 * Changes a page's own fields. The URL is checked against the (new) platform; a new launch date
 * must not be after the page's first event or first reported month.
 * updatePage(services, officer, 42, { name: 'MTTQ phường Phúc Xá' }) → { result: PageDetail, audit: [1 entry] }
 */
export function updatePage(services: Services, user: SessionUser, pageId: number, patch: UpdatePageInput): WriteOutcome<PageDetail> {
  const { db } = services;
  const page = requirePage(db, pageId);
  assertCanWritePage(services, user, pageId);
  const before = toPageRecord(page);
  const platform = patch.platform ?? page.platform;
  if (!PLATFORMS.includes(platform)) throw badRequest('platform', msg('field_one_of', { values: PLATFORMS.join(', ') }));
  if (patch.owner !== undefined && !OWNERS.includes(patch.owner)) throw badRequest('owner', msg('field_one_of', { values: OWNERS.join(', ') }));
  // A stored URL is re-checked only when the platform changes under it.
  const url = patch.url !== undefined || platform !== page.platform ? normalisePageUrl(platform, patch.url ?? page.url) : page.url;
  const after: PageRecord = {
    ...before,
    platform,
    url,
    name: patch.name !== undefined ? cleanName(patch.name) : before.name,
    owner: patch.owner ?? before.owner,
    launchedOn: patch.launchedOn ?? before.launchedOn,
    platformId: patch.platformId !== undefined ? cleanPlatformId(patch.platformId) : before.platformId,
  };
  if (after.launchedOn !== before.launchedOn) assertLaunchFits(services, pageId, after.launchedOn);
  if (after.url !== before.url) assertUrlIsFree(db, after.url, pageId);
  if (after.platformId !== before.platformId || after.platform !== before.platform) assertPlatformIdIsFree(db, after.platform, after.platformId, pageId);

  const isChanged = (Object.keys(after) as (keyof PageRecord)[]).some((key) => after[key] !== before[key]);
  if (!isChanged) return { result: getPageDetail(services, pageId, user), audit: [] };
  statement(db, 'UPDATE pages SET platform = ?, url = ?, platform_id = ?, name = ?, owner = ?, launched_on = ? WHERE id = ?').run(
    after.platform,
    after.url,
    after.platformId,
    after.name,
    after.owner,
    after.launchedOn,
    pageId,
  );
  return { result: getPageDetail(services, pageId, user), audit: [{ action: 'update', entity: AUDIT_ENTITIES.page, entityId: pageId, before, after }] };
}

/** A new launch date: a real past date, not after the page's first event or reported month. */
function assertLaunchFits(services: Services, pageId: number, launchedOn: string): void {
  const { db } = services;
  assertIsoDate(launchedOn, 'launchedOn');
  assertNotFuture(services.today(), launchedOn, 'launchedOn');
  const first = statement(db, 'SELECT status, effective_on FROM page_status_events WHERE page_id = ? ORDER BY effective_on, id LIMIT 1').get(pageId) as
    | { status: string; effective_on: string }
    | undefined;
  if (first && first.effective_on < launchedOn) {
    throw conflict(msg('page_launch_after_event', { status: statusName(first.status), date: dateParam(first.effective_on), launchedOn: dateParam(launchedOn) }));
  }
  const month = statement(db, 'SELECT min(month) AS month FROM metric_snapshots WHERE page_id = ?').get(pageId) as { month: string | null };
  if (month.month !== null && month.month < launchedOn.slice(0, 7)) {
    throw conflict(msg('page_launch_after_figures', { month: monthParam(month.month), launchedOn: dateParam(launchedOn) }));
  }
  const legacy = statement(db, "SELECT 1 FROM page_assignments WHERE page_id = ? AND scheme = 'legacy63'").get(pageId);
  if (legacy && launchedOn > SCHEMES.legacy63.validTo!) {
    throw conflict(msg('page_launch_after_legacy', { validTo: dateParam(SCHEMES.legacy63.validTo!), launchedOn: dateParam(launchedOn) }));
  }
}

// --- Assignments.

/**
 * Assigns the page to a unit of `scheme`, replacing its unit there (basis manual by default).
 * The user must be able to write the new unit and the page's current unit in that scheme.
 * assignPage(services, central, 42, 'reform34', '00004') → { result: PageDetail, audit: [1 entry] }
 */
export function assignPage(
  services: Services,
  user: SessionUser,
  pageId: number,
  scheme: SchemeId,
  unitCode: string,
  basis: AssignmentBasis = 'manual',
): WriteOutcome<PageDetail> {
  const { db } = services;
  const page = requirePage(db, pageId);
  requireUnit(db, scheme, unitCode, 'unitCode');
  // The page as it is (every assignment, in every scheme) and the unit it goes to.
  assertCanWritePage(services, user, pageId);
  assertCanWriteUnit(services, user, scheme, unitCode);
  const current = statement(db, 'SELECT unit_code, basis FROM page_assignments WHERE page_id = ? AND scheme = ?').get(pageId, scheme) as
    | { unit_code: string; basis: AssignmentBasis }
    | undefined;
  assertSchemeOpenAt(scheme, page.launched_on, 'scheme');
  if (current && current.unit_code === unitCode && current.basis === basis) return { result: getPageDetail(services, pageId, user), audit: [] };

  statement(
    db,
    `INSERT INTO page_assignments (page_id, scheme, unit_code, basis) VALUES (?, ?, ?, ?)
     ON CONFLICT (page_id, scheme) DO UPDATE SET unit_code = excluded.unit_code, basis = excluded.basis, is_demo = 0`,
  ).run(pageId, scheme, unitCode, basis);
  const before: AssignmentRecord | null = current ? { pageId, scheme, unitCode: current.unit_code, basis: current.basis } : null;
  const after: AssignmentRecord = { pageId, scheme, unitCode, basis };
  const audit: AuditEntry[] = [{ action: current ? 'update' : 'create', entity: AUDIT_ENTITIES.assignment, entityId: `${pageId}/${scheme}`, before, after }];
  audit.push(...deriveReformAssignments(db, [pageId]).audit);
  return { result: getPageDetail(services, pageId, user), audit };
}

// --- Status events.

export interface PageEventInput {
  status: RecordableStatus;
  effectiveOn: string;
  /** Required for rejected: the reason the province reads. */
  note?: string | null;
}

const REVIEW_STATUSES: readonly RecordableStatus[] = ['verified', 'rejected'];
const LIFECYCLE: readonly string[] = ['closed', 'rejected', 'reopened'];

/**
 * Records a dated status event, recorded_by the user. verified / rejected are central staff's
 * and admins'; rejected needs a note. The event must fit the history: not in the future, not
 * before the launch; closed / rejected / reopened not before the latest of them; closed,
 * rejected, verified and reported only while the page is live at that date, reopened only while
 * it is closed or rejected (409 otherwise).
 * recordPageEvent(services, central, 42, { status: 'rejected', effectiveOn: '2022-05-02', note: 'Trang cá nhân' })
 *   → { result: PageDetail, audit: [1 entry] }
 */
export function recordPageEvent(services: Services, user: SessionUser, pageId: number, input: PageEventInput): WriteOutcome<PageDetail> {
  const { db } = services;
  const page = requirePage(db, pageId);
  assertCanWritePage(services, user, pageId);
  const { status, effectiveOn } = input;
  if (REVIEW_STATUSES.includes(status)) {
    if (user.role !== 'admin' && user.role !== 'central') {
      throw new ApiError(403, 'forbidden', msg('page_review_central_only', { status: statusName(status) }));
    }
  }
  const note = input.note?.trim() || null;
  if (note !== null && note.length > NOTE_MAX) throw badRequest('note', msg('field_max_chars', { max: NOTE_MAX }));
  if (status === 'rejected' && note === null) throw badRequest('note', msg('page_reject_needs_note'));
  assertIsoDate(effectiveOn, 'effectiveOn');
  assertNotFuture(services.today(), effectiveOn, 'effectiveOn');
  if (effectiveOn < page.launched_on) throw badRequest('effectiveOn', msg('write_before_launch', { date: dateParam(effectiveOn), launchedOn: dateParam(page.launched_on) }));

  const events = listPageStatusEvents(db, pageId);
  const history = { launchedOn: page.launched_on, events: events.map((e) => ({ status: e.status, effectiveOn: e.effective_on })) };
  const latestLifecycle = events.filter((e) => LIFECYCLE.includes(e.status)).at(-1);
  if (LIFECYCLE.includes(status) && latestLifecycle && effectiveOn < latestLifecycle.effective_on) {
    throw conflict(
      msg('page_event_before_lifecycle', { last: statusName(latestLifecycle.status), lastOn: dateParam(latestLifecycle.effective_on), status: statusName(status) }),
    );
  }
  const isLive = isPageLive(history, effectiveOn);
  const lastEnd = events.filter((e) => (e.status === 'closed' || e.status === 'rejected') && e.effective_on <= effectiveOn).at(-1);
  const whyNotLive = lastEnd ? msg('page_not_live_since', { status: statusName(lastEnd.status), date: dateParam(lastEnd.effective_on) }) : msg('page_not_live');
  if (status === 'reopened' && isLive) throw conflict(msg('page_reopen_live', { id: String(pageId), date: dateParam(effectiveOn) }));
  if (status !== 'reopened' && !isLive) {
    const fix = status === 'closed' || status === 'rejected' ? msg('page_fix_nothing') : msg('page_fix_reopen');
    throw conflict(msg('page_cannot_take_status', { id: String(pageId), status: statusName(status), date: dateParam(effectiveOn), why: whyNotLive, fix }));
  }
  if (status === 'verified') {
    // Verified since it last came back (or ever) by that date: a second verification says nothing new.
    const since = events.filter((e) => LIFECYCLE.includes(e.status) && e.effective_on <= effectiveOn).at(-1)?.effective_on ?? '';
    const verified = events.find((e) => e.status === 'verified' && e.effective_on >= since && e.effective_on <= effectiveOn);
    if (verified) throw conflict(msg('page_already_verified', { id: String(pageId), date: dateParam(verified.effective_on) }));
  }
  // A reopening can make the page live on the day of the reform: carry it across then.
  const audit = [insertEvent(db, user, pageId, status, effectiveOn, note), ...deriveReformAssignments(db, [pageId]).audit];
  return { result: getPageDetail(services, pageId, user), audit };
}

// --- Monthly metrics.

/** A month's figures: counts are whole numbers, 0 or more. */
export interface MetricInput {
  followers: number;
  posts: number;
  interactions: number;
  views?: number | null;
  lastPostOn?: string | null;
}

export interface MetricWrite {
  metrics: PageMonthMetrics;
  /** true when the month had no figures before. */
  isNew: boolean;
}

function assertCount(value: unknown, path: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw badRequest(path, msg('metric_count_invalid'));
}

/**
 * Stores a page's figures for a month (YYYY-MM), replacing any stored ones. The month must not
 * be after today's month nor before the launch month; lastPostOn, when given, must fall between
 * the launch and the month's end, and not in the future.
 * upsertMetric(services, officer, 42, '2024-05', { followers: 1200, posts: 9, interactions: 340 })
 *   → { result: { metrics: { month: '2024-05', …, source: 'manual' }, isNew: true }, audit: [1 entry] }
 */
export function upsertMetric(
  services: Services,
  user: SessionUser,
  pageId: number,
  month: string,
  input: MetricInput,
  source: MetricSource = 'manual',
): WriteOutcome<MetricWrite> {
  const { db } = services;
  const page = requirePage(db, pageId);
  assertCanWritePage(services, user, pageId);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw badRequest('month', msg('schema_month_format', { example: '2024-05' }));
  const today = services.today();
  if (month > today.slice(0, 7)) throw badRequest('month', msg('metric_month_in_future', { month: monthParam(month), today: dateParam(today) }));
  const launchMonth = page.launched_on.slice(0, 7);
  if (month < launchMonth) throw badRequest('month', msg('metric_month_before_launch', { month: monthParam(month), launchedOn: dateParam(page.launched_on) }));
  assertCount(input.followers, 'followers');
  assertCount(input.posts, 'posts');
  assertCount(input.interactions, 'interactions');
  const views = input.views ?? null;
  if (views !== null) assertCount(views, 'views');
  const lastPostOn = input.lastPostOn ?? null;
  if (lastPostOn !== null) {
    assertIsoDate(lastPostOn, 'lastPostOn');
    assertNotFuture(today, lastPostOn, 'lastPostOn');
    if (lastPostOn > lastDayOfMonth(month)) throw badRequest('lastPostOn', msg('metric_last_post_after_month', { date: dateParam(lastPostOn), month: monthParam(month) }));
    if (lastPostOn < page.launched_on) throw badRequest('lastPostOn', msg('write_before_launch', { date: dateParam(lastPostOn), launchedOn: dateParam(page.launched_on) }));
  }

  const select = statement(db, 'SELECT followers, posts, interactions, views, last_post_on, source FROM metric_snapshots WHERE page_id = ? AND month = ?');
  const previous = select.get(pageId, month) as DbMetricRow | undefined;
  statement(
    db,
    `INSERT INTO metric_snapshots (page_id, month, followers, posts, interactions, views, last_post_on, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (page_id, month) DO UPDATE SET followers = excluded.followers, posts = excluded.posts, interactions = excluded.interactions,
       views = excluded.views, last_post_on = excluded.last_post_on, source = excluded.source, is_demo = 0`,
  ).run(pageId, month, input.followers, input.posts, input.interactions, views, lastPostOn, source);
  const metrics = toMetrics(month, select.get(pageId, month) as DbMetricRow);
  const before = previous ? { pageId, ...toMetrics(month, previous) } : null;
  return {
    result: { metrics, isNew: previous === undefined },
    audit: [{ action: previous ? 'update' : 'create', entity: AUDIT_ENTITIES.metric, entityId: `${pageId}/${month}`, before, after: { pageId, ...metrics } }],
  };
}
