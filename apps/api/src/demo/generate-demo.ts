import { foldDiacritics } from '@mttq/admin-units';
import {
  isoDateSchema,
  OWNER_NAMES_VI,
  REFORM_DATE,
  toIsoDate,
  type Level,
  type Owner,
  type PageStatus,
  type Platform,
  type Region,
  type SchemeId,
} from '@mttq/core';
import type { Db } from '../db/connection';
import { withoutChangeEntries } from '../db/figure-changes';
import { buildMonths, dayOf, isoOf, monthOf, type DemoMonth } from './calendar';
import { Random } from './random';

/**
 * Synthetic rollout data for the demo (DESIGN.md §1–2): Front committee pages launched from
 * September 2021, exactly the coverage the central committee reported on 12 Aug 2022, slower
 * and faster regions afterwards, dormant and closed pages, monthly metrics, and the 2025 reform
 * carrying pages across the crosswalk. Every row is flagged is_demo = 1.
 *
 * Determinism: every decision draws from its own seeded stream named by a stable key (a unit
 * code or a page key), and the whole plan is made without looking at `today`; `today` only cuts
 * the plan off. So a later `today` adds pages, events and months after the earlier one and
 * leaves everything before it as it was (page and event ids included, since both are numbered
 * in date order).
 */

export const DEFAULT_DEMO_SEED = 20_220_812;

export interface DemoOptions {
  seed?: number;
  /** YYYY-MM-DD; nothing dated later is written. Defaults to the real date (UTC). */
  today?: string;
  /**
   * Size: 1 is the story above; N adds N − 1 pages of member organisations (Youth, Women's,
   * Farmers', Veterans' and Trade Unions, now inside the Front) per district and commune, with
   * their monthly figures: about N times the pages and figures, the Front's own pages unchanged.
   */
  scale?: number;
  /**
   * Years of history before September 2026: up to 5 is the story above (the campaign began in
   * September 2021); more makes the member organisations' pages reach back that far.
   */
  years?: number;
}

export const MAX_DEMO_SCALE = 20;
export const MAX_DEMO_YEARS = 20;
const STORY_YEARS = 5;

/** Rows written per table. */
export interface DemoSummary {
  pages: number;
  pageAssignments: number;
  pageStatusEvents: number;
  metricSnapshots: number;
  meta: number;
}

// --- The story's dates and targets ---------------------------------------------------------

const CAMPAIGN_START = dayOf('2021-09-01');
/** The central committee's report: 63/63 provinces, 77.8% of districts, 54.5% of communes. */
const REPORT_DAY = dayOf('2022-08-12');
/** Closures and rejections start after the report, so they never change its figures. */
const CLOSURES_FROM = dayOf('2022-09-01');
const CLOSURES_UNTIL = dayOf('2025-05-31');
const LEGACY_LAST_LAUNCH = dayOf('2025-06-25');
const REFORM_DAY = dayOf(REFORM_DATE);

/** Units covered on REPORT_DAY: 548/705 = 77.7%, 5,777/10,599 = 54.5%. */
const COVERED_ON_REPORT_DAY = { district: 548, commune: 5_777 } as const;
/** Share of units with a page launched by the reform (a few close again before it). */
const LAUNCHED_BY_REFORM = { district: 0.93, commune: 0.86 } as const;

/** How early a region's committees built pages: deltas and cities first, mountains last. */
const REGION_PACE: Record<Region, number> = {
  'red-river-delta': 0.9,
  southeast: 0.7,
  'mekong-delta': 0.35,
  'north-central-coast': 0.1,
  'central-highlands': -0.6,
  'northern-midlands-mountains': -0.9,
};

const KIND_PACE: Record<string, number> = { quan: 0.7, 'thanh-pho': 0.6, 'thi-xa': 0.3, phuong: 0.6, 'thi-tran': 0.4 };
const KIND_AUDIENCE: Record<string, number> = {
  'thanh-pho-trung-uong': 1.8,
  quan: 1.6,
  'thanh-pho': 1.5,
  'thi-xa': 1.2,
  phuong: 1.6,
  'thi-tran': 1.3,
  'dac-khu': 1.2,
};
const REGION_AUDIENCE: Record<Region, number> = {
  'red-river-delta': 1.15,
  southeast: 1.2,
  'mekong-delta': 1,
  'north-central-coast': 1,
  'central-highlands': 0.85,
  'northern-midlands-mountains': 0.8,
};

/** Median followers a mature page reaches, by level (log-normal around it). */
const AUDIENCE_MEDIAN = { province: 28_000, district: 4_000, commune: 850, reformCommune: 1_800 } as const;
/** Median posts per month, by level. */
const POSTS_MEDIAN: Record<Level, number> = { province: 40, district: 16, commune: 7 };
/** Chance that a page falls silent for months at some point (a few never come back). */
const DORMANT_SHARE: Record<Level, number> = { province: 0.03, district: 0.1, commune: 0.15 };
/** Chance that an active page posts nothing in a month. */
const QUIET_SHARE: Record<Level, number> = { province: 0.01, district: 0.04, commune: 0.09 };

const PLATFORM_WEIGHTS: ReadonlyArray<readonly [Platform, number]> = [
  ['facebook', 90],
  ['zalo', 5],
  ['tiktok', 3],
  ['youtube', 2],
];
const PLATFORM_AUDIENCE: Record<Platform, number> = { facebook: 1, zalo: 0.6, tiktok: 1.6, youtube: 0.35 };
const PLATFORM_POSTS: Record<Platform, number> = { facebook: 1, zalo: 0.8, tiktok: 0.7, youtube: 0.3 };
const PLATFORM_ID_PREFIX: Record<Platform, string> = { facebook: 'demo-fb-', zalo: 'demo-zl-', tiktok: 'demo-tt-', youtube: 'demo-yt-' };

type MemberOwner = Exclude<Owner, 'front'>;
const MEMBER_OWNERS: Record<'district' | 'commune', ReadonlyArray<readonly [MemberOwner, number]>> = {
  district: [
    ['youth_union', 3],
    ['trade_union', 3],
    ['women_union', 2],
    ['veterans_union', 1],
    ['farmers_union', 1],
  ],
  commune: [
    ['youth_union', 3],
    ['women_union', 3],
    ['farmers_union', 3],
    ['veterans_union', 1],
    ['trade_union', 0.3],
  ],
};
const OWNER_HANDLE: Record<Owner, string> = {
  front: 'mttq',
  youth_union: 'doanthanhnien',
  women_union: 'hoiphunu',
  farmers_union: 'hoinongdan',
  veterans_union: 'hoicuuchienbinh',
  trade_union: 'congdoan',
};
const OWNER_TITLE: Record<Owner, string> = { ...OWNER_NAMES_VI, front: 'Mặt trận Tổ quốc' };

const CENTRAL = 'demo:central';
const NOTE_MERGED = 'Sáp nhập đơn vị hành chính';
const NOTE_DISTRICT_ENDED = 'Sáp nhập đơn vị hành chính: không tổ chức cấp huyện';
const NOTE_INACTIVE = 'Không có bài đăng mới trong hơn 30 ngày';
const NOTE_ACTIVE = 'Trang hoạt động trở lại';
const NOTE_REJECTED = 'Không phải trang chính thức của Ủy ban MTTQ (trang cá nhân)';
const NOTE_REMOVED = 'Đã gỡ trang sau khi bị từ chối xác minh';
const NOTE_REPLACED = 'Mất quyền quản trị; đã lập trang mới thay thế';
const CLOSE_NOTES = ['Mất quyền quản trị trang', 'Trang bị khóa, chưa khôi phục được', 'Ngừng hoạt động theo chỉ đạo của Ban Thường trực'];

// --- Rows read once from the database -------------------------------------------------------

interface DbDemoUnit {
  scheme: SchemeId;
  code: string;
  level: Level;
  name: string;
  kind: string;
  parent_code: string | null;
  province_code: string;
  region: Region;
}

interface DbDemoEdge {
  from_code: string;
  to_code: string;
  level: 'province' | 'commune';
}

interface DemoRegistry {
  legacy: Record<Level, DbDemoUnit[]>;
  legacyProvinceKind: Map<string, string>;
  reformCommunes: DbDemoUnit[];
  /** legacy63 province → the reform34 province it merged into. */
  provinceTarget: Map<string, string>;
  /** reform34 province → how many legacy63 provinces merged into it. */
  provinceSources: Map<string, number>;
  /** legacy63 commune → reform34 communes (more than one when the commune was split). */
  communeTargets: Map<string, string[]>;
  /** reform34 commune → how many legacy63 communes map to it. */
  communeSources: Map<string, number>;
}

function readRegistry(db: Db): DemoRegistry {
  const units = db
    .prepare('SELECT scheme, code, level, name, kind, parent_code, province_code, region FROM units ORDER BY scheme, code')
    .all() as DbDemoUnit[];
  const edges = db.prepare('SELECT from_code, to_code, level FROM crosswalk ORDER BY from_code, to_code').all() as DbDemoEdge[];
  const legacy: Record<Level, DbDemoUnit[]> = { province: [], district: [], commune: [] };
  const reformCommunes: DbDemoUnit[] = [];
  for (const unit of units) {
    if (unit.scheme === 'legacy63') legacy[unit.level].push(unit);
    else if (unit.level === 'commune') reformCommunes.push(unit);
  }
  if (legacy.province.length === 0 || reformCommunes.length === 0 || edges.length === 0) {
    throw new Error('Cannot seed demo data: the administrative units and crosswalk are not loaded yet (run maybeLoadRegistries first).');
  }
  const registry: DemoRegistry = {
    legacy,
    legacyProvinceKind: new Map(legacy.province.map((p) => [p.code, p.kind])),
    reformCommunes,
    provinceTarget: new Map(),
    provinceSources: new Map(),
    communeTargets: new Map(),
    communeSources: new Map(),
  };
  for (const edge of edges) {
    if (edge.level === 'province') {
      registry.provinceTarget.set(edge.from_code, edge.to_code);
      registry.provinceSources.set(edge.to_code, (registry.provinceSources.get(edge.to_code) ?? 0) + 1);
    } else {
      const targets = registry.communeTargets.get(edge.from_code);
      if (targets) targets.push(edge.to_code);
      else registry.communeTargets.set(edge.from_code, [edge.to_code]);
      registry.communeSources.set(edge.to_code, (registry.communeSources.get(edge.to_code) ?? 0) + 1);
    }
  }
  return registry;
}

// --- The plan: every page the demo will ever have, independent of `today` ------------------

type PageVariant = 'primary' | 'replacement' | 'unofficial' | 'member' | 'reform34';

interface PlannedClosure {
  day: number;
  by: string;
  note: string;
}

interface PlannedPage {
  /** Stable identity, e.g. 'l63:00001:front'; seeds the page's own random streams. */
  key: string;
  variant: PageVariant;
  /** 0, or k for the k-th extra member page of a unit added by the scale option. */
  copy: number;
  owner: Owner;
  /** The unit the page was launched for: legacy63 before the reform, reform34 after. */
  unit: DbDemoUnit;
  launch: number;
  platform: Platform;
  reportDelay: number;
  /** Days from report to verification (or rejection); null = never checked. */
  reviewDelay: number | null;
  dormantFrom: number | null;
  inactiveOn: number;
  /** First day it posts again; Infinity when it never does. */
  dormantUntil: number;
  closure: PlannedClosure | null;
  /** The reform34 unit the page belongs to after the reform, if any. */
  reform34Code: string | null;
  /** Growth in audience after a merger gave the page a bigger unit. */
  mergeFactor: number;
  potential: number;
  growth: number;
  drift: number;
  postRate: number;
  quietShare: number;
  engagement: number;
  viewRate: number;
  hasViews: boolean;
}

function createPage(seed: number, key: string, variant: PageVariant, owner: Owner, unit: DbDemoUnit, launch: number): PlannedPage {
  const rng = new Random(seed, `page:${key}`);
  const platform = rng.weighted(PLATFORM_WEIGHTS);
  const level = unit.level;
  const audienceMedian = unit.scheme === 'reform34' && level === 'commune' ? AUDIENCE_MEDIAN.reformCommune : AUDIENCE_MEDIAN[level];
  const ownerAudience = variant === 'unofficial' ? 0.25 : owner === 'front' ? 1 : 0.45;
  const potential =
    rng.logNormal(audienceMedian, level === 'province' ? 0.55 : 0.8) *
    (KIND_AUDIENCE[unit.kind] ?? 1) *
    REGION_AUDIENCE[unit.region] *
    PLATFORM_AUDIENCE[platform] *
    ownerAudience;
  const postRate = rng.logNormal(POSTS_MEDIAN[level], 0.45) * PLATFORM_POSTS[platform] * (owner === 'front' ? 1 : 0.6);
  const quietShare = QUIET_SHARE[level] * (0.3 + 1.4 * rng.next());
  const engagement = rng.logNormal(0.02, 0.45) * (platform === 'tiktok' ? 2 : 1);
  const viewRate = rng.logNormal(0.6, 0.5) * (platform === 'tiktok' ? 4 : platform === 'youtube' ? 1.5 : 1);
  const growth = 0.06 + 0.14 * rng.next();
  const drift = 0.002 + 0.01 * rng.next();
  const hasViews = rng.chance(0.93);
  const reportDelay = Math.floor(rng.next() ** 2 * 22);
  const reviewRoll = rng.next();
  const reviewDelay =
    variant === 'unofficial'
      ? 7 + Math.floor(reviewRoll * 34)
      : reviewRoll < (owner === 'front' ? 0.9 : 0.8)
        ? 3 + Math.floor(rng.next() ** 1.5 * 75)
        : null;
  const isDormant = rng.chance(owner !== 'front' ? 0.25 : DORMANT_SHARE[level]);
  const dormantFrom = launch + rng.int(120, 900);
  const inactiveOn = dormantFrom + rng.int(30, 50);
  const dormantUntil = rng.chance(0.3) ? Number.POSITIVE_INFINITY : dormantFrom + rng.int(75, 360);
  return {
    key,
    variant,
    copy: 0,
    owner,
    unit,
    launch,
    platform,
    reportDelay,
    reviewDelay,
    dormantFrom: isDormant ? dormantFrom : null,
    inactiveOn,
    dormantUntil,
    closure: null,
    reform34Code: variant === 'reform34' ? unit.code : null,
    mergeFactor: 1,
    potential,
    growth,
    drift,
    postRate,
    quietShare,
    engagement,
    viewRate,
    hasViews,
  };
}

const byCode = (a: DbDemoUnit, b: DbDemoUnit) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function planDemoPages(seed: number, registry: DemoRegistry, size: { scale: number; historyStart: number }): PlannedPage[] {
  const pages: PlannedPage[] = [];
  const { legacy } = registry;
  const provinceEffect = new Map(legacy.province.map((p) => [p.code, 0.45 * new Random(seed, `province:${p.code}`).normal()]));
  const districtEffect = new Map(legacy.district.map((d) => [d.code, 0.35 * new Random(seed, `district:${d.code}`).normal()]));
  const pace = (unit: DbDemoUnit) =>
    REGION_PACE[unit.region] +
    (provinceEffect.get(unit.province_code) ?? 0) +
    (unit.level === 'commune' ? (districtEffect.get(unit.parent_code ?? '') ?? 0) : 0) +
    (KIND_PACE[unit.kind] ?? 0) +
    (registry.legacyProvinceKind.get(unit.province_code) === 'thanh-pho-trung-uong' ? 0.4 : 0);

  // Provinces: all 63 within the first half year of the campaign.
  for (const province of legacy.province) {
    const rng = new Random(seed, `launch:${province.code}`);
    const launch = CAMPAIGN_START + Math.floor(rng.next() ** 1.6 * 180);
    pages.push(createPage(seed, `l63:${province.code}:front`, 'primary', 'front', province, launch));
  }

  // Districts and communes: the exact covered set on the report day is the top of a readiness
  // ranking (region + province + district + kind + noise); the rest follow at a pace set by
  // the same effects, and some never build a page before the reform.
  for (const level of ['district', 'commune'] as const) {
    const ranked = legacy[level].map((unit) => {
      const rng = new Random(seed, `launch:${unit.code}`);
      return { unit, rng, score: pace(unit) + 0.9 * rng.normal(), wait: 0 };
    });
    ranked.sort((a, b) => b.score - a.score || byCode(a.unit, b.unit));
    const coveredCount = COVERED_ON_REPORT_DAY[level];
    const firstDay = CAMPAIGN_START + (level === 'district' ? 5 : 15);
    const span = REPORT_DAY - firstDay;
    ranked.slice(0, coveredCount).forEach(({ unit, rng }, rank) => {
      const position = 0.5 * (rank / coveredCount) + 0.5 * rng.next();
      const launch = firstDay + Math.floor(span * position ** (level === 'district' ? 0.9 : 0.75));
      const page = createPage(seed, `l63:${unit.code}:front`, 'primary', 'front', unit, launch);
      pages.push(page);
      if (level === 'commune') maybeAddUnofficialPage(seed, unit, pages);
    });
    const later = ranked.slice(coveredCount);
    for (const entry of later) entry.wait = entry.rng.exponential() / Math.exp(0.9 * (pace(entry.unit) + entry.rng.normal() * 0.3));
    later.sort((a, b) => a.wait - b.wait || byCode(a.unit, b.unit));
    const laterCount = Math.round(LAUNCHED_BY_REFORM[level] * legacy[level].length) - coveredCount;
    const laterSpan = LEGACY_LAST_LAUNCH - (REPORT_DAY + 1);
    later.slice(0, laterCount).forEach(({ unit, rng }, rank) => {
      const position = (rank + rng.next()) / laterCount;
      const launch = REPORT_DAY + 1 + Math.floor(laterSpan * position ** 1.4);
      pages.push(createPage(seed, `l63:${unit.code}:front`, 'primary', 'front', unit, launch));
    });
  }

  // A few district and commune pages close after the report; most get a replacement page.
  for (const page of pages.slice()) {
    if (page.variant !== 'primary' || page.unit.level === 'province') continue;
    const rng = new Random(seed, `close:${page.key}`);
    const from = Math.max(page.launch + 120, CLOSURES_FROM);
    const closeRoll = rng.next();
    const day = from + Math.floor(rng.next() * (CLOSURES_UNTIL - from + 1));
    const isReplaced = rng.chance(0.65);
    const replacementLaunch = day + rng.int(7, 120);
    if (from > CLOSURES_UNTIL || closeRoll >= 0.025) continue;
    const willReplace = isReplaced && replacementLaunch <= LEGACY_LAST_LAUNCH;
    page.closure = { day, by: `demo:province-${page.unit.province_code}`, note: willReplace ? NOTE_REPLACED : rng.pick(CLOSE_NOTES) };
    if (willReplace) pages.push(createPage(seed, `l63:${page.unit.code}:front:2`, 'replacement', 'front', page.unit, replacementLaunch));
  }

  // Member organisations' own pages: never counted as Front coverage.
  for (const level of ['district', 'commune'] as const) {
    const from = size.historyStart < CAMPAIGN_START ? size.historyStart : dayOf('2021-10-01');
    const to = dayOf('2025-06-15');
    for (const unit of legacy[level]) {
      const rng = new Random(seed, `member:${unit.code}`);
      if (!rng.chance(level === 'district' ? 0.3 : 0.09)) continue;
      const owner = rng.weighted(MEMBER_OWNERS[level]);
      const launch = from + Math.floor(rng.next() * (to - from + 1));
      const page = createPage(seed, `l63:${unit.code}:${owner}`, 'member', owner, unit, launch);
      const closeRoll = rng.next();
      const closeDay = Math.max(page.launch + 120, CLOSURES_FROM) + rng.int(0, 600);
      if (closeRoll < 0.04 && closeDay <= CLOSURES_UNTIL) page.closure = { day: closeDay, by: `demo:province-${unit.province_code}`, note: rng.pick(CLOSE_NOTES) };
      pages.push(page);
    }
  }

  addScalePages(seed, registry, pages, size);
  planReform(seed, registry, pages);
  return pages;
}

const SCALE_OWNERS: readonly MemberOwner[] = ['youth_union', 'women_union', 'farmers_union', 'veterans_union', 'trade_union'];

/** The scale option's extra member pages: copy k of every district and commune, launched over the whole history. */
function addScalePages(seed: number, registry: DemoRegistry, pages: PlannedPage[], size: { scale: number; historyStart: number }) {
  const to = dayOf('2025-06-15');
  for (let copy = 1; copy < size.scale; copy += 1) {
    for (const unit of [...registry.legacy.district, ...registry.legacy.commune]) {
      const rng = new Random(seed, `scale:${copy}:${unit.code}`);
      const owner = SCALE_OWNERS[(copy - 1 + Number(unit.code)) % SCALE_OWNERS.length]!;
      const launch = size.historyStart + Math.floor(rng.next() * (to - size.historyStart + 1));
      const page = createPage(seed, `l63:${unit.code}:${owner}:x${copy}`, 'member', owner, unit, launch);
      page.copy = copy;
      pages.push(page);
    }
  }
}

/** About one covered commune in eighty reports a second, unofficial page that central staff reject. */
function maybeAddUnofficialPage(seed: number, unit: DbDemoUnit, pages: PlannedPage[]) {
  const rng = new Random(seed, `unofficial:${unit.code}`);
  if (!rng.chance(0.0125)) return;
  const from = dayOf('2022-09-15');
  const launch = from + Math.floor(rng.next() * (dayOf('2024-12-31') - from + 1));
  const page = createPage(seed, `l63:${unit.code}:front:unofficial`, 'unofficial', 'front', unit, launch);
  const rejectedOn = page.launch + page.reportDelay + (page.reviewDelay ?? 0);
  page.closure = { day: rejectedOn + rng.int(20, 90), by: `demo:province-${unit.province_code}`, note: NOTE_REMOVED };
  pages.push(page);
}

/**
 * 2025-07-01: district pages close; a merged province keeps the page of the province whose code
 * it keeps; of the pages of communes merged into one new commune, one per owner continues
 * (the one whose code the new commune keeps, else the oldest) and the others close. Pages of
 * communes that were split or could not be matched keep only their legacy63 assignment: they
 * wait for a person to decide (DESIGN.md §5). Then new communes without a page get new ones.
 */
function planReform(seed: number, registry: DemoRegistry, pages: PlannedPage[]) {
  const closeAtReform = (page: PlannedPage, note: string) => {
    page.closure = { day: REFORM_DAY, by: CENTRAL, note };
  };
  const communeGroups = new Map<string, PlannedPage[]>();
  for (const page of pages) {
    if (page.closure !== null || page.unit.scheme !== 'legacy63') continue;
    const { unit } = page;
    if (unit.level === 'district') {
      closeAtReform(page, NOTE_DISTRICT_ENDED);
    } else if (unit.level === 'province') {
      const target = registry.provinceTarget.get(unit.code);
      if (target === unit.code) {
        page.reform34Code = target;
        page.mergeFactor = 1 + 0.2 * ((registry.provinceSources.get(target) ?? 1) - 1);
      } else {
        closeAtReform(page, NOTE_MERGED);
      }
    } else {
      const targets = registry.communeTargets.get(unit.code);
      if (targets?.length !== 1) continue;
      const groupKey = `${targets[0]}|${page.owner}|${page.copy}`;
      const group = communeGroups.get(groupKey);
      if (group) group.push(page);
      else communeGroups.set(groupKey, [page]);
    }
  }
  const carriedFront = new Set<string>();
  for (const [groupKey, group] of communeGroups) {
    const target = groupKey.slice(0, groupKey.indexOf('|'));
    group.sort((a, b) => Number(a.unit.code !== target) - Number(b.unit.code !== target) || a.launch - b.launch || (a.key < b.key ? -1 : 1));
    const [kept, ...merged] = group as [PlannedPage, ...PlannedPage[]];
    kept.reform34Code = target;
    kept.mergeFactor = Math.min(2.5, 1 + 0.3 * ((registry.communeSources.get(target) ?? 1) - 1));
    if (kept.owner === 'front') carriedFront.add(target);
    for (const page of merged) closeAtReform(page, NOTE_MERGED);
  }
  for (const unit of registry.reformCommunes) {
    if (carriedFront.has(unit.code)) continue;
    const rng = new Random(seed, `reform34:${unit.code}`);
    if (rng.chance(0.07)) continue;
    const wait = (rng.exponential() * 170) / Math.exp(0.5 * REGION_PACE[unit.region]);
    pages.push(createPage(seed, `r34:${unit.code}:front`, 'reform34', 'front', unit, REFORM_DAY + 9 + Math.floor(wait)));
  }
}

// --- Rows ------------------------------------------------------------------------------------

interface PlannedEvent {
  status: PageStatus;
  day: number;
  by: string;
  note: string | null;
}

/** A page's whole status history, ordered; the caller drops what is later than today. */
function pageEvents(page: PlannedPage): PlannedEvent[] {
  const province = `demo:province-${page.unit.province_code}`;
  const end = page.closure?.day ?? Number.POSITIVE_INFINITY;
  const reported = Math.min(page.launch + page.reportDelay, end);
  const events: PlannedEvent[] = [{ status: 'reported', day: reported, by: province, note: null }];
  if (page.reviewDelay !== null && reported + page.reviewDelay < end) {
    events.push(
      page.variant === 'unofficial'
        ? { status: 'rejected', day: reported + page.reviewDelay, by: CENTRAL, note: NOTE_REJECTED }
        : { status: 'verified', day: reported + page.reviewDelay, by: CENTRAL, note: null },
    );
  }
  if (page.dormantFrom !== null && page.inactiveOn < end) {
    events.push({ status: 'inactive', day: page.inactiveOn, by: province, note: NOTE_INACTIVE });
    if (page.dormantUntil < end) events.push({ status: 'active', day: page.dormantUntil, by: province, note: NOTE_ACTIVE });
  }
  if (page.closure) events.push({ status: 'closed', day: page.closure.day, by: page.closure.by, note: page.closure.note });
  return events.sort((a, b) => a.day - b.day);
}

/** 'Phường Phúc Xá' → 'phuong-phuc-xa' */
function slugOf(name: string): string {
  return foldDiacritics(name)
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-|-$/gu, '');
}

const HANDLE_SUFFIX: Record<PageVariant, string> = { primary: '', member: '', replacement: '-2', unofficial: '-canhan', reform34: '-2025' };

/** e.g. https://www.facebook.com/mttq.phuong-phuc-xa-00001.demo — clearly fictitious, unique by unit code. */
function pageUrl(page: PlannedPage): string {
  const copy = page.copy > 0 ? `-x${page.copy}` : '';
  const handle = `${OWNER_HANDLE[page.owner]}.${slugOf(page.unit.name)}-${page.unit.code}${HANDLE_SUFFIX[page.variant]}${copy}`;
  switch (page.platform) {
    case 'facebook':
      return `https://www.facebook.com/${handle}.demo`;
    case 'zalo':
      return `https://zalo.me/${handle.replaceAll('.', '-')}-demo`;
    case 'tiktok':
      return `https://www.tiktok.com/@${handle}.demo`;
    case 'youtube':
      return `https://www.youtube.com/@${handle}-demo`;
  }
}

/** e.g. 'Mặt trận Tổ quốc phường Phúc Xá (dữ liệu demo)' */
function pageName(page: PlannedPage): string {
  const unitName = page.unit.name.charAt(0).toLocaleLowerCase('vi') + page.unit.name.slice(1);
  const unofficial = page.variant === 'unofficial' ? ' – trang không chính thức' : '';
  return `${OWNER_TITLE[page.owner]} ${unitName}${unofficial} (dữ liệu demo)`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Seeds a database whose units are loaded and which has no pages, in one transaction.
 * seedDemoData(db, { today: '2026-11-27' }) → { pages: 11_293, pageAssignments: 15_352, pageStatusEvents: 30_745,
 *   metricSnapshots: 423_979, meta: 1 }
 */
export function seedDemoData(db: Db, options: DemoOptions = {}): DemoSummary {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isSafeInteger(seed)) throw new Error(`Demo seed must be a whole number, got ${seed}.`);
  const today = options.today ?? toIsoDate(new Date());
  if (!isoDateSchema.safeParse(today).success) throw new Error(`Demo "today" must be a real date written YYYY-MM-DD, got "${today}".`);
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_DEMO_SCALE) throw new Error(`Demo scale must be a whole number from 1 to ${MAX_DEMO_SCALE}, got ${scale}.`);
  const years = options.years ?? STORY_YEARS;
  if (!Number.isInteger(years) || years < 1 || years > MAX_DEMO_YEARS) throw new Error(`Demo years must be a whole number from 1 to ${MAX_DEMO_YEARS}, got ${years}.`);
  const registry = readRegistry(db);
  const historyStart = years > STORY_YEARS ? dayOf(`${2021 - (years - STORY_YEARS)}-09-01`) : CAMPAIGN_START;
  const plan = planDemoPages(seed, registry, { scale, historyStart });
  return db.transaction(() => withoutChangeEntries(db, () => writeDemo(db, seed, dayOf(today), plan, historyStart)))();
}

/** Seeds demo data only into a database without pages; returns null (and changes nothing) otherwise. */
export function maybeSeedDemoData(db: Db, options: DemoOptions = {}): DemoSummary | null {
  if (db.prepare('SELECT 1 FROM pages LIMIT 1').get() !== undefined) return null;
  return seedDemoData(db, options);
}

function writeDemo(db: Db, seed: number, todayDay: number, plan: PlannedPage[], historyStart: number): DemoSummary {
  if (db.prepare('SELECT 1 FROM pages LIMIT 1').get() !== undefined) {
    throw new Error('Cannot seed demo data: the database already has pages.');
  }
  const insertPage = db.prepare('INSERT INTO pages (id, platform, url, platform_id, name, owner, launched_on, is_demo) VALUES (?, ?, ?, ?, ?, ?, ?, 1)');
  const insertAssignment = db.prepare('INSERT INTO page_assignments (page_id, scheme, unit_code, basis, is_demo) VALUES (?, ?, ?, ?, 1)');
  const insertEvent = db.prepare(
    'INSERT INTO page_status_events (page_id, status, effective_on, recorded_by, recorded_at, note, is_demo) VALUES (?, ?, ?, ?, ?, ?, 1)',
  );
  const insertMetric = db.prepare(
    "INSERT INTO metric_snapshots (page_id, month, followers, posts, interactions, views, last_post_on, source, is_demo) VALUES (?, ?, ?, ?, ?, ?, ?, 'import', 1)",
  );

  // Ids follow launch order, so pages launched by an earlier `today` keep their ids.
  const visible = plan.filter((page) => page.launch <= todayDay).sort((a, b) => a.launch - b.launch || (a.key < b.key ? -1 : 1));
  const months = buildMonths(monthOf(historyStart), monthOf(todayDay));
  const platformCounters: Record<Platform, number> = { facebook: 0, zalo: 0, tiktok: 0, youtube: 0 };
  const urls = new Set<string>();
  const events: Array<PlannedEvent & { pageId: number; seq: number; recordedAt: string }> = [];
  const summary: DemoSummary = { pages: 0, pageAssignments: 0, pageStatusEvents: 0, metricSnapshots: 0, meta: 0 };

  visible.forEach((page, index) => {
    const id = index + 1;
    const url = pageUrl(page);
    if (urls.has(url)) throw new Error(`Demo generator produced a duplicate URL ${url}`);
    urls.add(url);
    platformCounters[page.platform] += 1;
    const platformId = PLATFORM_ID_PREFIX[page.platform] + String(platformCounters[page.platform]).padStart(5, '0');
    insertPage.run(id, page.platform, url, platformId, pageName(page), page.owner, isoOf(page.launch));
    summary.pages += 1;

    if (page.unit.scheme === 'legacy63') {
      insertAssignment.run(id, 'legacy63', page.unit.code, 'direct');
      summary.pageAssignments += 1;
    }
    if (page.reform34Code !== null && todayDay >= REFORM_DAY) {
      insertAssignment.run(id, 'reform34', page.reform34Code, page.unit.scheme === 'reform34' ? 'direct' : 'crosswalk');
      summary.pageAssignments += 1;
    }

    // Recorded during office hours in Viet Nam (01:00–10:59 UTC) on the effective day itself.
    const clock = new Random(seed, `events:${page.key}`);
    pageEvents(page).forEach((event, seq) => {
      const recordedAt = `${isoOf(event.day)}T${pad2(clock.int(1, 10))}:${pad2(clock.int(0, 59))}:${pad2(clock.int(0, 59))}.000Z`;
      if (event.day <= todayDay) events.push({ ...event, pageId: id, seq, recordedAt });
    });

    summary.metricSnapshots += writeMetrics(seed, page, id, months, todayDay, insertMetric);
  });

  // Numbered by date, so events up to an earlier `today` keep their ids too.
  events.sort((a, b) => a.day - b.day || a.pageId - b.pageId || a.seq - b.seq);
  for (const event of events) insertEvent.run(event.pageId, event.status, isoOf(event.day), event.by, event.recordedAt, event.note);
  summary.pageStatusEvents = events.length;

  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('demo_seed', String(seed));
  summary.meta = 1;
  return summary;
}

/**
 * One snapshot per month from the launch month to the last month the page lived (or the month
 * of today). Followers approach a log-normal potential and keep drifting up; posts are
 * irregular, zero in quiet and dormant months; interactions and views follow followers × posts,
 * with Tết and November peaks. Returns the number of rows written.
 */
function writeMetrics(
  seed: number,
  page: PlannedPage,
  pageId: number,
  months: readonly DemoMonth[],
  todayDay: number,
  insert: { run(...values: unknown[]): unknown },
): number {
  if (months.length === 0) return 0;
  const rng = new Random(seed, `metrics:${page.key}`);
  const liveUntil = page.closure ? page.closure.day - 1 : Number.POSITIVE_INFINITY;
  const startIndex = monthIndex(months, page.launch);
  const lastIndex = Math.min(months.length - 1, monthIndex(months, Math.min(liveUntil, months[months.length - 1]!.lastDay)));
  const isCarried = page.reform34Code !== null && page.unit.scheme === 'legacy63';
  let followers = 0;
  let lastPostDay: number | null = null;
  let rows = 0;
  for (let i = startIndex; i <= lastIndex; i += 1) {
    const m = months[i]!;
    // Draw a fixed set per month, so the stream does not depend on which branch runs.
    const u1 = rng.next();
    const u2 = rng.next();
    const u3 = rng.next();
    const u4 = rng.next();
    const n1 = rng.normal();
    const n2 = rng.normal();
    const n3 = rng.normal();

    const from = Math.max(m.firstDay, page.launch);
    const to = Math.min(m.lastDay, liveUntil);
    let activeDays = to - from + 1;
    let lastActive = to;
    let segmentStart = from;
    if (page.dormantFrom !== null) {
      const dormantStart = Math.max(from, page.dormantFrom);
      const dormantEnd = Math.min(to, page.dormantUntil - 1);
      if (dormantStart <= dormantEnd) {
        activeDays -= dormantEnd - dormantStart + 1;
        if (dormantEnd === to) lastActive = dormantStart - 1;
        else segmentStart = dormantEnd + 1;
      }
    }
    const share = activeDays / m.days;
    const potential = page.potential * (isCarried && m.firstDay >= REFORM_DAY ? page.mergeFactor : 1);

    if (i === startIndex) followers = potential * (0.03 + 0.07 * u1);
    else if (activeDays > 0) followers += ((potential - followers) * page.growth + potential * page.drift) * share * (0.5 + u1) * m.postSeason;
    else followers *= 1 - 0.006 * u1;
    const shownFollowers = Math.round(followers);

    let posts = 0;
    // A page launched in the last days of a month may not post before the month ends.
    if (activeDays > 0 && (i === startIndex || u2 >= page.quietShare)) {
      posts = Math.round(page.postRate * m.postSeason * share * Math.exp(0.35 * n1));
    }
    const interactions =
      posts > 0
        ? Math.round(posts * shownFollowers * page.engagement * m.interactionSeason * Math.exp(0.3 * n2))
        : Math.round(shownFollowers * 0.002 * u3);
    const views = !page.hasViews
      ? null
      : posts > 0
        ? Math.round(posts * shownFollowers * page.viewRate * Math.sqrt(m.interactionSeason) * Math.exp(0.3 * n3))
        : Math.round(shownFollowers * 0.02 * u3);
    if (posts > 0) lastPostDay = lastActive - Math.floor(u4 * u4 * Math.min(7, lastActive - segmentStart + 1));
    // The month of today is a full-month figure, but a post date never lies in the future.
    const lastPostOn = lastPostDay === null ? null : isoOf(Math.min(lastPostDay, todayDay));
    insert.run(pageId, m.month, shownFollowers, posts, interactions, views, lastPostOn);
    rows += 1;
  }
  return rows;
}

/** Index of the month containing `day` in `months` (consecutive, from the history's first month). */
function monthIndex(months: readonly DemoMonth[], day: number): number {
  const first = months[0]!;
  const iso = isoOf(day);
  return (Number(iso.slice(0, 4)) - Number(first.month.slice(0, 4))) * 12 + Number(iso.slice(5, 7)) - Number(first.month.slice(5, 7));
}
