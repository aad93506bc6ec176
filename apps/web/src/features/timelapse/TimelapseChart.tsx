import type { Level } from '@mttq/core';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import { AXIS_TICK, CHART_MARKER, CHART_MUTED, CHART_TEXT, LEVEL_STYLE, shareAxisProps } from '../../components/chart-style';
import { segmentStroke } from '../../components/basis-series';
import type { Locale } from '../../i18n/messages';
import { toTimelapseChart, yearTicks, type TimelapseRow } from './timelapse-series';


/** A marker's label in the top margin, running away from the nearer edge so it is not cut off. */
function MarkerLabel({ viewBox, value, anchor, row }: { viewBox?: { x?: number; y?: number }; value: string; anchor: 'start' | 'end'; row: number }) {
  if (viewBox?.x === undefined || viewBox.y === undefined) return null;
  return (
    <text x={viewBox.x + (anchor === 'start' ? 3 : -3)} y={viewBox.y - 8 - row * 14} textAnchor={anchor} fill={CHART_MARKER} fontSize={12}>
      {value}
    </text>
  );
}

export interface TimelapseChartProps {
  rows: readonly TimelapseRow[];
  levels: readonly Level[];
  /** the frame shown: the line is drawn up to it */
  asOf: string;
  /** the first and the last frame in ms: the x axis stays put while the line grows */
  domain: [number, number];
  locale: Locale;
  levelNames: Record<Level, string>;
  /** dated markers drawn as vertical lines with a label */
  markers: ReadonlyArray<{ time: number; label: string }>;
  /** the legend entry of the back-cast part, shown when the rows have one */
  backCastLabel: string;
}

/**
 * The cumulative covered share of each level at each month end up to the frame shown, across both
 * schemes, with the reform and the frame marked. No tweening: each frame is drawn as it is.
 */
export function TimelapseChart({ rows, levels, asOf, domain, locale, levelNames, markers, backCastLabel }: TimelapseChartProps) {
  // back-cast part dashed and lighter, joined to the recorded part at the seam; a new unit count starts a new line
  const { segments, rows: data } = toTimelapseChart(rows, levels, asOf);
  const backCast = rows.some((row) => row.basis === 'crosswalk');
  const frameTime = Date.parse(`${asOf}T00:00:00Z`);
  const middle = (domain[0] + domain[1]) / 2;
  return (
    <LineChart data={data} responsive style={{ width: '100%', height: '100%' }} accessibilityLayer={false} margin={{ top: 40, right: 16, bottom: 0, left: 0 }}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis
        dataKey="time"
        type="number"
        scale="time"
        domain={domain}
        allowDataOverflow
        ticks={yearTicks(domain[0], domain[1])}
        tickFormatter={(time: number) => String(new Date(time).getUTCFullYear())}
        tick={AXIS_TICK}
      />
      <YAxis {...shareAxisProps(locale)} />
      <Legend itemSorter={null} formatter={(value: string) => <span style={{ color: CHART_TEXT }}>{value}</span>} />
      {segments.map((segment) => (
        <Line
          key={segment.key}
          dataKey={segment.key}
          name={levelNames[segment.series]}
          legendType={segment.first ? 'line' : 'none'}
          type="linear"
          {...segmentStroke(segment.basis, LEVEL_STYLE[segment.series])}
          strokeWidth={2.5}
          dot={false}
          isAnimationActive={false}
        />
      ))}
      {backCast && (
        // no data: only its legend entry, the back-cast style
        <Line dataKey="__backcast" name={backCastLabel} {...segmentStroke('crosswalk', { color: CHART_MUTED, dash: undefined })} strokeWidth={2.5} isAnimationActive={false} />
      )}
      {markers
        .filter((marker) => marker.time >= domain[0] && marker.time <= domain[1])
        .map((marker, i) => (
          <ReferenceLine
            key={marker.time}
            x={marker.time}
            stroke={CHART_MARKER}
            strokeDasharray="4 3"
            label={<MarkerLabel value={marker.label} anchor={marker.time > middle ? 'end' : 'start'} row={i % 2} />}
          />
        ))}
      <ReferenceLine x={frameTime} stroke={CHART_TEXT} strokeWidth={1.5} />
    </LineChart>
  );
}
