import type { CoverageCounts, CoverageResponse, Level, MetricsSummaryResponse, OwnerFilter, RankingResponse, SchemeId, Snapshot, TimelineResponse } from '@mttq/core';
import { lastDayOfMonth, SCHEMES } from '@mttq/core/rules';
import { capitalize, formatDate, formatMonthName, formatNumber, formatPercent, viCollator } from '../../i18n/format';
import { fill, type Locale, type Messages } from '../../i18n/messages';
import type { OverviewMessages } from '../overview/messages';
import { classesFor } from '../map/map-classes';
import { colorOf } from '../map/map-data';
import { mapMessages } from '../map/messages';
import { classesNote } from '../map/map-text';
import { unitsKey } from '../overview/overview-cards';
import { toRankingExtremes } from '../overview/overview-rankings';
import { toRegionCoverage } from '../overview/region-coverage';
import { hasBackCast, toTimelineSeries, type TimelineSeries } from '../overview/timeline-series';
import { basisMessages, rowBasisText } from '../../components/basis-series';
import type { PresentationMessages } from './messages';
import { OWNER_FILTERS } from './presentation-search';
import { vietnamDate } from '../snapshots/vietnam-time';

/** Where the figures come from: the live read API, or a snapshot frozen when it was published. */
export type BriefingOrigin = { kind: 'live' } | { kind: 'snapshot'; id: number; name: string; createdAt: string; createdBy: string };

/**
 * Everything a briefing shows, whatever its origin: the answers of /coverage (province level),
 * /coverage/timeline (per level), /rankings (coverage) and /metrics/summary at one (scheme, asOf).
 * A snapshot's `figures` are exactly these answers as they were when it was published.
 */
export interface BriefingFigures {
  origin: BriefingOrigin;
  owner: OwnerFilter;
  /** national, province level: its scheme, asOf and demo flag are the briefing's */
  coverage: CoverageResponse;
  timelines: Partial<Record<Level, TimelineResponse>>;
  rankings: RankingResponse;
  metrics: MetricsSummaryResponse | null;
  /** the chosen province; `lower` (its districts, or its communes without districts) only when live */
  province: { code: string; lower: CoverageResponse | null } | null;
}

/** The catalogues a briefing is written with. */
export interface BriefingText {
  locale: Locale;
  t: Messages;
  m: PresentationMessages;
  o: OverviewMessages;
}

export interface LevelRow {
  level: Level;
  label: string;
  /** '548/705' */
  fraction: string;
  share: number | null;
  coveredText: string;
  verifiedText: string;
}

export interface MapTile {
  code: string;
  name: string;
  share: number | null;
  /** index into MAP_BUCKETS; null: no communes to divide by */
  bucket: number | null;
  shareText: string;
}

export interface LegendEntry {
  bucket: number | null;
  label: string;
  count: string;
}

export interface RankRow {
  rank: string;
  name: string;
  shareText: string;
  fraction: string;
}

export interface UnitBar {
  name: string;
  share: number | null;
  shareText: string;
  fraction: string;
}

/** The figures of a chart slide as a table (for screen readers; the slide writes the key figures). */
export interface SlideTable {
  columns: string[];
  rows: string[][];
}

/** One slide, ready to draw: the text is written, the figures are formatted for the locale. */
export type Slide = { id: string; title: string } & (
  | { kind: 'title'; org: string; dateLine: string; lines: string[] }
  | { kind: 'headline'; figure: string; units: string; lead: string; others: string[] }
  | { kind: 'levels'; rows: LevelRow[] }
  | { kind: 'map'; scheme: SchemeId; tiles: MapTile[]; legendTitle: string; legend: LegendEntry[]; classesNote: string | null; summary: string; table: SlideTable }
  | { kind: 'regions'; rows: Array<{ name: string; short: string; share: number | null; shareText: string; detail: string }>; table: SlideTable }
  | { kind: 'ranking'; note: string; aheadTitle: string; behindTitle: string; ahead: RankRow[]; behind: RankRow[]; empty: string | null }
  | { kind: 'trend'; series: TimelineSeries; levelNames: Partial<Record<Level, string>>; eventLabels: Record<string, string>; lines: Array<{ level: Level; label: string; change: string }>; table: SlideTable; empty: string | null }
  | { kind: 'activity'; note: string; items: Array<{ value: string; label: string; change: string }> }
  | { kind: 'province'; rank: string; figures: Array<{ fraction: string; share: string }>; self: string }
  | { kind: 'districts'; note: string; rows: UnitBar[] }
  | { kind: 'communes'; note: string | null; names: string[]; more: string | null }
);

export type SlideKind = Slide['kind'];

/** What every slide's footer says. */
export interface BriefingFooter {
  /** 'Số liệu đến ngày 12/08/2022' */
  asOf: string;
  source: string;
  /** the snapshot's name and publishing date, in snapshot mode */
  snapshot: string | null;
  /** the demo mark, when the figures are demo data */
  demo: string | null;
}

export interface Briefing {
  scheme: SchemeId;
  asOf: string;
  slides: Slide[];
  footer: BriefingFooter;
}

/** How many ahead and behind the ranking slide lists, and lowest districts a province slide lists. */
export const RANKING_COUNT = 5;
export const DISTRICTS_COUNT = 8;
export const COMMUNES_COUNT = 12;

const share = (counts: Pick<CoverageCounts, 'covered' | 'total'> | undefined): number | null => (counts && counts.total > 0 ? counts.covered / counts.total : null);

function signed(value: number, locale: Locale, format: (n: number) => string = (n) => formatNumber(n, locale)): { sign: string; n: string } {
  return { sign: value > 0 ? '+' : value < 0 ? '−' : '±', n: format(Math.abs(value)) };
}

function fraction(counts: Pick<CoverageCounts, 'covered' | 'total'>, locale: Locale): string {
  return `${formatNumber(counts.covered, locale)}/${formatNumber(counts.total, locale)}`;
}

function titleSlide(f: BriefingFigures, text: BriefingText, dateLine: string): Slide {
  const { t, m, locale } = text;
  const { scheme } = f.coverage;
  const lines = [fill(m.titleScheme, { scheme: t[`scheme_${scheme}`] })];
  if (f.origin.kind === 'snapshot') {
    lines.push(fill(m.titleSnapshot, { name: f.origin.name }));
    lines.push(fill(m.titlePublished, { date: formatDate(vietnamDate(f.origin.createdAt), locale), user: f.origin.createdBy }));
  }
  if (f.owner !== 'front') lines.push(fill(m.titleOwner, { owner: m[`owner_${f.owner}`] }));
  const province = f.province && f.coverage.rows.find((row) => row.code === f.province?.code);
  if (province) lines.push(fill(m.titleProvince, { name: province.name }));
  return { id: 'title', kind: 'title', title: m.briefingTitle, org: m.org, dateLine, lines };
}

function headlineSlide(f: BriefingFigures, text: BriefingText): Slide {
  const { t, m, locale } = text;
  const { scheme, levels } = f.coverage;
  const top = levels.province ?? { total: 0, covered: 0, active: 0, verified: 0 };
  const others = SCHEMES[scheme].levels.flatMap((level) => {
    const counts = levels[level];
    if (level === 'province' || !counts) return [];
    return [fill(m.headlineOther, { fraction: `${fraction(counts, locale)} ${t[unitsKey(scheme, level)]}`, share: formatPercent(share(counts), locale) })];
  });
  return { id: 'headline', kind: 'headline', title: m.headlineTitle, figure: fraction(top, locale), units: t.units_province, lead: m.headlineLead, others };
}

function levelsSlide(f: BriefingFigures, text: BriefingText): Slide {
  const { t, m, locale } = text;
  const { scheme, levels } = f.coverage;
  const rows = SCHEMES[scheme].levels.flatMap((level): LevelRow[] => {
    const counts = levels[level];
    if (!counts) return [];
    const verified = counts.total > 0 ? counts.verified / counts.total : null;
    return [
      {
        level,
        label: capitalize(t[unitsKey(scheme, level)]),
        fraction: fraction(counts, locale),
        share: share(counts),
        coveredText: fill(m.levelCovered, { share: formatPercent(share(counts), locale) }),
        verifiedText: fill(m.levelVerified, { share: formatPercent(verified, locale) }),
      },
    ];
  });
  return { id: 'levels', kind: 'levels', title: m.levelsTitle, rows };
}

function mapSlide(f: BriefingFigures, text: BriefingText): Slide {
  const { m, locale } = text;
  // The map screen's classes: fixed while the shares spread over them, else cut over the shares shown.
  const values = f.coverage.rows.map((row) => {
    const communes = row.descendants.commune;
    return { row, value: communes ? { numerator: communes.covered, denominator: communes.total, share: share(communes) } : null };
  });
  const classes = classesFor(
    'share',
    values.flatMap(({ value }) => (value?.share == null ? [] : [value.share])),
  );
  const tiles = values.map(({ row, value }): MapTile => {
    const tileShare = value?.share ?? null;
    return { code: row.code, name: row.name, share: tileShare, bucket: value ? colorOf(value, classes) : null, shareText: formatPercent(tileShare, locale) };
  });
  const count = (bucket: number | null) => fill(m.mapBucketCount, { count: formatNumber(tiles.filter((tile) => tile.bucket === bucket).length, locale) });
  const legend: LegendEntry[] = classes.classes
    .map(({ from, to, color }) => {
      const label = to === null ? fill(m.mapBucketTop, { from: formatPercent(from, locale) }) : fill(m.mapBucket, { from: formatPercent(from, locale), to: formatPercent(to, locale) });
      return { bucket: color, label, count: count(color) };
    })
    .reverse();
  if (tiles.some((tile) => tile.bucket === null)) legend.push({ bucket: null, label: m.mapNoData, count: count(null) });
  const table = { columns: [text.t.colUnit_province, text.t.colShare], rows: tiles.map((tile) => [tile.name, tile.shareText]) };
  const communes = f.coverage.levels.commune ?? { total: 0, covered: 0 };
  const summary = fill(m.mapSummary, {
    fraction: fraction(communes, locale),
    units: text.t[unitsKey(f.coverage.scheme, 'commune')],
    share: formatPercent(share(communes), locale),
  });
  const classesText = classesNote(classes, mapMessages[locale], locale);
  return { id: 'map', kind: 'map', title: m.mapTitle, scheme: f.coverage.scheme, tiles, legendTitle: m.mapLegend, legend, classesNote: classesText, summary, table };
}

function regionsSlide(f: BriefingFigures, text: BriefingText): Slide {
  const { m, o, locale } = text;
  const rows = toRegionCoverage(f.coverage).map((region) => ({
    name: o[`region_${region.region}`],
    short: o[`regionShort_${region.region}`],
    share: region.communeShare,
    shareText: formatPercent(region.communeShare, locale),
    detail: fill(m.regionDetail, { covered: formatNumber(region.commune.covered, locale), total: formatNumber(region.commune.total, locale) }),
  }));
  const table = { columns: [o.regionColRegion, text.t.colShare, o.regionColCommunes], rows: rows.map((row) => [row.name, row.shareText, row.detail]) };
  return { id: 'regions', kind: 'regions', title: m.regionsTitle, rows, table };
}

function rankingSlide(f: BriefingFigures, text: BriefingText): Slide {
  const { m, locale } = text;
  const { ahead, behind } = toRankingExtremes(f.rankings.rows, RANKING_COUNT);
  const toRow = (row: (typeof ahead)[number]): RankRow => ({
    rank: formatNumber(row.rank ?? 0, locale),
    name: row.name,
    shareText: formatPercent(row.value, locale),
    fraction: `${formatNumber(row.numerator, locale)}/${formatNumber(row.denominator, locale)}`,
  });
  return {
    id: 'ranking',
    kind: 'ranking',
    title: m.rankingTitle,
    note: m.rankingNote,
    aheadTitle: m.aheadHeading,
    behindTitle: m.behindHeading,
    ahead: ahead.map(toRow),
    behind: behind.map(toRow),
    empty: ahead.length === 0 ? m.rankingEmpty : null,
  };
}

function trendSlide(f: BriefingFigures, text: BriefingText): Slide {
  const { t, m, o, locale } = text;
  const { scheme } = f.coverage;
  const timelines = SCHEMES[scheme].levels.flatMap((level) => {
    const timeline = f.timelines[level];
    return timeline ? [timeline] : [];
  });
  const series = toTimelineSeries(scheme, timelines);
  const levelNames = Object.fromEntries(series.levels.map((level) => [level, capitalize(t[unitsKey(scheme, level)])])) as Partial<Record<Level, string>>;
  const eventLabels = Object.fromEntries(
    series.events.map((event) => [event.date, event.key ? o[`markerShort_${event.key}`] : event.label]),
  );
  const first = series.rows[0];
  const last = series.rows[series.rows.length - 1];
  const lines =
    first && last
      ? series.levels.map((level) => ({
          level,
          label: levelNames[level] ?? level,
          change: fill(m.trendLine, {
            fromShare: formatPercent(first.shares[level] ?? null, locale),
            fromDate: formatDate(first.date, locale),
            toShare: formatPercent(last.shares[level] ?? null, locale),
            toDate: formatDate(last.date, locale),
          }),
        }))
      : [];
  // the basis column (with the communes' bounds) only when some figures are back-cast
  const backCast = hasBackCast(series);
  const table = {
    columns: [m.colDate, ...series.levels.map((level) => levelNames[level] ?? level), ...(backCast ? [basisMessages[locale].column] : [])],
    rows: series.rows.map((row) => [
      formatDate(row.date, locale),
      ...series.levels.map((level) => {
        const counts = row.counts[level];
        return counts ? `${formatPercent(row.shares[level] ?? null, locale)} (${fraction(counts, locale)})` : '–';
      }),
      ...(backCast ? [rowBasisText(row, series.levels, basisMessages[locale], locale)] : []),
    ]),
  };
  const anyCovered = series.rows.some((row) => series.levels.some((level) => (row.counts[level]?.covered ?? 0) > 0));
  return { id: 'trend', kind: 'trend', title: m.trendTitle, series, levelNames, eventLabels, lines, table, empty: anyCovered ? null : m.trendEmpty };
}

function activitySlide(metrics: MetricsSummaryResponse, text: BriefingText): Slide {
  const { m, locale } = text;
  const { current, change } = metrics;
  const month = formatMonthName(metrics.month, locale);
  // The API reads the last month complete at asOf; a snapshot frozen before that rule may hold asOf's running month.
  const complete = lastDayOfMonth(metrics.month) <= metrics.asOf;
  const note = fill(complete ? m.activityMonthComplete : m.activityMonthRunning, { month, date: formatDate(metrics.asOf, locale) });
  const changeText = (absolute: number | null | undefined, points = false): string => {
    if (absolute === null || absolute === undefined) return m.activityNoChange;
    if (points) return fill(m.activityChangePoints, signed(absolute * 100, locale, (n) => formatNumber(Math.round(n * 10) / 10, locale)));
    return fill(m.activityChange, signed(absolute, locale));
  };
  return {
    id: 'activity',
    kind: 'activity',
    title: m.activityTitle,
    note,
    items: [
      { value: formatNumber(current.pages, locale), label: m.activityPages, change: changeText(change?.pages.absolute) },
      { value: formatPercent(current.activeShare, locale), label: m.activityActive, change: changeText(change?.activeShare.absolute, true) },
      { value: formatNumber(current.followers.sum, locale), label: m.activityFollowers, change: changeText(change?.followers.absolute) },
      { value: formatNumber(current.posts.sum, locale), label: fill(m.activityPosts, { month }), change: changeText(change?.posts.absolute) },
      { value: formatNumber(current.interactions.sum, locale), label: fill(m.activityInteractions, { month }), change: changeText(change?.interactions.absolute) },
    ],
  };
}

function provinceSlides(f: BriefingFigures, text: BriefingText): Slide[] {
  const { t, m, locale } = text;
  const { scheme } = f.coverage;
  const row = f.province && f.coverage.rows.find((r) => r.code === f.province?.code);
  if (!f.province || !row) return [];
  const ranked = f.rankings.rows.filter((r) => r.rank !== null);
  const rankRow = ranked.find((r) => r.code === row.code);
  const rank = rankRow ? fill(m.provinceRank, { rank: formatNumber(rankRow.rank ?? 0, locale), total: formatNumber(ranked.length, locale) }) : m.provinceUnranked;
  const figures = SCHEMES[scheme].levels.flatMap((level) => {
    const counts = row.descendants[level];
    if (level === 'province' || !counts) return [];
    return [{ fraction: `${fraction(counts, locale)} ${t[unitsKey(scheme, level)]}`, share: fill(m.levelCovered, { share: formatPercent(share(counts), locale) }) }];
  });
  const self = `${m.provinceSelf}: ${row.covered ? m.provinceSelfYes : m.provinceSelfNo}`;
  const slides: Slide[] = [{ id: `province-${row.code}`, kind: 'province', title: row.name, rank, figures, self }];

  const lower = f.province.lower;
  if (!lower) return slides;
  if (lower.level === 'district') {
    const bars = lower.rows
      .map((unit): UnitBar => {
        const value = share(unit.descendants.commune);
        return { name: unit.name, share: value, shareText: formatPercent(value, locale), fraction: unit.descendants.commune ? fraction(unit.descendants.commune, locale) : '–' };
      })
      .sort((a, b) => (a.share ?? 2) - (b.share ?? 2) || viCollator.compare(a.name, b.name));
    const full = bars.filter((bar) => bar.share === 1).length;
    const note =
      full === bars.length
        ? fill(m.districtsAllFull, { total: formatNumber(bars.length, locale) })
        : fill(m.districtsNote, { full: formatNumber(full, locale), total: formatNumber(bars.length, locale) });
    slides.push({
      id: `province-${row.code}-units`,
      kind: 'districts',
      title: fill(m.districtsTitle, { name: row.name }),
      note: bars.length === 0 ? m.unitsEmpty : note,
      rows: full === bars.length ? [] : bars.filter((bar) => bar.share !== 1).slice(0, DISTRICTS_COUNT),
    });
  } else {
    const missing = lower.rows
      .filter((unit) => !unit.covered)
      .map((unit) => unit.name)
      .sort(viCollator.compare);
    const units = t[unitsKey(scheme, 'commune')];
    slides.push({
      id: `province-${row.code}-units`,
      kind: 'communes',
      title: fill(m.communesTitle, { name: row.name }),
      note: lower.rows.length === 0 ? m.unitsEmpty : missing.length === 0 ? fill(m.communesAllCovered, { total: formatNumber(lower.rows.length, locale), units }) : null,
      names: missing.slice(0, COMMUNES_COUNT),
      more: missing.length > COMMUNES_COUNT ? fill(m.communesMore, { count: formatNumber(missing.length - COMMUNES_COUNT, locale) }) : null,
    });
  }
  return slides;
}

/** A snapshot's frozen answers as briefing figures; its province slides can only use the frozen province row. */
export function fromSnapshot(snapshot: Snapshot, provinceCode: string | null): BriefingFigures {
  return {
    origin: { kind: 'snapshot', id: snapshot.id, name: snapshot.name, createdAt: snapshot.createdAt, createdBy: snapshot.createdBy },
    owner: OWNER_FILTERS.includes(snapshot.owner as OwnerFilter) ? (snapshot.owner as OwnerFilter) : 'front',
    coverage: snapshot.figures.coverage,
    timelines: snapshot.figures.timelines,
    rankings: snapshot.figures.rankings,
    metrics: snapshot.figures.metrics,
    province: provinceCode ? { code: provinceCode, lower: null } : null,
  };
}

/**
 * The level below a province that its own slides list: its districts, or its communes in a
 * scheme without districts. provinceLowerLevel('reform34') → 'commune'
 */
export function provinceLowerLevel(scheme: SchemeId): Level {
  return SCHEMES[scheme].levels.includes('district') ? 'district' : 'commune';
}

/**
 * The one place figures become slides, whatever their origin (live answers or a snapshot's
 * frozen ones): title, national headline, levels, map, regions, ahead and behind, trend,
 * activity, then the chosen province's own slides.
 * toBriefing({ origin: { kind: 'live' }, coverage: { scheme: 'legacy63', asOf: '2022-08-12', levels: { province: 63/63 … } … } … }, vi)
 *   → { slides: [title, headline ('63/63' 'tỉnh, thành') …], footer: { asOf: 'Số liệu đến ngày 12/08/2022' … } }
 */
export function toBriefing(f: BriefingFigures, text: BriefingText): Briefing {
  const { t, m, locale } = text;
  const { scheme, asOf, demo } = f.coverage;
  const dateLine = fill(t.figuresAsOf, { date: formatDate(asOf, locale) });
  const slides: Slide[] = [
    titleSlide(f, text, dateLine),
    headlineSlide(f, text),
    levelsSlide(f, text),
    mapSlide(f, text),
    regionsSlide(f, text),
    rankingSlide(f, text),
    trendSlide(f, text),
    ...(f.metrics ? [activitySlide(f.metrics, text)] : []),
    ...provinceSlides(f, text),
  ];
  const footer: BriefingFooter = {
    asOf: dateLine,
    source: m.source,
    snapshot: f.origin.kind === 'snapshot' ? fill(m.footerSnapshot, { name: f.origin.name, date: formatDate(vietnamDate(f.origin.createdAt), locale) }) : null,
    demo: demo ? m.demoMark : null,
  };
  return { scheme, asOf, slides, footer };
}
