/**
 * The overview's recharts drawings. This module (and recharts with it) is loaded lazily by
 * OverviewPage, so the headline cards never wait for it; the components only draw from props and
 * sit inside ChartFigure, whose table carries the same figures for everyone.
 */
import type { FigureBasis, Level } from '@mttq/core';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, formatPercent } from '../../i18n/format';
import { AXIS_TICK, CHART_MARKER, CHART_MUTED, CHART_TEXT, LEVEL_STYLE, monthAxisProps, SHARE_TICKS, shareAxisProps } from '../../components/chart-style';
import type { Locale } from '../../i18n/messages';
import { useStages } from '../../components/use-stages';
import { segmentStroke } from '../../components/basis-series';
import { hasBackCast, toBasisChart, type TimelineSeries } from './timeline-series';


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
  /** the legend entry of the back-cast part, e.g. 'Ước tính qua bảng chuyển đổi (trước 01/07/2025)' */
  backCastLabel: string;
  /** the tooltip's word for each basis: 'ghi nhận', 'ước tính' */
  basisWords: Record<FigureBasis, string>;
}

/** recharts takes 100–200 ms to draw this chart the first time: in one task, that held the overview up. */
const TIMELINE_STAGES = 3;

/** Covered share of each level at each month end, with the API's markers as labelled vertical lines. */
export function TimelineChart({ series, locale, levelNames, eventLabels, backCastLabel, basisWords }: TimelineChartProps) {
  // one line per level, basis and unit count: back-cast dashed and lighter, joined to the recorded part at the seam
  const { segments, rows: data } = toBasisChart(series);
  const backCast = hasBackCast(series);
  const levelOf = new Map(segments.map((segment) => [segment.key, segment.series]));
  const rowAt = new Map(series.rows.map((row) => [row.time, row]));
  const [start, end] = series.domain;
  const middle = (start + end) / 2;
  // drawn in three tasks (useStages): the frame, then the lines with their legend, then the markers and the tooltip
  const stage = useStages(TIMELINE_STAGES);
  return (
    <div className="chart-stages" data-drawing={stage < TIMELINE_STAGES ? 'true' : undefined}>
      <LineChart data={data} responsive style={{ width: '100%', height: '100%' }} accessibilityLayer={false} margin={{ top: 28, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
        <XAxis {...monthAxisProps(series.rows.map((r) => r.time), locale)} domain={series.domain} />
        <YAxis {...shareAxisProps(locale)} />
        {stage >= 2 && (
          <>
            <Legend itemSorter={null} formatter={(value: string) => <span style={{ color: CHART_TEXT }}>{value}</span>} />
            {segments.map((segment) => (
              <Line
                key={segment.key}
                dataKey={segment.key}
                name={levelNames[segment.series] ?? segment.series}
                legendType={segment.first ? 'line' : 'none'}
                type="monotone"
                {...segmentStroke(segment.basis, LEVEL_STYLE[segment.series])}
                strokeWidth={2.5}
                dot={series.rows.length <= 3 ? { r: 3 } : false}
                isAnimationActive={false}
              />
            ))}
            {backCast && (
              // no data: only its legend entry, the back-cast style
              <Line dataKey="__backcast" name={backCastLabel} {...segmentStroke('crosswalk', { color: CHART_MUTED, dash: undefined })} strokeWidth={2.5} isAnimationActive={false} />
            )}
          </>
        )}
        {stage >= 3 && (
          <>
            <Tooltip
              labelFormatter={(time) => formatDate(new Date(Number(time)).toISOString().slice(0, 10), locale)}
              formatter={(share, name, item) => {
                // each value with the basis of its date (the seam point is back-cast in both segments)
                const level = levelOf.get(String(item.dataKey));
                const basis = level ? rowAt.get(Number((item.payload as { time?: number } | undefined)?.time))?.bases?.[level] : undefined;
                const text = formatPercent(typeof share === 'number' ? share : null, locale);
                return [basis ? `${text} (${basisWords[basis]})` : text, name];
              }}
            />
            {series.events.map((event) => (
              <ReferenceLine
                key={event.date}
                x={event.time}
                stroke={CHART_MARKER}
                strokeDasharray="4 3"
                label={<MarkerLabel value={eventLabels[event.date] ?? event.label} anchor={event.time > middle ? 'end' : 'start'} />}
              />
            ))}
          </>
        )}
      </LineChart>
    </div>
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
      <XAxis type="number" domain={[0, 1]} ticks={SHARE_TICKS} interval={0} tickFormatter={(share: number) => formatPercent(share, locale)} tick={AXIS_TICK} />
      <YAxis type="category" dataKey="name" width={132} tick={{ fill: CHART_TEXT, fontSize: 12 }} interval={0} />
      <Tooltip formatter={(share) => formatPercent(typeof share === 'number' ? share : null, locale)} cursor={{ fill: '#eef1f5' }} />
      <Bar dataKey="share" name={seriesName} fill={LEVEL_STYLE.province.color} isAnimationActive={false} barSize={20}>
        <LabelList dataKey="share" position="right" fill={CHART_TEXT} fontSize={12} formatter={(share: unknown) => formatPercent(typeof share === 'number' ? share : null, locale)} />
      </Bar>
    </BarChart>
  );
}
