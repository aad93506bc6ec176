/**
 * The files people download: the import template of a province, the page registry and the
 * coverage table. Each names its scheme and as-of date in a title line and in its file name.
 */
import {
  activeMonths,
  defaultAsOf,
  IMPORT_COLUMNS,
  levelsBelow,
  OWNER_NAMES_VI,
  PAGE_STATUS_LABELS,
  PLATFORM_LABELS,
  SCHEME_NAMES,
  SCHEMES,
  UNIT_KIND_NAMES_VI,
  type ExportCoverageQuery,
  type ExportPagesQuery,
  type ImportColumnKey,
  type ImportTemplateQuery,
  type Level,
  type Owner,
  type PageStatus,
  type Platform,
  type SchemeId,
  type Unit,
} from '@mttq/core';
import { getCoverage } from '../coverage/routes';
import { badRequest } from '../http/errors';
import { msg } from '../messages';
import { resolveAsOf, resolveParent, resolveScheme } from '../http/scope';
import type { Services } from '../http/services';
import { listPages } from '../pages/page-queries';
import { toPageListFilters } from '../pages/routes';
import { statement } from '../db/statements';
import type { Sheet, SheetCell, SheetColumn } from './spreadsheet';

export interface DownloadFile {
  sheet: Sheet;
  /** More sheets for XLSX (CSV has one table). */
  extra: Sheet[];
  /** File name without extension. */
  baseName: string;
}

const LEVEL_VI: Record<Level, string> = { province: 'tỉnh', district: 'huyện', commune: 'xã' };
const UNIT_KEYS: readonly ImportColumnKey[] = ['provinceCode', 'province', 'districtCode', 'district', 'communeCode', 'commune'];
const CODE_KEYS: ReadonlySet<ImportColumnKey> = new Set(['provinceCode', 'districtCode', 'communeCode']);

const column = (key: ImportColumnKey): SheetColumn => {
  const c = IMPORT_COLUMNS.find((col) => col.key === key)!;
  return { header: c.vi, isText: CODE_KEYS.has(key) || key === 'launchedOn' || key === 'month', width: key === 'url' ? 48 : key === 'pageName' ? 40 : undefined };
};

/** The unit columns of a scheme (no district in reform34). */
const unitKeys = (scheme: SchemeId) => UNIT_KEYS.filter((key) => SCHEMES[scheme].levels.includes(key.replace('Code', '') as Level));

/** A unit's province, district and commune cells, by the unit columns of its scheme. */
function unitCells(scheme: SchemeId, unit: Unit, byCode: ReadonlyMap<string, Unit>): SheetCell[] {
  const province = byCode.get(unit.provinceCode) ?? null;
  const district = unit.level === 'district' ? unit : unit.level === 'commune' && unit.parentCode !== unit.provinceCode ? (byCode.get(unit.parentCode!) ?? null) : null;
  const commune = unit.level === 'commune' ? unit : null;
  const cells: Record<string, SheetCell> = {
    provinceCode: province?.code ?? null,
    province: province?.name ?? null,
    districtCode: district?.code ?? null,
    district: district?.name ?? null,
    communeCode: commune?.code ?? null,
    commune: commune?.name ?? null,
  };
  return unitKeys(scheme).map((key) => cells[key] ?? null);
}

const unitIndex = (units: readonly Unit[]) => new Map(units.map((u) => [u.code, u]));

/** Tree order within a province: the province, then each district followed by its communes. */
const treeKey = (unit: Unit) =>
  unit.level === 'province' ? '' : unit.level === 'district' ? `${unit.code}|` : `${unit.parentCode === unit.provinceCode ? '' : unit.parentCode}|${unit.code}`;

interface DbTemplateRow {
  unit_code: string;
  url: string;
  name: string;
  platform: Platform;
  owner: Owner;
  launched_on: string;
  status: PageStatus | null;
  followers: number | null;
  posts: number | null;
  interactions: number | null;
  views: number | null;
}

/** The columns of the import file, as a sheet explaining each (the XLSX template's second sheet). */
function columnGuide(scheme: SchemeId): Sheet {
  const keys = new Set<ImportColumnKey>([...unitKeys(scheme), ...IMPORT_COLUMNS.map((c) => c.key).filter((k) => !UNIT_KEYS.includes(k))]);
  return {
    name: 'Hướng dẫn',
    title: [
      'Mỗi dòng là một trang (đường dẫn trang xác định trang). Tiêu đề cột viết tiếng Việt hoặc tiếng Anh, thứ tự tùy ý.',
      `Trạng thái: ${Object.values(PAGE_STATUS_LABELS).map((l) => l.vi).join(', ')}. Chủ quản: ${Object.values(OWNER_NAMES_VI).join(', ')}.`,
    ],
    columns: [{ header: 'Cột', width: 20 }, { header: 'English', width: 16 }, { header: 'Nội dung', width: 90 }],
    rows: IMPORT_COLUMNS.filter((c) => keys.has(c.key)).map((c) => [c.vi, c.en, c.description]),
  };
}

/**
 * The import template of a province: one row per page of each of its units (units without a page
 * get one row to fill in), with status at the scheme's today and last month's figures. Imported
 * back unchanged, it changes nothing.
 */
export function buildTemplate(services: Services, query: ImportTemplateQuery): DownloadFile {
  const scheme = resolveScheme(services, query.scheme);
  const units = services.units(scheme);
  const byCode = unitIndex(units);
  const province = byCode.get(query.province);
  if (!province || province.level !== 'province') throw badRequest('province', msg('import_template_not_province', { code: query.province, scheme }));
  const on = defaultAsOf(scheme, services.today());
  const month = activeMonths(on)[1];
  const pages = statement(
    services.db,
    /* sql */ `SELECT a.unit_code, p.url, p.name, p.platform, p.owner, p.launched_on,
       (SELECT e.status FROM page_status_events e WHERE e.page_id = p.id AND e.effective_on <= @on ORDER BY e.effective_on DESC, e.id DESC LIMIT 1) AS status,
       m.followers, m.posts, m.interactions, m.views
     FROM units u
     JOIN page_assignments a ON a.scheme = u.scheme AND a.unit_code = u.code
     JOIN pages p ON p.id = a.page_id
     LEFT JOIN metric_snapshots m ON m.page_id = p.id AND m.month = @month
     WHERE u.scheme = @scheme AND u.province_code = @province
     ORDER BY p.id`,
  ).all({ scheme, province: province.code, on, month }) as DbTemplateRow[];
  const pagesByUnit = new Map<string, DbTemplateRow[]>();
  for (const page of pages) {
    const list = pagesByUnit.get(page.unit_code);
    if (list) list.push(page);
    else pagesByUnit.set(page.unit_code, [page]);
  }
  const pageKeys: ImportColumnKey[] = ['url', 'platform', 'pageName', 'owner', 'launchedOn', 'status', 'note', 'month', 'followers', 'posts', 'interactions', 'views'];
  const rows: SheetCell[][] = [];
  const inProvince = units.filter((u) => u.provinceCode === province.code).sort((a, b) => (treeKey(a) < treeKey(b) ? -1 : treeKey(a) > treeKey(b) ? 1 : 0));
  for (const unit of inProvince) {
    const cells = unitCells(scheme, unit, byCode);
    const unitPages = pagesByUnit.get(unit.code) ?? [];
    if (unitPages.length === 0) rows.push([...cells, ...pageKeys.map(() => null)]);
    for (const p of unitPages) {
      rows.push([
        ...cells,
        p.url,
        PLATFORM_LABELS[p.platform],
        p.name,
        OWNER_NAMES_VI[p.owner],
        p.launched_on,
        PAGE_STATUS_LABELS[p.status ?? 'reported'].vi,
        null,
        month,
        p.followers,
        p.posts,
        p.interactions,
        p.views,
      ]);
    }
  }
  return {
    sheet: {
      name: 'Mẫu nhập',
      title: [`Mẫu nhập trang cộng đồng — ${SCHEME_NAMES[scheme].vi} (${scheme}) — ${province.name} (${province.code}) — trạng thái đến ngày ${on}, số liệu tháng ${month}`],
      columns: [...unitKeys(scheme), ...pageKeys].map(column),
      rows,
    },
    extra: [columnGuide(scheme)],
    baseName: `mau-nhap_${scheme}_${province.code}_${on}`,
  };
}

/** GET /exports/pages: every page of the scheme under parent launched by asOf, in tree order. */
export function buildPagesExport(services: Services, query: ExportPagesQuery): DownloadFile {
  const filters = toPageListFilters(services, query);
  const { scheme, asOf } = filters;
  const parent = resolveParent(services, scheme, query.parent);
  // the list's own filters, named in the title so the file says which pages it holds
  const applied = [
    filters.status !== 'all' && `trạng thái: ${filters.status}`,
    filters.platform && `nền tảng: ${filters.platform}`,
    filters.owner !== 'all' && `chủ quản: ${filters.owner}`,
    query.q && `tìm: “${query.q}”`,
  ].filter(Boolean);
  const byCode = unitIndex(services.units(scheme));
  const rows = listPages(services.db, filters, query.sort, null, Number.MAX_SAFE_INTEGER);
  const yesNo = (flag: 0 | 1) => (flag === 1 ? 'Có' : 'Không');
  const columns: SheetColumn[] = [
    ...unitKeys(scheme).map(column),
    column('pageName'),
    column('platform'),
    column('url'),
    column('owner'),
    column('launchedOn'),
    { header: `${column('status').header} (đến ${asOf})` },
    { header: 'Còn hoạt động (live)' },
    { header: 'Đang hoạt động (active)' },
    { header: 'Đã xác minh (verified)' },
    { header: 'Lượt theo dõi mới nhất' },
  ];
  return {
    sheet: {
      name: 'Trang cộng đồng',
      title: [`Sổ trang cộng đồng — ${SCHEME_NAMES[scheme].vi} (${scheme}) — số liệu đến ngày ${asOf} — ${parent ? `${parent.name} (${parent.code})` : 'toàn quốc'} — ${applied.length ? `${applied.join(', ')} — ` : ''}${rows.length} trang${services.isDemo() ? ' — dữ liệu demo' : ''}`],
      columns,
      rows: rows.map((r) => {
        const unit = byCode.get(r.unit_code);
        return [
          ...(unit ? unitCells(scheme, unit, byCode) : unitKeys(scheme).map(() => null)),
          r.name,
          PLATFORM_LABELS[r.platform],
          r.url,
          OWNER_NAMES_VI[r.owner],
          r.launched_on,
          PAGE_STATUS_LABELS[r.latest_status ?? 'reported'].vi,
          yesNo(r.is_live),
          yesNo(r.is_active),
          yesNo(r.is_verified),
          r.followers,
        ];
      }),
    },
    extra: [],
    baseName: `trang-cong-dong_${scheme}_${asOf}${parent ? `_${parent.code}` : ''}`,
  };
}

const percent = (part: number, total: number) => (total === 0 ? null : Math.round((part / total) * 1000) / 10);
/** Numbers in the export's Vietnamese text lines: 5.777, 54,5. */
const viNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** GET /exports/coverage: the /coverage answer as a table, one row per unit, counts per lower level. */
export function buildCoverageExport(services: Services, query: ExportCoverageQuery): DownloadFile {
  const { format: _format, ...coverageQuery } = query;
  const coverage = getCoverage(services, coverageQuery);
  const { scheme, asOf, level } = coverage;
  const lower = levelsBelow(scheme, level);
  const parentUnit = coverage.parent ? services.units(scheme).find((u) => u.code === coverage.parent) : undefined;
  const yesNo = (flag: boolean) => (flag ? 'Có' : 'Không');
  const columns: SheetColumn[] = [
    { header: 'Mã', isText: true },
    { header: 'Tên', width: 36 },
    { header: 'Loại' },
    { header: 'Có trang' },
    { header: 'Trang hoạt động' },
    { header: 'Trang đã xác minh' },
    { header: 'Số trang' },
    ...lower.flatMap((l) => [
      { header: `Số ${LEVEL_VI[l]}` },
      { header: `Số ${LEVEL_VI[l]} có trang` },
      { header: `Tỉ lệ ${LEVEL_VI[l]} có trang (%)` },
      { header: `Số ${LEVEL_VI[l]} có trang hoạt động` },
      { header: `Số ${LEVEL_VI[l]} có trang đã xác minh` },
    ]),
  ];
  const totals = Object.entries(coverage.levels).map(
    ([l, c]) =>
      `${LEVEL_VI[l as Level]}: ${viNumber.format(c.covered)}/${viNumber.format(c.total)} có trang (${viNumber.format(percent(c.covered, c.total) ?? 0)}%), ${viNumber.format(c.active)} hoạt động, ${viNumber.format(c.verified)} đã xác minh`,
  );
  return {
    sheet: {
      name: 'Độ phủ',
      title: [
        `Độ phủ trang cộng đồng — ${SCHEME_NAMES[scheme].vi} (${scheme}) — đến ngày ${asOf} — cấp ${LEVEL_VI[level]} — ${parentUnit ? `${parentUnit.name} (${parentUnit.code})` : 'toàn quốc'} — chủ quản: ${query.owner === 'all' ? 'tất cả' : OWNER_NAMES_VI[query.owner]}${query.platform ? ` — ${PLATFORM_LABELS[query.platform]}` : ''}${coverage.demo ? ' — dữ liệu demo' : ''}`,
        `Tổng — ${totals.join('; ')}`,
      ],
      columns,
      rows: coverage.rows.map((row) => [
        row.code,
        row.name,
        UNIT_KIND_NAMES_VI[level]?.[row.kind] ?? row.kind,
        yesNo(row.covered),
        yesNo(row.active),
        yesNo(row.verified),
        row.pages,
        ...lower.flatMap((l) => {
          const c = row.descendants[l];
          return c ? [c.total, c.covered, percent(c.covered, c.total), c.active, c.verified] : [null, null, null, null, null];
        }),
      ]),
    },
    extra: [],
    baseName: `do-phu_${scheme}_${asOf}_${level}${coverage.parent ? `_${coverage.parent}` : ''}`,
  };
}
