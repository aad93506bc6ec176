// Bulk import (CSV / XLSX) and file exports: the column table, value labels and the request and
// response schemas, shared by api and web.
import { z } from 'zod';
import { queryParams } from './coverage';
import { OWNER_NAMES_VI, PAGE_STATUSES, PLATFORMS, type Owner, type PageStatus, type Platform } from './pages';
import { pageListQuerySchema } from './pages-api';
import { limitParam, offsetParam } from './query-limits';
import { levelSchema, schemeIdSchema } from './schemes';

/** Uploads larger than this are refused with 413 (5 MiB). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Files with more data rows than this are refused with 422. */
export const MAX_IMPORT_ROWS = 20_000;
/**
 * A dry run's plan can be committed for this long after the dry run. Plans are kept in the
 * database, so they survive a server restart; each user keeps their newest
 * IMPORT_PLANS_PER_USER pending plans, a further dry run replacing the oldest.
 */
export const IMPORT_PLAN_TTL_HOURS = 24;
export const IMPORT_PLAN_TTL_MINUTES = IMPORT_PLAN_TTL_HOURS * 60;
/** Pending plans per user; there is no cap over all users. */
export const IMPORT_PLANS_PER_USER = 3;
/** How long the server remembers what became of a plan (committed with its result, expired, replaced). */
export const IMPORT_PLAN_TOMBSTONE_DAYS = 30;
/**
 * A dry run answers its first rows in file order; a bigger file's other rows are read page by
 * page from GET /imports/{planId}/rows, so a nationwide file's answer stays small.
 */
export const IMPORT_ANSWER_ROWS = 200;
/** GET /imports/{planId}/rows: rows per page, default and most. */
export const IMPORT_ROWS_PAGE = { default: 100, max: 1000 } as const;

// ---------------------------------------------------------------------------------------------
// The columns of an import file
// ---------------------------------------------------------------------------------------------

export const IMPORT_COLUMN_KEYS = [
  'provinceCode',
  'province',
  'districtCode',
  'district',
  'communeCode',
  'commune',
  'url',
  'platform',
  'pageName',
  'owner',
  'launchedOn',
  'status',
  'note',
  'month',
  'followers',
  'posts',
  'interactions',
  'views',
] as const;
export type ImportColumnKey = (typeof IMPORT_COLUMN_KEYS)[number];

export interface ImportColumn {
  key: ImportColumnKey;
  /** The header templates and exports write. */
  vi: string;
  /** The English header, also accepted. */
  en: string;
  /** Other accepted headers; every header is compared case- and diacritics-insensitively. */
  aliases: readonly string[];
  description: string;
}

/**
 * Every column an import file may have, in template order. Headers may come in any order, in
 * Vietnamese or English, with or without diacritics ("Mã xã" = "ma xa" = "commune_code");
 * unknown headers are ignored and listed in the dry run's answer.
 */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'provinceCode', vi: 'Mã tỉnh', en: 'province_code', aliases: ['mã tỉnh/thành phố', 'mã tp', 'mã tỉnh thành'], description: 'GSO province code (2 digits)' },
  { key: 'province', vi: 'Tỉnh', en: 'province', aliases: ['tỉnh/thành phố', 'tỉnh, thành phố', 'tỉnh thành', 'tên tỉnh', 'province name', 'thành phố', 'tỉnh/tp', 'tên tỉnh/thành phố'], description: 'province name, when no code is given' },
  { key: 'districtCode', vi: 'Mã huyện', en: 'district_code', aliases: ['mã quận/huyện', 'mã qh', 'mã huyện/thị xã/thành phố'], description: 'GSO district code (3 digits); legacy63 only' },
  { key: 'district', vi: 'Huyện', en: 'district', aliases: ['quận/huyện', 'quận, huyện', 'tên huyện', 'district name', 'quận huyện thị xã', 'quận/huyện/thị xã/thành phố', 'huyện/thị xã/thành phố', 'huyện/thị xã', 'tên quận/huyện', 'đơn vị cấp huyện'], description: 'district name; legacy63 only' },
  { key: 'communeCode', vi: 'Mã xã', en: 'commune_code', aliases: ['mã phường/xã', 'mã xã/phường', 'mã px', 'ward_code', 'mã phường/xã/thị trấn', 'mã đơn vị', 'mã đvhc'], description: 'GSO commune code (5 digits)' },
  { key: 'commune', vi: 'Tên xã', en: 'commune', aliases: ['xã', 'xã/phường', 'phường/xã', 'xã, phường', 'tên phường/xã', 'commune name', 'ward', 'phường/xã/thị trấn', 'tên phường/xã/thị trấn', 'xã/phường/thị trấn', 'tên đơn vị', 'đơn vị cấp xã', 'tên đvhc'], description: 'commune name, when no code is given' },
  { key: 'url', vi: 'Đường dẫn trang', en: 'url', aliases: ['link', 'đường dẫn', 'liên kết', 'địa chỉ trang', 'page url', 'page_url', 'link fanpage', 'link trang', 'đường link', 'địa chỉ', 'địa chỉ trang link', 'link trang fanpage', 'địa chỉ fanpage', 'đường dẫn fanpage', 'url trang', 'link page', 'fanpage'], description: 'the page address, https://…; identifies the page' },
  { key: 'platform', vi: 'Nền tảng', en: 'platform', aliases: ['mạng xã hội', 'loại trang', 'nền tảng mạng xã hội'], description: 'Facebook, Zalo, TikTok or YouTube; read from the URL when empty' },
  { key: 'pageName', vi: 'Tên trang', en: 'page_name', aliases: ['page name', 'tên trang cộng đồng', 'tên fanpage', 'tên trang fanpage', 'tên kênh'], description: 'the page name as shown on the platform' },
  { key: 'owner', vi: 'Chủ quản', en: 'owner', aliases: ['đơn vị chủ quản'], description: 'Ủy ban MTTQ (default) or a member organisation' },
  { key: 'launchedOn', vi: 'Ngày lập', en: 'launched_on', aliases: ['ngày thành lập', 'ngày ra mắt', 'launch date', 'launched', 'ngày lập trang', 'ngày thành lập trang', 'ngày tạo', 'ngày tạo trang', 'ngày hoạt động'], description: 'YYYY-MM-DD or DD/MM/YYYY; required for a new page' },
  { key: 'status', vi: 'Trạng thái', en: 'status', aliases: [], description: 'Đã báo cáo, Đã đóng, Mở lại; Đã xác minh and Bị từ chối by central staff only. Hoạt động / Không hoạt động follow from the figures and are not recorded' },
  { key: 'note', vi: 'Ghi chú', en: 'note', aliases: ['lý do'], description: 'why the status changed; required for Bị từ chối' },
  { key: 'month', vi: 'Tháng', en: 'month', aliases: ['tháng báo cáo', 'kỳ báo cáo', 'tháng số liệu'], description: 'the month of the figures, YYYY-MM or MM/YYYY' },
  { key: 'followers', vi: 'Lượt theo dõi', en: 'followers', aliases: ['người theo dõi', 'số người theo dõi', 'số lượt theo dõi', 'lượt theo dõi trang', 'số lượt theo dõi trang', 'lượt thích', 'lượt thích trang', 'số lượt thích', 'lượt like', 'follower', 'theo dõi'], description: 'followers at the end of the month' },
  { key: 'posts', vi: 'Số bài', en: 'posts', aliases: ['số bài viết', 'số bài đăng', 'bài viết', 'bài đăng', 'số tin bài', 'tin bài', 'số tin bài đăng', 'post'], description: 'posts in the month' },
  { key: 'interactions', vi: 'Tương tác', en: 'interactions', aliases: ['lượt tương tác', 'số lượt tương tác', 'interaction'], description: 'interactions in the month' },
  { key: 'views', vi: 'Lượt xem', en: 'views', aliases: ['số lượt xem', 'lượt xem trang', 'view'], description: 'views in the month; optional' },
];

/**
 * A header folded for comparison: no diacritics, đ → d, lowercase, punctuation as spaces.
 * foldHeader(' Mã  Xã ') → 'ma xa'; foldHeader('commune_code') → 'commune code'
 */
export function foldHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, ' ')
    .trim();
}

/**
 * A header by meaning: folded, its words in alphabetical order and each once, so word order,
 * slashes and parentheses do not matter. headerMeaning('Phường/Xã (Thị trấn)') === headerMeaning('thi tran, xa, phuong')
 */
export function headerMeaning(header: string): string {
  const folded = foldHeader(header.replace(/([a-z])([A-Z])/gu, '$1 $2'));
  return [...new Set(folded.split(' '))].sort().join(' ');
}

const COLUMN_BY_HEADER: ReadonlyMap<string, ImportColumn> = (() => {
  const byHeader = new Map<string, ImportColumn>();
  for (const column of IMPORT_COLUMNS) {
    for (const header of [column.vi, column.en, column.key, ...column.aliases]) {
      const folded = headerMeaning(header);
      const taken = byHeader.get(folded);
      if (taken && taken !== column) throw new Error(`Import header "${header}" names both ${taken.key} and ${column.key}`);
      byHeader.set(folded, column);
    }
  }
  return byHeader;
})();

/** The column a header names, or undefined: importColumnFor('ma xa')?.key === 'communeCode' */
export function importColumnFor(header: string): ImportColumn | undefined {
  return COLUMN_BY_HEADER.get(headerMeaning(header));
}

/** The column of a key: importColumn('url').vi === 'Đường dẫn trang' */
export function importColumn(key: ImportColumnKey): ImportColumn {
  return IMPORT_COLUMNS.find((c) => c.key === key)!;
}

// ---------------------------------------------------------------------------------------------
// Value labels: what templates write and imports read (codes are accepted too)
// ---------------------------------------------------------------------------------------------

export const PAGE_STATUS_LABELS: Record<PageStatus, { vi: string; en: string }> = {
  reported: { vi: 'Đã báo cáo', en: 'reported' },
  verified: { vi: 'Đã xác minh', en: 'verified' },
  rejected: { vi: 'Bị từ chối', en: 'rejected' },
  active: { vi: 'Hoạt động', en: 'active' },
  inactive: { vi: 'Không hoạt động', en: 'inactive' },
  closed: { vi: 'Đã đóng', en: 'closed' },
  reopened: { vi: 'Mở lại', en: 'reopened' },
};

export const PLATFORM_LABELS: Record<Platform, string> = { facebook: 'Facebook', zalo: 'Zalo', tiktok: 'TikTok', youtube: 'YouTube' };

const OWNER_ALIASES: Record<Owner, readonly string[]> = {
  front: ['MTTQ', 'Mặt trận', 'Mặt trận Tổ quốc', 'Ủy ban Mặt trận Tổ quốc', 'Ủy ban MTTQ Việt Nam'],
  youth_union: ['Đoàn TN', 'Đoàn TNCS Hồ Chí Minh', 'Đoàn'],
  women_union: ['Hội LHPN', 'Hội Phụ nữ'],
  farmers_union: ['Hội ND'],
  veterans_union: ['Hội CCB'],
  trade_union: ['CĐ'],
};

function labelMap<T extends string>(entries: Array<[T, readonly string[]]>): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const [value, labels] of entries) for (const label of [value, ...labels]) map.set(foldHeader(label), value);
  return map;
}

const STATUS_BY_LABEL = labelMap(PAGE_STATUSES.map((s) => [s, [PAGE_STATUS_LABELS[s].vi, PAGE_STATUS_LABELS[s].en]]));
const PLATFORM_BY_LABEL = labelMap<Platform>([...PLATFORMS.map((p): [Platform, string[]] => [p, [PLATFORM_LABELS[p]]]), ['facebook', ['fb', 'fanpage']], ['zalo', ['zalo oa']]]);
const OWNER_BY_LABEL = labelMap<Owner>((Object.keys(OWNER_NAMES_VI) as Owner[]).map((o) => [o, [OWNER_NAMES_VI[o], ...OWNER_ALIASES[o]]]));

/** A status label or code, any case and diacritics: parseStatusLabel('khong hoat dong') → 'inactive' */
export const parseStatusLabel = (text: string): PageStatus | undefined => STATUS_BY_LABEL.get(foldHeader(text));
/** parsePlatformLabel('Zalo OA') → 'zalo' */
export const parsePlatformLabel = (text: string): Platform | undefined => PLATFORM_BY_LABEL.get(foldHeader(text));
/** parseOwnerLabel('Hội LHPN') → 'women_union' */
export const parseOwnerLabel = (text: string): Owner | undefined => OWNER_BY_LABEL.get(foldHeader(text));

// ---------------------------------------------------------------------------------------------
// POST /imports/dry-run, POST /imports/{planId}/commit
// ---------------------------------------------------------------------------------------------

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export const importFormatSchema = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof importFormatSchema>;

/**
 * What committing a row does. create: a new page; update: an existing page changes (fields,
 * assignment or status; metrics may change too); metrics: only the month's figures change;
 * unchanged: nothing to do; error: the row cannot be imported (see errors).
 */
export const IMPORT_OUTCOMES = ['create', 'update', 'metrics', 'unchanged', 'error'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export const importUnitCandidateSchema = z.object({
  code: z.string(),
  name: z.string(),
  parent: z.string().nullable().meta({ description: "the parent unit's name, to tell equal names apart" }),
});
export type ImportUnitCandidate = z.infer<typeof importUnitCandidateSchema>;

/** A message's stable form: its catalogue key and parameters (the text is rendered beside it in the request's language). */
export const importMessageSchema = z
  .object({
    key: z.string().meta({ description: 'the catalogue key, e.g. import_launch_missing' }),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .meta({ id: 'ImportMessage' });
export type ImportMessage = z.infer<typeof importMessageSchema>;

export const importRowErrorSchema = z
  .object({
    column: z.string().meta({ description: 'the header as written in the file (or the template header when the column is missing)' }),
    message: z.string().meta({ description: "in the request's language" }),
    key: z.string(),
    params: importMessageSchema.shape.params,
    candidates: z.array(importUnitCandidateSchema).meta({ description: 'for an ambiguous or unknown unit name: the units it may mean, best first' }),
  })
  .meta({ id: 'ImportRowError' });
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export const importRowResultSchema = z
  .object({
    row: z.number().int().meta({ description: 'the row number as a spreadsheet shows it (the header row counts)' }),
    outcome: z.enum(IMPORT_OUTCOMES),
    unit: z.object({ code: z.string(), name: z.string(), level: levelSchema }).nullable(),
    pageId: z.number().int().nullable().meta({ description: 'the existing page; null for a new page or an error' }),
    url: z.string().nullable(),
    changes: z.array(z.string()).meta({ description: 'what committing changes, e.g. "name: A → B", "metrics 2025-05: followers 10 → 12"' }),
    errors: z.array(importRowErrorSchema),
    warnings: z.array(z.string()).meta({ description: 'values that were read but change nothing, and why' }),
    changeMessages: z.array(importMessageSchema).meta({ description: 'changes, as keys and params' }),
    warningMessages: z.array(importMessageSchema).meta({ description: 'warnings, as keys and params' }),
  })
  .meta({ id: 'ImportRowResult' });
export type ImportRowResult = z.infer<typeof importRowResultSchema>;

export const importTotalsSchema = z
  .object({
    rows: z.number().int().meta({ description: 'data rows (blank rows are skipped)' }),
    create: z.number().int(),
    update: z.number().int(),
    metrics: z.number().int(),
    unchanged: z.number().int(),
    error: z.number().int(),
    metricSnapshots: z.number().int().meta({ description: 'monthly snapshots written, new or changed' }),
    statusEvents: z.number().int().meta({ description: 'status events added (a new page gets "reported")' }),
  })
  .meta({ id: 'ImportTotals', description: 'rows = create + update + metrics + unchanged + error' });
export type ImportTotals = z.infer<typeof importTotalsSchema>;

export const importDryRunFormSchema = z.object({
  file: z.any().meta({ type: 'string', format: 'binary', description: `a CSV (UTF-8, UTF-16 or Windows-1258; comma, semicolon or tab) or XLSX file of at most ${MAX_IMPORT_BYTES} bytes and ${MAX_IMPORT_ROWS} rows` }),
  scheme: schemeIdSchema.optional().meta({ description: 'the scheme of the units in the file; default from configuration' }),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM, e.g. 2026-11')
    .optional()
    .meta({ description: 'the month of the figures in rows without a month of their own; default: the last full month before today' }),
  mapping: z
    .string()
    .max(20_000)
    .optional()
    .meta({ description: 'JSON: what columns are, by column index (0 = first) or header as written → a column key or "ignore", e.g. {"3":"followers","Ghi chú 2":"ignore"}; default: your choice for your last file with the same headers, else by meaning' }),
  sheet: z.string().max(200).optional().meta({ description: 'XLSX: the name of the sheet to read; default: the first with a recognisable header' }),
});

/** A mapping's value for a column that is to be left out. */
export const IMPORT_IGNORE = 'ignore' as const;
export const importMappingTargetSchema = z.enum([...IMPORT_COLUMN_KEYS, IMPORT_IGNORE]);
export type ImportMappingTarget = z.infer<typeof importMappingTargetSchema>;
/**
 * What the user says each column is: column index (0 = first, as in the dry run's headers) or
 * header as written → a column key or "ignore". {"3": "followers", "Ghi chú 2": "ignore"}
 */
export const importColumnMappingSchema = z.record(z.string().min(1).max(200), importMappingTargetSchema);
export type ImportColumnMapping = z.infer<typeof importColumnMappingSchema>;

/** The headers (Vietnamese, English) of the result column that the plan file adds; an upload that has it ignores it. */
export const IMPORT_RESULT_HEADERS = ['Kết quả kiểm tra', 'Check result'] as const;

/**
 * How a column was read. meaning: its header names an import column; mapping: the user said so
 * (in this request or remembered from their last file with the same headers); ignored: the user
 * said to leave it out; unknown: its header names no import column; ambiguous: another column
 * names the same one (the first of them is read until a mapping says otherwise); result: the
 * result column of a plan file, never read.
 */
export const IMPORT_HEADER_READINGS = ['meaning', 'mapping', 'ignored', 'unknown', 'ambiguous', 'result'] as const;
export type ImportHeaderReading = (typeof IMPORT_HEADER_READINGS)[number];

export const importHeaderSchema = z
  .object({
    index: z.number().int().meta({ description: 'the column, 0 = first' }),
    header: z.string().meta({ description: 'as written in the file' }),
    key: z.enum(IMPORT_COLUMN_KEYS).nullable().meta({ description: 'the import column it is read as; null when not read' }),
    reading: z.enum(IMPORT_HEADER_READINGS),
    samples: z.array(z.string()).meta({ description: 'the first 3 non-empty values below the header' }),
  })
  .meta({ id: 'ImportHeader' });
export type ImportHeader = z.infer<typeof importHeaderSchema>;

/** Why a row under the header was skipped: a totals row, a signature or date line (and what follows it), the header repeated. */
export const IMPORT_SKIP_REASONS = ['totals', 'signature', 'header'] as const;

export const importSkippedRowSchema = z
  .object({
    row: z.number().int(),
    reason: z.enum(IMPORT_SKIP_REASONS),
    text: z.string().meta({ description: 'the cell that shows it, as written, e.g. "Tổng cộng"' }),
  })
  .meta({ id: 'ImportSkippedRow' });
export type ImportSkippedRow = z.infer<typeof importSkippedRowSchema>;

export const importProblemSchema = z
  .object({
    severity: z.enum(['error', 'warning']),
    column: z.string().nullable().meta({ description: 'the header as written; null for a warning about the whole row' }),
    example: z.string().meta({ description: 'the message of the first row of this kind' }),
    key: z.string().meta({ description: 'the catalogue key of this kind of problem' }),
    params: importMessageSchema.shape.params.meta({ description: "the example's params" }),
    count: z.number().int(),
    rows: z.array(z.number().int()),
  })
  .meta({ id: 'ImportProblem', description: "one kind of problem (a column and a message key) and the rows that have it" });
export type ImportProblem = z.infer<typeof importProblemSchema>;

export const importDryRunResponseSchema = z
  .object({
    planId: z.string().meta({ description: 'commit it with POST /imports/{planId}/commit' }),
    scheme: schemeIdSchema,
    effectiveOn: z.string().meta({ description: 'the date status changes take effect: today, clamped into the scheme' }),
    expiresAt: z.string().meta({ description: `the plan can be committed until then, ${IMPORT_PLAN_TTL_HOURS} hours after the dry run, unless ${IMPORT_PLANS_PER_USER} newer dry runs of the same user replace it` }),
    file: z.object({
      name: z.string(),
      format: importFormatSchema,
      encoding: z.string().nullable().meta({ description: 'utf-8, utf-8-bom, utf-16le, utf-16be or windows-1258; null for XLSX' }),
      separator: z.string().nullable().meta({ description: 'the CSV separator; null for XLSX' }),
      headerRow: z.number().int(),
      sheets: z.array(z.string()).meta({ description: 'XLSX: the names of the sheets, in workbook order; empty for CSV' }),
      sheet: z.string().nullable().meta({ description: 'XLSX: the sheet read; null for CSV' }),
      headers: z.array(importHeaderSchema).meta({ description: 'every column of the header, with what it was read as' }),
      mapping: z
        .object({
          source: z.enum(['form', 'remembered']).nullable().meta({ description: 'form: the mapping field; remembered: your choice for your last file with the same headers; null: headers by meaning only' }),
          needed: z.boolean().meta({ description: 'a column is unknown or two columns name the same one: say what they are with the mapping field' }),
        })
        .meta({ id: 'ImportMapping' }),
    }),
    columns: z.array(z.object({ key: z.enum(IMPORT_COLUMN_KEYS), header: z.string() })).meta({ description: 'the recognised columns as headed in the file' }),
    ignoredColumns: z.array(z.string()).meta({ description: 'headers that name no import column' }),
    month: z.string().meta({ description: 'the month of the figures in rows without a month of their own (form field month, or the last full month)' }),
    skippedRows: z.array(importSkippedRowSchema).meta({ description: 'rows under the header that are no pages: totals, signature and date lines, repeated headers' }),
    problems: z.array(importProblemSchema).meta({ description: "every row's errors and warnings grouped by kind, errors first, most rows first" }),
    canCommit: z.boolean().meta({ description: 'false while any row has an error: fix the file and run the dry run again' }),
    totals: importTotalsSchema,
    rows: z.array(importRowResultSchema).meta({
      description: `every row's outcome, in file order, for a file of up to ${IMPORT_ANSWER_ROWS} rows; a bigger file's first ${IMPORT_ANSWER_ROWS}, the others (by outcome too) from GET /imports/{planId}/rows`,
    }),
  })
  .meta({ id: 'ImportDryRun' });
export type ImportDryRunResponse = z.infer<typeof importDryRunResponseSchema>;

export const importPlanParamsSchema = z.object({
  planId: z.string().regex(/^[0-9a-f-]{36}$/, 'must be the planId of a dry run'),
});

/** all: every row; changes: rows that write something or have an error; error: rows with errors. */
export const IMPORT_ROW_FILTERS = ['all', 'changes', 'error'] as const;
export type ImportRowFilter = (typeof IMPORT_ROW_FILTERS)[number];

/** Is a row of this outcome shown under the filter? isRowInFilter('unchanged', 'changes') → false */
export const isRowInFilter = (outcome: ImportOutcome, filter: ImportRowFilter): boolean =>
  filter === 'all' || (filter === 'error' ? outcome === 'error' : outcome !== 'unchanged');

export const importPlanRowsQuerySchema = z.strictObject({
  filter: z.enum(IMPORT_ROW_FILTERS).default('all').meta({ description: 'all (default), changes (rows that write something or have an error) or error (rows with errors)' }),
  offset: offsetParam('rows of this filter to skip'),
  limit: limitParam(IMPORT_ROWS_PAGE, 'rows per page'),
});
export type ImportPlanRowsQuery = z.infer<typeof importPlanRowsQuerySchema>;

export const importPlanRowsResponseSchema = z
  .object({
    planId: z.string(),
    filter: z.enum(IMPORT_ROW_FILTERS),
    offset: z.number().int(),
    total: z.number().int().meta({ description: 'rows of this filter in the whole plan' }),
    rows: z.array(importRowResultSchema).meta({ description: 'in file order, from offset' }),
  })
  .meta({ id: 'ImportPlanRows' });
export type ImportPlanRowsResponse = z.infer<typeof importPlanRowsResponseSchema>;

export const importCommitResponseSchema = z
  .object({
    planId: z.string(),
    scheme: schemeIdSchema,
    committedAt: z.string(),
    totals: importTotalsSchema,
  })
  .meta({ id: 'ImportCommit' });
export type ImportCommitResponse = z.infer<typeof importCommitResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /imports/{planId}: what became of a plan
// ---------------------------------------------------------------------------------------------

/**
 * pending: can be committed until expiresAt; committed: applied once, `result` is what the
 * commit answered (a repeated commit answers it again); expired: not committed in time;
 * replaced: the uploader's newer dry runs took its place.
 */
export const IMPORT_PLAN_STATES = ['pending', 'committed', 'expired', 'replaced'] as const;
export type ImportPlanState = (typeof IMPORT_PLAN_STATES)[number];

export const importPlanStatusSchema = z
  .object({
    planId: z.string(),
    state: z.enum(IMPORT_PLAN_STATES),
    fileName: z.string(),
    scheme: schemeIdSchema,
    createdAt: z.string().meta({ description: 'when the dry run was made' }),
    expiresAt: z.string().meta({ description: 'when the plan stops being committable' }),
    endedAt: z.string().nullable().meta({ description: 'when it was committed, expired or replaced; null while pending' }),
    totals: importTotalsSchema,
    result: importCommitResponseSchema.nullable().meta({ description: 'committed only: what the commit answered' }),
    replacedBy: z
      .object({ planId: z.string(), fileName: z.string(), createdAt: z.string() })
      .nullable()
      .meta({ description: 'replaced only: the newer dry run that took its place (null if no longer remembered)' }),
    message: z.string().meta({ description: 'the state in a sentence, e.g. "Committed at …"' }),
  })
  .meta({ id: 'ImportPlanStatus' });
export type ImportPlanStatus = z.infer<typeof importPlanStatusSchema>;

// ---------------------------------------------------------------------------------------------
// GET /imports/template, GET /exports/pages, GET /exports/coverage
// ---------------------------------------------------------------------------------------------

const formatParam = importFormatSchema.default('csv').meta({ description: 'csv (default; UTF-8 with BOM) or xlsx' });

export const importTemplateQuerySchema = z.strictObject({
  scheme: queryParams.scheme,
  province: z
    .string()
    .regex(/^\d{2}$/, 'must be a province code of 2 digits, e.g. 01')
    .meta({ description: "the province whose units (and their pages, status and last month's metrics) fill the template" }),
  format: formatParam,
});
export type ImportTemplateQuery = z.infer<typeof importTemplateQuerySchema>;

/** The registry's own filters, so an export holds exactly the pages the list shows. */
export const exportPagesQuerySchema = z.strictObject({
  scheme: queryParams.scheme,
  asOf: queryParams.asOf,
  parent: queryParams.parent,
  status: pageListQuerySchema.shape.status,
  platform: pageListQuerySchema.shape.platform,
  owner: pageListQuerySchema.shape.owner,
  q: pageListQuerySchema.shape.q,
  sort: pageListQuerySchema.shape.sort,
  format: formatParam,
});
export type ExportPagesQuery = z.infer<typeof exportPagesQuerySchema>;

export const exportCoverageQuerySchema = z.strictObject({
  scheme: queryParams.scheme,
  asOf: queryParams.asOf,
  level: queryParams.level,
  parent: queryParams.parent,
  owner: queryParams.owner,
  platform: queryParams.platform,
  format: formatParam,
});
export type ExportCoverageQuery = z.infer<typeof exportCoverageQuerySchema>;
