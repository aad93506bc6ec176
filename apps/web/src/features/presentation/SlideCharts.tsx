/**
 * The slides' recharts drawings at a fixed size in slide pixels (the slide is 1920×1080 and
 * scaled as a whole), with labels big enough for the back of a hall. They only draw from props;
 * the figures are also written on the slide.
 */
import type { Level } from '@mttq/core';
import { Bar, BarChart, CartesianGrid, LabelList, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import { formatPercent, monthLabel } from '../../i18n/format';
import type { Locale } from '../../i18n/messages';
import { segmentStroke } from '../../components/basis-series';
import { toBasisChart, type TimelineSeries } from '../overview/timeline-series';

/** High-contrast hues (each ≥ 4.5:1 on white), told apart by dash pattern too. */
export const LEVEL_STROKE: Record<Level, { color: string; dash: string | undefined }> = {
  province: { color: '#0b3d6e', dash: undefined },
  district: { color: '#8f3e00', dash: '18 8' },
  commune: { color: '#14613c', dash: '4 6' },
};

const TEXT = '#0d1117';
const GRID = '#c9ced6';
const MARKER = '#8a1c1c';
const SHARE_TICKS = [0, 0.25, 0.5, 0.75, 1];

export function RegionBars({ rows, width, height }: { rows: ReadonlyArray<{ short: string; share: number | null; label: string }>; width: number; height: number }) {
  return (
    <BarChart width={width} height={height} data={[...rows]} layout="vertical" accessibilityLayer={false} margin={{ top: 8, right: 420, bottom: 8, left: 8 }}>
      <XAxis type="number" domain={[0, 1]} hide />
      <YAxis type="category" dataKey="short" width={420} tick={{ fill: TEXT, fontSize: 32 }} tickLine={false} axisLine={{ stroke: TEXT }} interval={0} />
      <Bar dataKey="share" fill={LEVEL_STROKE.province.color} isAnimationActive={false} barSize={60}>
        <LabelList dataKey="label" position="right" fill={TEXT} fontSize={32} fontWeight={700} />
      </Bar>
    </BarChart>
  );
}

export function TrendLines({
  series,
  locale,
  eventLabels,
  width,
  height,
}: {
  series: TimelineSeries;
  locale: Locale;
  eventLabels: Record<string, string>;
  width: number;
  height: number;
}) {
  // back-cast part dashed and lighter, joined to the recorded part at the seam; a new unit count starts a new line
  const { segments, rows: data } = toBasisChart(series);
  const [start, end] = series.domain;
  const middle = (start + end) / 2;
  return (
    <LineChart width={width} height={height} data={data} accessibilityLayer={false} margin={{ top: 56, right: 40, bottom: 8, left: 8 }}>
      <CartesianGrid stroke={GRID} strokeDasharray="4 4" />
      <XAxis
        dataKey="time"
        type="number"
        scale="time"
        domain={series.domain}
        ticks={series.rows.map((r) => r.time)}
        interval="preserveStartEnd"
        minTickGap={40}
        tickFormatter={(time: number) => monthLabel(time, locale)}
        tick={{ fill: TEXT, fontSize: 26 }}
        tickMargin={10}
        height={56}
        stroke={TEXT}
      />
      <YAxis domain={[0, 1]} ticks={SHARE_TICKS} tickFormatter={(share: number) => formatPercent(share, locale)} tick={{ fill: TEXT, fontSize: 26 }} width={110} stroke={TEXT} />
      {segments.map((segment) => (
        <Line
          key={segment.key}
          dataKey={segment.key}
          type="monotone"
          {...segmentStroke(segment.basis, LEVEL_STROKE[segment.series], '16 10')}
          strokeWidth={6}
          dot={false}
          isAnimationActive={false}
        />
      ))}
      {series.events.map((event) => (
        <ReferenceLine
          key={event.date}
          x={event.time}
          stroke={MARKER}
          strokeWidth={3}
          strokeDasharray="8 6"
          label={{ value: eventLabels[event.date] ?? event.label, position: event.time > middle ? 'insideTopRight' : 'insideTopLeft', fill: MARKER, fontSize: 26, fontWeight: 700, offset: -40 }}
        />
      ))}
    </LineChart>
  );
}
