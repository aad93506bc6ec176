/**
 * The province screen's recharts drawings, loaded lazily so the figures and the table never wait
 * for recharts. They only draw from props and sit inside ChartFigure, whose table carries the
 * same figures for everyone.
 */
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, formatPercent } from '../../i18n/format';
import { AXIS_TICK, CHART_TEXT, monthAxisProps, SHARE_TICKS, shareAxisProps } from '../../components/chart-style';
import { basisMessages, basisShareText, segmentStroke, splitByBasis } from '../../components/basis-series';
import { useMessages } from '../../i18n/locale';
import type { Locale } from '../../i18n/messages';
import { withoutKind, type DistrictShareRow, type TimelineShareRow } from './province-figures';

/** Colour-blind safe hues, each at least 3:1 against white, told apart by dash pattern too. */
const SERIES = [
  { key: 'coveredShare', color: '#0b4f8a', dash: undefined },
  { key: 'activeShare', color: '#a34700', dash: '8 4' },
  { key: 'verifiedShare', color: '#1a7a4c', dash: '2 3' },
] as const;

export interface TimelineChartProps {
  rows: readonly TimelineShareRow[];
  locale: Locale;
  names: Record<(typeof SERIES)[number]['key'], string>;
  /** the legend entry of the back-cast part */
  backCastLabel?: string;
}

/** Covered, active and verified shares of the province's communes at each month end. */
export function ProvinceTimelineChart({ rows, locale, names, backCastLabel }: TimelineChartProps) {
  // back-cast part dashed and lighter, joined to the recorded part at the seam; a new unit count starts a new line
  const { segments, rows: data } = splitByBasis(
    Object.fromEntries(SERIES.map((s) => [s.key, rows.map((r) => ({ time: r.time, basis: r.basis ?? 'recorded', total: r.total, value: r[s.key] }))])),
    SERIES.map((s) => s.key),
  );
  const style = new Map(SERIES.map((s) => [s.key, s]));
  const backCast = rows.some((r) => r.basis === 'crosswalk');
  const b = useMessages(basisMessages);
  const seriesOf = new Map(segments.map((segment) => [segment.key, segment.series]));
  const rowAt = new Map(rows.map((r) => [r.time, r]));
  return (
    <LineChart data={data} responsive style={{ width: '100%', height: '100%' }} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis {...monthAxisProps(rows.map((r) => r.time), locale)} domain={['dataMin', 'dataMax']} />
      <YAxis {...shareAxisProps(locale)} />
      <Tooltip
        labelFormatter={(time) => formatDate(new Date(Number(time)).toISOString().slice(0, 10), locale)}
        formatter={(share, name, item) => {
          // where some figures are back-cast, each value with the basis of its date, the covered share with its bounds
          const row = rowAt.get(Number((item.payload as { time?: number } | undefined)?.time));
          const text = formatPercent(typeof share === 'number' ? share : null, locale);
          if (!backCast || !row?.basis) return [text, name];
          const bounds = seriesOf.get(String(item.dataKey)) === 'coveredShare' ? row.bounds : undefined;
          const basis = basisShareText(row.basis, bounds, row.total, b, locale);
          return [`${text} (${basis})`, name];
        }}
      />
      <Legend formatter={(value: string) => <span style={{ color: CHART_TEXT }}>{value}</span>} />
      {segments.map((segment) => (
        <Line
          key={segment.key}
          dataKey={segment.key}
          name={names[segment.series]}
          legendType={segment.first ? 'line' : 'none'}
          type="monotone"
          {...segmentStroke(segment.basis, style.get(segment.series))}
          strokeWidth={2.5}
          dot={false}
          isAnimationActive={false}
        />
      ))}
      {backCast && backCastLabel && (
        // no data: only its legend entry, the back-cast style
        <Line dataKey="__backcast" name={backCastLabel} {...segmentStroke('crosswalk', { color: '#555e6b', dash: undefined })} strokeWidth={2.5} isAnimationActive={false} />
      )}
    </LineChart>
  );
}

export interface DistrictChartProps {
  rows: readonly DistrictShareRow[];
  locale: Locale;
  seriesName: string;
}

/** One horizontal bar per district: the share of its communes with a page, lowest first. */
export function DistrictShareChart({ rows, locale, seriesName }: DistrictChartProps) {
  const data = rows.map((r) => ({ ...r, label: withoutKind(r.name) }));
  return (
    <BarChart data={data} layout="vertical" responsive style={{ width: '100%', height: '100%' }} accessibilityLayer={false} margin={{ top: 4, right: 24, bottom: 0, left: 0 }}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" domain={[0, 1]} ticks={SHARE_TICKS} interval={0} tickFormatter={(share: number) => formatPercent(share, locale)} tick={AXIS_TICK} />
      <YAxis type="category" dataKey="label" width={112} tick={{ fill: CHART_TEXT, fontSize: 12 }} interval={0} />
      <Tooltip formatter={(share) => formatPercent(typeof share === 'number' ? share : null, locale)} cursor={{ fill: '#eef1f5' }} />
      <Bar dataKey="share" name={seriesName} fill="#0b4f8a" isAnimationActive={false} barSize={12} />
    </BarChart>
  );
}
