/**
 * The overview's coverage charts with their tables, shared by the overview and a frozen
 * snapshot's page (which draws its published figures with them).
 */
import type { CoverageResponse } from '@mttq/core';
import { lazy, memo, Suspense, useDeferredValue, useMemo } from 'react';
import { basisMessages, basisText } from '../../components/basis-series';
import { ChartFigure } from '../../components/ChartFigure';
import { capitalize, formatDate, formatNumber, formatPercent } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { overviewMessages } from './messages';
import { unitsKey } from './overview-cards';
import { toRegionCoverage } from './region-coverage';
import { hasBackCast, type TimelineSeries } from './timeline-series';
import './overview.css';

// recharts is large: the charts load in their own chunk, fetched as soon as the page mounts, so
// the headline cards (first route) never wait for it.
export const loadCharts = () => import('./OverviewCharts');
const TimelineChart = lazy(() => loadCharts().then((module) => ({ default: module.TimelineChart })));
const RegionChart = lazy(() => loadCharts().then((module) => ({ default: module.RegionChart })));

const TIMELINE_HEIGHT = 300;
const REGION_HEIGHT = 280;

function ChartLoading() {
  return <div className="chart-loading" />;
}

/*
 * The drawings are rendered from a deferred copy of their figures: the figures' first render
 * shows the placeholder, and React draws the chart in a background render it can interrupt, so
 * the arrival of the figures never holds the page up for the whole drawing at once.
 */

/** Coverage month by month: a line per level, with its table and the events marked. */
export const TimelineFigure = memo(function TimelineFigure({ series, scheme, demo }: { series: TimelineSeries; scheme: CoverageResponse['scheme']; demo: boolean }) {
  const drawn = useDeferredValue<TimelineSeries | null>(series, null);
  const { t, locale } = useLocale();
  const m = useMessages(overviewMessages);
  const b = useMessages(basisMessages);
  const backCast = hasBackCast(series);
  // 'ghi nhận', or 'ước tính' with the communes' bounds
  const basisCell = (row: TimelineSeries['rows'][number]) => {
    const level = [...series.levels].reverse().find((l) => row.bases?.[l] !== undefined);
    const bounds = level ? row.bounds?.[level] : undefined;
    return basisText(level ? row.bases?.[level] : undefined, bounds?.lower, bounds?.upper, b, locale);
  };
  const eventText = (event: TimelineSeries['events'][number], short: boolean) =>
    event.key ? (short ? m[`markerShort_${event.key}`] : m[`marker_${event.key}`]) : event.label;
  const eventLabels = Object.fromEntries(series.events.map((e) => [e.date, `${formatDate(e.date, locale)}: ${eventText(e, true)}`]));
  const levelNames = Object.fromEntries(series.levels.map((level) => [level, t[unitsKey(scheme, level)]]));
  let note = fill(m.timelineNote, { from: formatDate(series.from, locale), to: formatDate(series.to, locale) });
  if (series.events.length > 0) {
    note += ` ${fill(m.timelineMarkersNote, { markers: series.events.map((e) => `${formatDate(e.date, locale)} — ${eventText(e, false)}`).join('; ') })}`;
  }
  const table = {
    columns: [
      m.timelineColDate,
      ...series.levels.map((level) => capitalize(fill(m.timelineColLevel, { units: t[unitsKey(scheme, level)], total: formatNumber(series.totals[level] ?? 0, locale) }))),
      ...(backCast ? [b.column] : []),
    ],
    numeric: series.levels.map((_, i) => i + 1),
    rows: series.rows.map((row) => [
      formatDate(row.date, locale),
      ...series.levels.map((level) => (
        <>
          {formatNumber(row.counts[level]?.covered ?? 0, locale)} <span className="cell-share">{formatPercent(row.shares[level] ?? null, locale)}</span>
        </>
      )),
      ...(backCast ? [basisCell(row)] : []),
    ]),
    exportRows: series.rows.map((row) => [row.date, ...series.levels.map((level) => row.counts[level]?.covered ?? 0), ...(backCast ? [basisCell(row)] : [])]),
  };
  return (
    <ChartFigure title={m.timelineFigure} note={note} table={table} height={TIMELINE_HEIGHT} exportInfo={{ asOf: series.to, scheme, demo }}>
      <Suspense fallback={<ChartLoading />}>
        {drawn ? (
          <TimelineChart series={drawn} locale={locale} levelNames={levelNames} eventLabels={eventLabels} backCastLabel={b.legend} basisWords={{ recorded: b.recorded, crosswalk: b.crosswalk }} />
        ) : (
          <ChartLoading />
        )}
      </Suspense>
    </ChartFigure>
  );
});

/** The share of communes with a page per region: a bar chart with its table. */
export const RegionFigure = memo(function RegionFigure({ data }: { data: CoverageResponse }) {
  const { t, locale } = useLocale();
  const m = useMessages(overviewMessages);
  const regions = useMemo(() => toRegionCoverage(data), [data]);
  const hasDistricts = regions.some((r) => r.district !== null);
  const fraction = (covered: number, total: number) => `${formatNumber(covered, locale)}/${formatNumber(total, locale)}`;
  const withShare = (covered: number, total: number, share: number | null) => (
    <>
      {fraction(covered, total)} <span className="cell-share">{formatPercent(share, locale)}</span>
    </>
  );
  const table = {
    columns: [m.regionColRegion, m.regionColProvinces, ...(hasDistricts ? [m.regionColDistricts] : []), m.regionColCommunes],
    numeric: hasDistricts ? [1, 2, 3] : [1, 2],
    rows: regions.map((r) => [
      m[`region_${r.region}`],
      formatNumber(r.provinces, locale),
      ...(r.district ? [withShare(r.district.covered, r.district.total, r.districtShare)] : []),
      withShare(r.commune.covered, r.commune.total, r.communeShare),
    ]),
    exportRows: regions.map((r) => [m[`region_${r.region}`], r.provinces, ...(hasDistricts ? [r.district?.covered ?? null] : []), r.commune.covered]),
  };
  const chartRows = useMemo(() => regions.map((r) => ({ name: m[`regionShort_${r.region}`], share: r.communeShare })), [regions, m]);
  const drawnRows = useDeferredValue<typeof chartRows | null>(chartRows, null);
  return regions.length === 0 ? (
    <p>{t.noData}</p>
  ) : (
    <ChartFigure title={m.regionFigure} note={fill(m.regionNote, { date: formatDate(data.asOf, locale) })} table={table} height={REGION_HEIGHT} exportInfo={{ asOf: data.asOf, scheme: data.scheme, demo: data.demo }}>
      <Suspense fallback={<ChartLoading />}>
        {drawnRows ? <RegionChart rows={drawnRows} locale={locale} seriesName={m.regionChartSeries} /> : <ChartLoading />}
      </Suspense>
    </ChartFigure>
  );
});
