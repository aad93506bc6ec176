/**
 * The overview's recharts drawings. This module (and recharts with it) is loaded lazily by
 * OverviewPage, so the headline cards never wait for it; the components only draw from props and
 * sit inside ChartFigure, whose table carries the same figures for everyone.
 */
import type { Level } from '@mttq/core';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, formatPercent, monthLabel } from '../../i18n/format';
import { AXIS_TICK, CHART_MARKER, CHART_TEXT, LEVEL_STYLE, SHARE_TICKS } from '../../components/chart-style';
import type { Locale } from '../../i18n/messages';
import { toChartRows, type TimelineSeries } from './timeline-series';


/**
 * A marker's label above the plot (in the top margin), so it never covers a line; it runs away
 * from the nearer edge so it is not cut off. Recharts passes the line's `viewBox`.
 */
function MarkerLabel({ viewBox, value, anchor }: { viewBox?: { x?: number; y?: number }; value: string; anchor: 'start' | 'end' }) {
  if (viewBox?.x === undefined || viewBox.y === undefined) return null;
  return (
    <text x={viewBox.x + (anchor === 'start' ? -2 : 2)} y={viewBox.y - 10} textAnchor={anchor} fill={CHART_MARKER} fontSize={12}>
      {value}
    </text>
  );
}

export interface TimelineChartProps {
  series: TimelineSeries;
  locale: Locale;
  /** the legend name of each level, e.g. 'xã, phường, thị trấn' */
  levelNames: Partial<Record<Level, string>>;
  /** the short label of each event, by date */
  eventLabels: Record<string, string>;
}

/** Covered share of each level at each month end, with the API's markers as labelled vertical lines. */
export function TimelineChart({ series, locale, levelNames, eventLabels }: TimelineChartProps) {
  const data = toChartRows(series);
  const [start, end] = series.domain;
  const middle = (start + end) / 2;
  return (
    <LineChart data={data} responsive style={{ width: '100%', height: '100%' }} accessibilityLayer={false} margin={{ top: 28, right: 16, bottom: 0, left: 0 }}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis
        dataKey="time"
        type="number"
        scale="time"
        domain={series.domain}
        ticks={series.rows.map((r) => r.time)}
        interval="preserveStartEnd"
        minTickGap={24}
        tickFormatter={(time: number) => monthLabel(time, locale)}
        tick={AXIS_TICK}
      />
      <YAxis domain={[0, 1]} ticks={SHARE_TICKS} tickFormatter={(share: number) => formatPercent(share, locale)} tick={AXIS_TICK} width={48} />
      <Tooltip
        labelFormatter={(time) => formatDate(new Date(Number(time)).toISOString().slice(0, 10), locale)}
        formatter={(share) => formatPercent(typeof share === 'number' ? share : null, locale)}
      />
      <Legend itemSorter={null} formatter={(value: string) => <span style={{ color: CHART_TEXT }}>{value}</span>} />
      {series.levels.map((level) => (
        <Line
          key={level}
          dataKey={level}
          name={levelNames[level] ?? level}
          type="monotone"
          stroke={LEVEL_STYLE[level].color}
          strokeDasharray={LEVEL_STYLE[level].dash}
          strokeWidth={2.5}
          dot={series.rows.length <= 3 ? { r: 3 } : false}
          isAnimationActive={false}
          connectNulls
        />
      ))}
      {series.events.map((event) => (
        <ReferenceLine
          key={event.date}
          x={event.time}
          stroke={CHART_MARKER}
          strokeDasharray="4 3"
          label={<MarkerLabel value={eventLabels[event.date] ?? event.label} anchor={event.time > middle ? 'end' : 'start'} />}
        />
      ))}
    </LineChart>
  );
}

export interface RegionChartProps {
  rows: ReadonlyArray<{ name: string; share: number | null }>;
  locale: Locale;
  seriesName: string;
}

/** One horizontal bar per region: the share of its communes with a page. */
export function RegionChart({ rows, locale, seriesName }: RegionChartProps) {
  return (
    <BarChart data={[...rows]} layout="vertical" responsive style={{ width: '100%', height: '100%' }} accessibilityLayer={false} margin={{ top: 4, right: 48, bottom: 0, left: 0 }}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" domain={[0, 1]} ticks={SHARE_TICKS} tickFormatter={(share: number) => formatPercent(share, locale)} tick={AXIS_TICK} />
      <YAxis type="category" dataKey="name" width={132} tick={{ fill: CHART_TEXT, fontSize: 12 }} interval={0} />
      <Tooltip formatter={(share) => formatPercent(typeof share === 'number' ? share : null, locale)} cursor={{ fill: '#eef1f5' }} />
      <Bar dataKey="share" name={seriesName} fill={LEVEL_STYLE.province.color} isAnimationActive={false} barSize={20}>
        <LabelList dataKey="share" position="right" fill={CHART_TEXT} fontSize={12} formatter={(share: unknown) => formatPercent(typeof share === 'number' ? share : null, locale)} />
      </Bar>
    </BarChart>
  );
}
