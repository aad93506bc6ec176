/**
 * The dry run: an ImportTable → an ImportPlan, what committing would do row by row, without
 * writing. The rules are those of the single-page writes (apps/api/src/writes/page-writes.ts):
 * canonical URLs, launch dates, who may verify, when a status event fits the history, which
 * months take figures. Rows naming the same page (same canonical URL) merge into one change of
 * that page, so a file may carry several months of one page.
 */
import { randomUUID } from 'node:crypto';
import {
  defaultAsOf,
  IMPORT_ANSWER_ROWS,
  IMPORT_PLAN_TTL_MINUTES,
  importColumn,
  isPageLive,
  OWNER_NAMES_VI,
  PAGE_STATUS_LABELS,
  PLATFORM_LABELS,
  parseOwnerLabel,
  parsePlatformLabel,
  parseStatusLabel,
  SCHEMES,
  type ImportColumnKey,
  type ImportDryRunResponse,
  type ImportProblem,
  type ImportRowResult,
  type ImportTotals,
  type Owner,
  type PageStatus,
  type Platform,
  type SchemeId,
  type Unit,
} from '@mttq/core';
import { isInsideScope } from '../auth/scope-image';
import type { SessionUser } from '../auth/user';
import { listPageAssignments } from '../pages/page-queries';
import type { Services } from '../http/services';
import { msg, type Lang, type Message, type MessageKey, type MessageParams } from '../messages';
import { NOTE_MAX, PAGE_NAME_MAX } from '../writes/page-writes';
import { parsePageUrl, platformOfPageUrl } from '../writes/url-normalise';
import { parseDate, parseFigure, parseMonth } from './cells';
import { findPagesByUrls, listLiveFrontPages, readPageState, type DbImportEvent, type DbImportMetric, type DbImportPage, type PageState } from './import-queries';
import { both, dateText, listOf, monthText, renderFlat, schemeText, statusText } from './import-text';
import type { ImportTable } from './read-table';
import { UnitResolver, type RowProblem } from './unit-resolver';

/** The page's own fields after the commit. */
export interface PageFields {
  platform: Platform;
  url: string;
  name: string;
  owner: Owner;
  launchedOn: string;
}

export interface MetricWrite {
  month: string;
  followers: number;
  posts: number;
  interactions: number;
  /** null: keep the stored views (or none). */
  views: number | null;
  before: DbImportMetric | null;
}

/** The statuses an import records; active / inactive follow from the figures. */
export type ImportedStatus = Extract<PageStatus, 'reported' | 'verified' | 'rejected' | 'closed' | 'reopened'>;

/** One page's change; the commit applies these in order. */
export interface PageChange {
  /** The file rows that make it, first one first. */
  rows: number[];
  /** null: a new page. */
  pageId: number | null;
  /** The unit's code only: a nationwide plan keeps 10,000 of these (plans of before kept the whole unit, code included). */
  unit: Pick<Unit, 'code'>;
  after: PageFields;
  /** An existing page's own fields change. */
  isPageChanged: boolean;
  /** The page gets an assignment in the plan's scheme (always, for a new page). */
  isAssigned: boolean;
  /** A status event besides the 'reported' every new page gets. */
  event: { status: ImportedStatus; note: string | null } | null;
  metrics: MetricWrite[];
  /** An existing page as the dry run read it, over `months`; compared again at commit. */
  before: PageState | null;
  months: string[];
}

export interface ImportPlan {
  id: string;
  userId: number;
  /** The uploader's role and scope at the dry run; the commit refuses a plan made under others. */
  access: string;
  scheme: SchemeId;
  effectiveOn: string;
  fileName: string;
  expiresAt: number;
  changes: PageChange[];
  errorRows: number[];
  totals: ImportTotals;
}

/** A row's outcome as the planner builds it: its texts still Messages, rendered for the answer. */
export interface RowOutcome {
  row: number;
  outcome: ImportRowResult['outcome'];
  unit: ImportRowResult['unit'];
  pageId: number | null;
  url: string | null;
  changes: Message[];
  errors: RowProblem[];
  warnings: Message[];
}

/** What a row gives, parsed; absent keys were empty. */
interface ParsedRow {
  row: number;
  unit: Unit;
  url: string;
  typedUrl: string;
  platform: Platform;
  name?: string;
  owner?: Owner;
  launchedOn?: string;
  status?: PageStatus;
  note?: string;
  metric?: RowFigures;
}

/** A row's month of figures; null: not given (kept as stored, or 0 for a new month). */
interface RowFigures {
  month: string;
  followers: number | null;
  posts: number | null;
  interactions: number | null;
  views: number | null;
}

type Values = Partial<Record<ImportColumnKey, string>>;

const PAGE_DATA_KEYS: readonly ImportColumnKey[] = ['url', 'platform', 'pageName', 'owner', 'launchedOn', 'status', 'note', 'followers', 'posts', 'interactions', 'views'];
const COUNT_KEYS = ['followers', 'posts', 'interactions', 'views'] as const;
/** The counts every stored month has. */
const REQUIRED_COUNTS = ['followers', 'posts', 'interactions'] as const;
const LIFECYCLE: readonly PageStatus[] = ['closed', 'rejected', 'reopened'];
/** A page's fields that its later rows must repeat or leave empty: the column, and the field it fills. */
const MERGED_FIELDS: ReadonlyArray<readonly [ImportColumnKey, 'name' | 'owner' | 'launchedOn' | 'status' | 'note' | 'platform']> = [
  ['pageName', 'name'],
  ['owner', 'owner'],
  ['launchedOn', 'launchedOn'],
  ['status', 'status'],
  ['note', 'note'],
  ['platform', 'platform'],
];
const REVIEW: readonly PageStatus[] = ['verified', 'rejected'];

const NO_LAUNCH_DATE = msg('import_launch_missing');
const COUNT_NAMES: Record<(typeof COUNT_KEYS)[number], Message> = {
  followers: both('lượt theo dõi', 'followers'),
  posts: both('bài đăng', 'posts'),
  interactions: both('tương tác', 'interactions'),
  views: both('lượt xem', 'views'),
};
const FIELD_NAMES: Record<'name' | 'platform' | 'owner', Message> = { name: both('tên trang', 'name'), platform: both('nền tảng', 'platform'), owner: both('chủ quản', 'owner') };
/** A page field's value as a plan line shows it: Facebook, Ủy ban MTTQ, the name as written. */
const fieldValue = (key: 'name' | 'platform' | 'owner', value: string) =>
  key === 'platform' ? (PLATFORM_LABELS[value as Platform] ?? value) : key === 'owner' ? (OWNER_NAMES_VI[value as Owner] ?? value) : value;
/**
 * The shared URL rules' reasons (said next to the page form's address field, so without a subject)
 * as import row errors, which name the address: 'phải là địa chỉ http(s), ví dụ …' →
 * 'Địa chỉ trang “ftp://…” phải là địa chỉ http(s), ví dụ …'.
 */
const IMPORT_URL_REASONS: Readonly<Record<string, MessageKey>> = {
  url_whitespace: 'import_url_whitespace',
  url_not_http: 'import_url_not_http',
  url_not_web: 'import_url_not_web',
  url_credentials: 'import_url_credentials',
  url_port: 'import_url_port',
  url_youtu_be: 'import_url_youtu_be',
  url_other_platform: 'import_url_other_platform',
  url_wrong_host: 'import_url_wrong_host',
  url_no_page: 'import_url_no_page',
  url_tiktok_profile: 'import_url_tiktok_profile',
  url_tiktok_video: 'import_url_tiktok_video',
  url_youtube_not_channel: 'import_url_youtube_not_channel',
  url_youtube_bad_channel: 'import_url_youtube_bad_channel',
  field_max_chars: 'import_url_too_long',
};

/** A URL the shared URL rules refused, as a row error naming the address: their reason when it is a Message, else a general one. */
function urlProblem(reason: string | Message, url: string, platform: Platform): Message {
  if (typeof reason !== 'object') return msg('import_url_invalid', { url, platform: PLATFORM_LABELS[platform] });
  const key = IMPORT_URL_REASONS[reason.key];
  if (!key) return reason;
  // The platforms the rules name ('zalo') as people write them (Zalo).
  const params: MessageParams = { ...reason.params, url };
  for (const name of ['platform', 'other']) if (typeof params[name] === 'string') params[name] = PLATFORM_LABELS[params[name] as Platform] ?? params[name]!;
  return msg(key, params);
}

/** `read`, remembering its answer for each text it was given (for one dry run). */
function remembering<T>(read: (text: string) => T | undefined): (text: string) => T | undefined {
  const answers = new Map<string, T | undefined>();
  return (text) => {
    if (answers.has(text)) return answers.get(text);
    const answer = read(text);
    answers.set(text, answer);
    return answer;
  };
}

/**
 * One empty list shared by every row that has no changes, errors or warnings (most rows of a
 * big file): frozen, so a push to it fails loudly; addError and addWarning give the row its own.
 */
const NONE: readonly never[] = Object.freeze([]);
const none = <T>(): T[] => NONE as unknown as T[];

function addError(result: RowOutcome, problem: RowProblem): void {
  if ((result.errors as readonly unknown[]) === NONE) result.errors = [];
  result.errors.push(problem);
}

function addWarning(result: RowOutcome, warning: Message): void {
  if ((result.warnings as readonly unknown[]) === NONE) result.warnings = [];
  result.warnings.push(warning);
}

/** Builds plans for one app: the scheme's units, the user, the clock. */
class Planner {
  readonly results: RowOutcome[] = [];
  private readonly resultByRow = new Map<number, RowOutcome>();
  private readonly resolver: UnitResolver;
  readonly effectiveOn: string;
  private readonly today: string;

  constructor(
    private readonly services: Services,
    private readonly user: SessionUser,
    readonly scheme: SchemeId,
    private readonly table: ImportTable,
    /** The month of figures in rows without one. */
    readonly month: string,
  ) {
    this.today = services.today();
    // Statuses are recorded on the day of the import, whatever the scheme: nothing is back-dated.
    this.effectiveOn = this.today;
    const isInScope = (unit: Unit) => this.scopeError(scheme, unit.code, unit.name) === null;
    this.resolver = new UnitResolver(scheme, services.units(scheme), (key) => this.header(key), isInScope);
    this.columnIndexes = [...table.columns].map(([key, { index }]) => [key, index] as const);
  }

  /** Label and date readers remembering each cell text: a file writes the same few labels and dates row after row. */
  private readonly labels = { platform: remembering(parsePlatformLabel), owner: remembering(parseOwnerLabel), status: remembering(parseStatusLabel) };
  private readonly dates = { day: remembering(parseDate), month: remembering(parseMonth) };

  private liveFrontPages: ReturnType<typeof listLiveFrontPages> | null = null;

  /** The unit's live Front page as the scheme shows it today, if any. */
  private liveFrontPage(code: string) {
    this.liveFrontPages ??= listLiveFrontPages(this.services.db, this.scheme, defaultAsOf(this.scheme, this.today));
    return this.liveFrontPages.get(code);
  }

  private readonly newPageStatuses = new Map<PageStatus, Message>();

  /** "Status: <status> from <today>" of a new page: one message per status, shared by the rows that say it. */
  private newPageStatus(status: PageStatus): Message {
    let message = this.newPageStatuses.get(status);
    if (!message) this.newPageStatuses.set(status, (message = msg('import_change_status_new', { status: statusText(status), on: dateText(this.effectiveOn) })));
    return message;
  }

  /** The header of a column as the file writes it, or the template's. */
  header(key: ImportColumnKey): string {
    return this.table.columns.get(key)?.header ?? importColumn(key).vi;
  }

  private result(row: number): RowOutcome {
    return this.resultByRow.get(row)!;
  }

  private fail(row: number, key: ImportColumnKey, message: Message): void {
    const result = this.result(row);
    addError(result, { column: this.header(key), message, candidates: [] });
    result.outcome = 'error';
  }

  /** The table's columns as [key, index] pairs, read for every row. */
  private readonly columnIndexes: ReadonlyArray<readonly [ImportColumnKey, number]>;

  private values(cells: readonly string[]): Values {
    const values: Values = {};
    for (const [key, index] of this.columnIndexes) {
      const cell = cells[index];
      if (cell) values[key] = cell;
    }
    return values;
  }

  /** Is the unit inside the uploader's scope (as assertCanWriteUnit decides)? Admin and central staff: everywhere. */
  private scopeError(scheme: SchemeId, code: string, name: string, key: 'import_unit_outside_scope' | 'import_page_outside_scope' = 'import_unit_outside_scope'): Message | null {
    if (this.user.role !== 'province' || isInsideScope(this.services, this.user.scopes, scheme, code)) return null;
    return msg(key, { unit: name, scheme, code, scopes: this.scopeNames() });
  }

  private scopeList: string | Message | null = null;

  /** The uploader's scope as units' names: 'Tỉnh Quảng Ngãi'. */
  private scopeNames(): string | Message {
    this.scopeList ??=
      this.user.scopes.length === 0
        ? both('không đơn vị nào', 'no unit')
        : listOf(this.user.scopes.map((scope) => this.services.units(scope.scheme).find((u) => u.code === scope.code)?.name ?? `${scope.scheme}:${scope.code}`));
    return this.scopeList;
  }

  /** A page field's value as a message quotes it: a status or a date in the reader's language. */
  private shownValue(field: 'name' | 'owner' | 'launchedOn' | 'status' | 'note' | 'platform', value: string): string | Message {
    if (field === 'status') return statusText(value as PageStatus);
    if (field === 'launchedOn') return dateText(value);
    return field === 'platform' || field === 'owner' || field === 'name' ? fieldValue(field, value) : value;
  }

  /** First pass: one row's cells → a ParsedRow, or its errors; null for a row with nothing to do. */
  parseRow(row: number, cells: readonly string[]): ParsedRow | null {
    const result: RowOutcome = { row, outcome: 'unchanged', unit: null, pageId: null, url: null, changes: none(), errors: none(), warnings: none() };
    this.results.push(result);
    this.resultByRow.set(row, result);
    const values = this.values(cells);
    if (!PAGE_DATA_KEYS.some((key) => values[key] !== undefined)) return null;

    // The row's own list, kept only if it gets anything (a nationwide file's good rows keep none).
    const errors: RowProblem[] = [];
    const add = (key: ImportColumnKey, message: Message) => errors.push({ column: this.header(key), message, candidates: [] });

    const resolved = this.resolver.resolve(values);
    if (resolved.unit) {
      result.unit = { code: resolved.unit.code, name: resolved.unit.name, level: resolved.unit.level };
      const outside = this.scopeError(this.scheme, resolved.unit.code, resolved.unit.name);
      if (outside) add(resolved.unit.level === 'commune' ? 'communeCode' : resolved.unit.level === 'district' ? 'districtCode' : 'provinceCode', outside);
    } else errors.push(resolved.error);

    let platform: Platform | undefined;
    if (values.platform !== undefined) {
      platform = this.labels.platform(values.platform);
      if (!platform) add('platform', msg('import_platform_unknown', { value: values.platform }));
    }
    let url: string | undefined;
    if (values.url === undefined) add('url', msg('import_url_empty'));
    else {
      result.url = values.url;
      platform ??= platformOfPageUrl(values.url) ?? undefined;
      if (!platform && values.platform === undefined) add('platform', msg('import_platform_needed', { url: values.url }));
      else if (platform) {
        const parsed = parsePageUrl(platform, values.url);
        if (parsed.ok) result.url = url = parsed.url;
        else add('url', urlProblem(parsed.message, values.url, platform));
      }
    }

    const parsed: Omit<ParsedRow, 'unit' | 'url' | 'platform' | 'typedUrl'> = { row };
    if (values.pageName !== undefined) {
      if (values.pageName.length > PAGE_NAME_MAX) add('pageName', msg('import_name_too_long', { max: PAGE_NAME_MAX }));
      else parsed.name = values.pageName;
    }
    if (values.owner !== undefined) {
      parsed.owner = this.labels.owner(values.owner);
      if (!parsed.owner) add('owner', msg('import_owner_unknown', { value: values.owner, owners: listOf(Object.values(OWNER_NAMES_VI), 'or') }));
    }
    if (values.launchedOn !== undefined) {
      const date = this.dates.day(values.launchedOn)!;
      if (!date.ok) add('launchedOn', date.message);
      else if (date.value > this.today) add('launchedOn', msg('import_launch_future', { date: dateText(date.value), today: dateText(this.today) }));
      else if (!isLaunchInScheme(this.scheme, date.value)) {
        add('launchedOn', msg('import_launch_after_scheme', { date: dateText(date.value), scheme: schemeText(this.scheme), validTo: dateText(SCHEMES[this.scheme].validTo!) }));
      } else parsed.launchedOn = date.value;
    }
    if (values.status !== undefined) {
      parsed.status = this.labels.status(values.status);
      if (!parsed.status) add('status', msg('import_status_unknown', { value: values.status, statuses: listOf(Object.values(PAGE_STATUS_LABELS).map((l) => l.vi), 'or') }));
    }
    if (values.note !== undefined) {
      if (values.note.length > NOTE_MAX) add('note', msg('import_note_too_long', { max: NOTE_MAX }));
      else parsed.note = values.note;
    }

    const hasFigures = COUNT_KEYS.some((key) => values[key] !== undefined);
    if (hasFigures) {
      const figures: Omit<RowFigures, 'month'> = { followers: null, posts: null, interactions: null, views: null };
      for (const key of COUNT_KEYS) {
        const text = values[key];
        if (text === undefined) continue;
        const figure = parseFigure(text);
        if (!figure.ok) add(key, figure.message);
        else {
          figures[key] = figure.value.value;
          if (figure.value.isRounded) addWarning(result, msg('import_figure_rounded', { column: this.header(key), text, value: figure.value.value }));
        }
      }
      let month: string | null = this.month;
      if (values.month !== undefined) {
        const parsedMonth = this.dates.month(values.month)!;
        month = null;
        if (!parsedMonth.ok) add('month', parsedMonth.message);
        else if (parsedMonth.value > this.today.slice(0, 7)) add('month', msg('import_month_future', { month: monthText(parsedMonth.value), today: dateText(this.today) }));
        else month = parsedMonth.value;
      }
      if (month) parsed.metric = { month, followers: figures.followers, posts: figures.posts, interactions: figures.interactions, views: figures.views };
    }
    if (values.launchedOn === undefined && errors.length > 0 && values.url !== undefined) this.launchChecks.push({ result, urls: [result.url ?? values.url, values.url.trim()] });

    if (errors.length > 0) result.errors = errors;
    if (errors.length > 0 || !resolved.unit || !url || !platform) {
      result.outcome = 'error';
      return null;
    }
    // Every key written out (no spread): one object shape for every row, which a nationwide file's 10,000 rows feel.
    const { name, owner, launchedOn, status, note, metric } = parsed;
    return { row, unit: resolved.unit, url, typedUrl: values.url!, platform, name, owner, launchedOn, status, note, metric };
  }

  /** Failed rows without a launch date, and the URLs they may name a page by (canonical first). */
  private readonly launchChecks: Array<{ result: RowOutcome; urls: string[] }> = [];
  /** Stored pages by URL, of every URL the rows give (readStoredPages). */
  private storedPages = new Map<string, DbImportPage>();

  /** The stored page under the first of `urls` that has one. */
  private storedPage(urls: readonly string[]): DbImportPage | undefined {
    for (const url of urls) {
      const page = this.storedPages.get(url);
      if (page) return page;
    }
    return undefined;
  }

  /**
   * Between the passes: reads at once the stored pages of every URL the rows give. A row that
   * failed early is not planned, but a new page without its launch date is said at once too, so
   * that one dry run lists everything to fix. A URL that no page has is a new page.
   */
  readStoredPages(parsed: Iterable<ParsedRow>): void {
    const urls: string[] = [];
    for (const row of parsed) urls.push(row.url, row.typedUrl.trim());
    for (const check of this.launchChecks) urls.push(...check.urls);
    this.storedPages = findPagesByUrls(this.services.db, this.scheme, urls);
    for (const { result, urls } of this.launchChecks) {
      if (!this.storedPage(urls)) addError(result, { column: this.header('launchedOn'), message: NO_LAUNCH_DATE, candidates: [] });
    }
  }

  /**
   * Second pass: the rows of one page → its change. Later rows must agree with earlier ones on
   * the unit and the page's fields, and give other months.
   */
  planPage(rows: ParsedRow[]): PageChange | null {
    const first = rows[0]!;
    const merged: Omit<ParsedRow, 'row' | 'metric'> = {
      unit: first.unit,
      url: first.url,
      typedUrl: first.typedUrl,
      platform: first.platform,
      name: first.name,
      owner: first.owner,
      launchedOn: first.launchedOn,
      status: first.status,
      note: first.note,
    };
    const kept: ParsedRow[] = [first];
    // Most pages have one row: the map of months is made only for those with more.
    const months = rows.length > 1 ? new Map<string, number>() : null;
    if (months && first.metric) months.set(first.metric.month, first.row);
    for (let i = 1; i < rows.length; i += 1) {
      const row = rows[i]!;
      const before = this.result(row.row).errors.length;
      if (row.unit.code !== merged.unit.code) this.fail(row.row, 'url', msg('import_other_unit_row', { row: String(first.row), unit: merged.unit.name, code: merged.unit.code }));
      for (const [key, field] of MERGED_FIELDS) {
        const value = row[field];
        if (value === undefined) continue;
        if (merged[field] === undefined) (merged as Record<string, unknown>)[field] = value;
        else if (merged[field] !== value) this.fail(row.row, key, msg('import_field_differs', { value: this.shownValue(field, String(merged[field])) }));
      }
      if (row.metric && months) {
        const earlier = months.get(row.metric.month);
        if (earlier !== undefined) this.fail(row.row, 'month', msg('import_month_repeated', { row: String(earlier), month: monthText(row.metric.month) }));
        else months.set(row.metric.month, row.row);
      }
      if (this.result(row.row).errors.length === before) kept.push(row);
    }
    const failAll = (key: ImportColumnKey, message: Message) => {
      for (const row of kept) this.fail(row.row, key, message);
      return null;
    };

    const stored = this.storedPage([first.url, first.typedUrl.trim()]);
    const metricRows = kept.filter((r) => r.metric);
    const monthList = metricRows.map((r) => r.metric!.month);
    const before = stored ? (readPageState(this.services.db, this.scheme, stored.id, monthList) ?? null) : null;
    const unit = merged.unit;
    // What each kept row changes, by its place in kept (a page has one row or a few).
    const notes: Message[][] = kept.map(() => []);
    const note = (row: number, text: Message) => notes[kept.findIndex((r) => r.row === row)]!.push(text);

    let after: PageFields;
    let isPageChanged = false;
    let isAssigned = true;
    let events: DbImportEvent[] = [];
    if (before) {
      const page = before.page;
      events = before.events;
      // An officer touches a page only when all of its units, in every scheme, are theirs.
      for (const assigned of listPageAssignments(this.services.db, page.id)) {
        const owner = this.services.units(assigned.scheme).find((u) => u.code === assigned.unit_code)?.name ?? assigned.unit_code;
        const outside = this.scopeError(assigned.scheme, assigned.unit_code, owner, 'import_page_outside_scope');
        if (outside) return failAll('url', outside);
      }
      if (page.unit_code !== null && page.unit_code !== unit.code) {
        const owner = this.resolver.unit(page.unit_code);
        return failAll('url', msg('import_page_other_unit', { unit: owner?.name ?? page.unit_code, code: page.unit_code, scheme: schemeText(this.scheme) }));
      }
      isAssigned = page.unit_code === null;
      after = {
        platform: merged.platform,
        url: page.url,
        name: merged.name ?? page.name,
        owner: merged.owner ?? page.owner,
        launchedOn: merged.launchedOn ?? page.launched_on,
      };
      for (const key of ['name', 'platform', 'owner'] as const) {
        if (after[key] !== page[key]) note(first.row, msg('import_change_field', { field: FIELD_NAMES[key], before: fieldValue(key, page[key]), after: fieldValue(key, after[key]) }));
      }
      if (after.launchedOn !== page.launched_on) {
        note(first.row, msg('import_change_launch', { before: dateText(page.launched_on), after: dateText(after.launchedOn) }));
        const firstEvent = events[0];
        if (firstEvent && firstEvent.effective_on < after.launchedOn) {
          return failAll('launchedOn', msg('import_launch_after_event', { status: statusText(firstEvent.status), date: dateText(firstEvent.effective_on) }));
        }
        if (before.firstMonth !== null && before.firstMonth < after.launchedOn.slice(0, 7)) {
          return failAll('launchedOn', msg('import_launch_after_figures', { month: monthText(before.firstMonth) }));
        }
        if ((page.in_legacy63 === 1 || this.scheme === 'legacy63') && after.launchedOn > SCHEMES.legacy63.validTo!) {
          return failAll('launchedOn', msg('import_launch_after_legacy', { validTo: dateText(SCHEMES.legacy63.validTo!) }));
        }
      }
      isPageChanged = after.name !== page.name || after.platform !== page.platform || after.owner !== page.owner || after.launchedOn !== page.launched_on;
      if (isAssigned) {
        const validTo = SCHEMES[this.scheme].validTo;
        if (validTo !== null && after.launchedOn > validTo) {
          return failAll('url', msg('import_assign_after_scheme', { launchedOn: dateText(after.launchedOn), scheme: schemeText(this.scheme), validTo: dateText(validTo) }));
        }
        note(first.row, msg('import_change_assign', { unit: unit.name, code: unit.code, scheme: schemeText(this.scheme) }));
      }
    } else {
      if (!merged.launchedOn) {
        for (const row of kept) this.fail(row.row, 'launchedOn', NO_LAUNCH_DATE);
        return null;
      }
      const owner = merged.owner ?? 'front';
      after = { platform: merged.platform, url: first.url, name: merged.name ?? `${OWNER_NAMES_VI[owner]} ${unit.name}`, owner, launchedOn: merged.launchedOn };
      note(first.row, msg('import_change_create', { platform: PLATFORM_LABELS[after.platform], name: after.name, unit: unit.name, code: unit.code, launchedOn: dateText(after.launchedOn) }));
      note(first.row, this.newPageStatus('reported'));
      if (owner === 'front') {
        const existing = this.liveFrontPage(unit.code);
        if (existing) addWarning(this.result(first.row), msg('import_second_front_page', { unit: unit.name, id: String(existing.id), name: existing.name, url: existing.url }));
      }
    }

    // Status: compared with the latest event on or before the effective date.
    let event: PageChange['event'] = null;
    if (merged.status !== undefined) {
      const decided = this.planStatus(merged.status, merged.note ?? null, after.launchedOn, events);
      if ('error' in decided) {
        this.fail(first.row, decided.key, decided.error);
        return null;
      }
      if (decided.warning) addWarning(this.result(first.row), decided.warning);
      if (decided.event) {
        event = decided.event;
        const on = dateText(this.effectiveOn);
        note(
          first.row,
          before
            ? msg('import_change_status', { before: statusText(decided.current), after: statusText(event.status), on })
            : this.newPageStatus(event.status),
        );
      }
    }

    const metrics: MetricWrite[] = [];
    const launchMonth = after.launchedOn.slice(0, 7);
    for (const row of metricRows) {
      const given = row.metric!;
      if (given.month < launchMonth) {
        this.fail(row.row, 'month', msg('import_month_before_launch', { month: monthText(given.month), launchedOn: dateText(after.launchedOn) }));
        continue;
      }
      const previous = before?.metrics[given.month] ?? null;
      const m = this.completeFigures(row.row, given, previous);
      const isSame =
        previous !== null && previous.followers === m.followers && previous.posts === m.posts && previous.interactions === m.interactions && (m.views === null || previous.views === m.views);
      if (isSame) continue;
      metrics.push({ month: m.month, followers: m.followers, posts: m.posts, interactions: m.interactions, views: m.views, before: previous });
      const figures = COUNT_KEYS.filter((key) => m[key] !== null && (previous === null || previous[key] !== m[key])).map((key) =>
        previous === null ? msg('import_figure', { name: COUNT_NAMES[key], value: m[key]! }) : msg('import_figure_change', { name: COUNT_NAMES[key], before: previous[key] ?? '–', after: m[key]! }),
      );
      note(row.row, msg(previous === null ? 'import_change_metrics_new' : 'import_change_metrics', { month: monthText(m.month), figures: listOf(figures, 'comma') }));
    }
    if (kept.some((r) => this.result(r.row).errors.length > 0)) return null;

    const isPageLevelChange = !before || isPageChanged || isAssigned || event !== null;
    kept.forEach((row, index) => {
      const result = this.result(row.row);
      result.pageId = before?.page.id ?? null;
      result.url = after.url;
      result.changes = notes[index]!;
      const hasMetrics = metrics.some((m) => m.month === row.metric?.month);
      result.outcome = index === 0 && isPageLevelChange ? (before ? 'update' : 'create') : hasMetrics ? 'metrics' : 'unchanged';
    });
    if (!isPageLevelChange && metrics.length === 0) return null;
    return { rows: kept.map((r) => r.row), pageId: before?.page.id ?? null, unit: { code: unit.code }, after, isPageChanged, isAssigned, event, metrics, before, months: monthList };
  }

  /**
   * A month's figures to write: those the row gives; the others as stored, or 0 for a month
   * with no figures yet (said in a warning). Views stay null: null keeps the stored views.
   */
  private completeFigures(row: number, given: RowFigures, previous: DbImportMetric | null): Omit<MetricWrite, 'before'> {
    const missing = REQUIRED_COUNTS.filter((key) => given[key] === null && previous === null);
    if (missing.length > 0) {
      addWarning(this.result(row), msg('import_counts_missing', { columns: listOf(missing.map((key) => this.header(key))), month: monthText(given.month) }));
    }
    const count = (key: (typeof REQUIRED_COUNTS)[number]) => given[key] ?? previous?.[key] ?? 0;
    return { month: given.month, followers: count('followers'), posts: count('posts'), interactions: count('interactions'), views: given.views };
  }

  /**
   * What a status cell asks of a page with these events, at the effective date: an event, nothing
   * (the page already is so), or an error saying what to write instead.
   */
  private planStatus(
    wanted: PageStatus,
    note: string | null,
    launchedOn: string,
    events: readonly DbImportEvent[],
  ): { event: PageChange['event']; current: PageStatus; warning?: Message } | { error: Message; key: ImportColumnKey } {
    const on = this.effectiveOn;
    const history = { launchedOn, events: events.map((e) => ({ status: e.status, effectiveOn: e.effective_on })) };
    // A file states the status as the scheme shows it (legacy63: on its last day, 30/06/2025); what
    // it already says there changes nothing. A change is recorded today, and must fit today.
    const shownOn = defaultAsOf(this.scheme, this.today);
    const shown = events.filter((e) => e.effective_on <= shownOn).at(-1)?.status ?? 'reported';
    if (wanted === shown) return { event: null, current: shown };
    if (wanted === 'closed' && !isPageLive(history, shownOn)) return { event: null, current: shown };
    const upToDate = events.filter((e) => e.effective_on <= on);
    const current = upToDate.at(-1)?.status ?? 'reported';
    const isLive = isPageLive(history, on);
    const lastEnd = upToDate.filter((e) => e.status === 'closed' || e.status === 'rejected').at(-1);
    const none = { event: null, current };
    if (wanted === current) return none;
    if (wanted === 'active' || wanted === 'inactive') {
      return { ...none, warning: msg('import_status_not_recorded', { column: this.header('status'), status: statusText(wanted) }) };
    }
    if (REVIEW.includes(wanted) && this.user.role !== 'admin' && this.user.role !== 'central') {
      return { key: 'status', error: msg('import_status_central_only', { status: statusText(wanted), column: this.header('status'), current: statusText(current) }) };
    }
    if (wanted === 'reported') {
      const since = dateText(lastEnd?.effective_on ?? on);
      return isLive ? none : { key: 'status', error: msg('import_status_ended_reopen', { status: statusText(lastEnd?.status ?? 'closed'), since, reopened: statusText('reopened') }) };
    }
    if (wanted === 'closed' && !isLive) return none;
    if (wanted === 'reopened' && isLive) return none;
    if (wanted === 'verified') {
      if (!isLive) return { key: 'status', error: msg('import_status_ended_verify', { status: statusText(lastEnd?.status ?? 'closed'), since: dateText(lastEnd?.effective_on ?? on) }) };
      const since = upToDate.filter((e) => LIFECYCLE.includes(e.status)).at(-1)?.effective_on ?? '';
      if (upToDate.some((e) => e.status === 'verified' && e.effective_on >= since)) return none;
    }
    if (wanted === 'rejected') {
      if (!isLive) return lastEnd?.status === 'rejected' ? none : { key: 'status', error: msg('import_status_closed_reject', { since: dateText(lastEnd?.effective_on ?? on) }) };
      if (note === null) return { key: 'note', error: msg('import_reject_needs_note', { status: statusText('rejected') }) };
    }
    const latestLifecycle = events.filter((e) => LIFECYCLE.includes(e.status)).at(-1);
    if (LIFECYCLE.includes(wanted) && latestLifecycle && latestLifecycle.effective_on > on) {
      const status = statusText(latestLifecycle.status);
      return { key: 'status', error: msg('import_status_later_event', { status, date: dateText(latestLifecycle.effective_on), on: dateText(on) }) };
    }
    return { event: { status: wanted as ImportedStatus, note }, current };
  }
}

/** Can a page launched on `date` belong to a unit of the scheme (not after the scheme ended)? */
const isLaunchInScheme = (scheme: SchemeId, date: string) => SCHEMES[scheme].validTo === null || date <= SCHEMES[scheme].validTo!;

/** A user's role and scope, to compare between the dry run and the commit. */
export const accessOf = (user: SessionUser) => JSON.stringify([user.role, user.scopes]);

/** The last full month before `today`: lastFullMonth('2026-12-02') → '2026-11'. */
export function lastFullMonth(today: string): string {
  const date = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - 1);
  return date.toISOString().slice(0, 7);
}

/**
 * Every row's errors and warnings grouped by kind (severity, column and message key), with the
 * rows of each: errors first, then the kinds with the most rows. The example is the first row's.
 */
export function groupProblems(results: readonly RowOutcome[], lang: Lang): ImportProblem[] {
  const groups = new Map<string, ImportProblem>();
  const add = (severity: ImportProblem['severity'], column: string | null, message: Message, row: number) => {
    const key = `${severity}\u0000${column ?? ''}\u0000${message.key}`;
    const group = groups.get(key);
    if (!group) {
      const { text, flat } = renderFlat(message, lang);
      groups.set(key, { severity, column, example: text, ...flat, count: 1, rows: [row] });
    } else if (group.rows.at(-1) !== row) {
      group.count += 1;
      group.rows.push(row);
    }
  };
  for (const result of results) {
    for (const error of result.errors) add('error', error.column, error.message, result.row);
    for (const warning of result.warnings) add('warning', null, warning, result.row);
  }
  return [...groups.values()].sort((a, b) => (a.severity === b.severity ? b.count - a.count : a.severity === 'error' ? -1 : 1));
}

/** A row's outcome as the API answers it, its texts in `lang` with their keys and params beside. */
export function renderRow(result: RowOutcome, lang: Lang): ImportRowResult {
  const changes = result.changes.map((m) => renderFlat(m, lang));
  const warnings = result.warnings.map((m) => renderFlat(m, lang));
  return {
    ...result,
    changes: changes.map((m) => m.text),
    warnings: warnings.map((m) => m.text),
    errors: result.errors.map((e) => {
      const { text, flat } = renderFlat(e.message, lang);
      return { column: e.column, message: text, ...flat, candidates: e.candidates };
    }),
    changeMessages: changes.map((m) => m.flat),
    warningMessages: warnings.map((m) => m.flat),
  };
}

/**
 * The dry run of a table: every row's outcome and the changes a commit would apply. Reads only.
 * Figures in rows without a month are for `month`; texts are written in `lang`.
 * buildImportPlan(services, admin, 'legacy63', table, 'xa.csv', '2025-05') → { plan: { changes: [...] }, response: { rows: [...], totals } }
 */
export function buildImportPlan(
  services: Services,
  user: SessionUser,
  scheme: SchemeId,
  table: ImportTable,
  fileName: string,
  month: string = lastFullMonth(services.today()),
  lang: Lang = 'vi',
): { plan: ImportPlan; results: RowOutcome[]; response: Omit<ImportDryRunResponse, 'file' | 'columns' | 'ignoredColumns'> } {
  const planner = new Planner(services, user, scheme, table, month);
  const byUrl = new Map<string, ParsedRow[]>();
  for (const { row, cells } of table.rows) {
    const parsed = planner.parseRow(row, cells);
    if (!parsed) continue;
    const rows = byUrl.get(parsed.url);
    if (rows) rows.push(parsed);
    else byUrl.set(parsed.url, [parsed]);
  }
  planner.readStoredPages([...byUrl.values()].flat());
  const changes: PageChange[] = [];
  for (const rows of byUrl.values()) {
    const change = planner.planPage(rows);
    if (change) changes.push(change);
  }
  const totals: ImportTotals = { rows: 0, create: 0, update: 0, metrics: 0, unchanged: 0, error: 0, metricSnapshots: 0, statusEvents: 0 };
  const errorRows: number[] = [];
  for (const result of planner.results) {
    totals.rows += 1;
    totals[result.outcome] += 1;
    if (result.outcome === 'error') errorRows.push(result.row);
  }
  // A page whose rows partly failed is not applied at all: the commit is refused anyway.
  for (const change of changes) {
    totals.metricSnapshots += change.metrics.length;
    totals.statusEvents += (change.pageId === null ? 1 : 0) + (change.event ? 1 : 0);
  }
  const id = randomUUID();
  const expiresAt = Date.now() + IMPORT_PLAN_TTL_MINUTES * 60_000;
  const plan: ImportPlan = { id, userId: user.id, access: accessOf(user), scheme, effectiveOn: planner.effectiveOn, fileName, expiresAt, changes, errorRows, totals };
  return {
    plan,
    results: planner.results,
    response: {
      planId: id,
      scheme,
      effectiveOn: planner.effectiveOn,
      expiresAt: new Date(expiresAt).toISOString(),
      canCommit: errorRows.length === 0,
      totals,
      month,
      skippedRows: table.skipped,
      problems: groupProblems(planner.results, lang),
      rows: planner.results.slice(0, IMPORT_ANSWER_ROWS).map((result) => renderRow(result, lang)),
    },
  };
}
