/** The map's words and figures as people read them, from the catalogues; pure, so it is tested. */
import type { SchemeId } from '@mttq/core';
import { capitalize, formatNumber, formatPercent } from '../../i18n/format';
import { fill, type Locale, type Messages } from '../../i18n/messages';
import { CLASS_COLORS, countByClass, FIXED_CLASSES, measuresOf, NO_DATA_FILL, measureUnit, measureValue, type MapClasses, type MapProvince, type Measure, type MeasureUnit, type MeasureValue } from './map-data';
import type { ArchipelagoId } from './geo-drawing';
import { splitLabel, wrapWords } from './label-layout';
import type { MapMessages } from './messages';

/** measureName('coverage', 'legacy63', …) → 'Tỷ lệ xã, phường, thị trấn có trang' */
export function measureName(measure: Measure, scheme: SchemeId, m: MapMessages, t: Messages): string {
  return fill(m[`measure_${measure}`], { units: t[`units_commune_${scheme}`] });
}

/** A figure as people read it: a share in the locale's percent ('91,2%'), a count as a number ('1.234'). */
export function figureText(figure: number, unit: MeasureUnit, locale: Locale): string {
  return unit === 'count' ? formatNumber(figure, locale) : formatPercent(figure, locale);
}

/**
 * Each class's range, lowest first. Fixed: ['Từ 0% đến dưới 25%', …, 'Từ 90% trở lên']; classes over
 * the shown figures end at the largest ('Từ 98% đến 100%', or '100%' alone); counts are whole
 * units, so their ranges are closed ('Từ 3 đến 9', '0').
 */
export function classRanges(m: MapMessages, locale: Locale, classes: MapClasses = FIXED_CLASSES): string[] {
  const text = (figure: number) => figureText(figure, classes.unit, locale);
  const range = (from: number, to: number) => (text(from) === text(to) ? text(from) : fill(m.legendClosed, { from: text(from), to: text(to) }));
  return classes.classes.map(({ from, to }) => {
    if (classes.kind === 'fixed') return to === null ? fill(m.legendTop, { from: text(from) }) : fill(m.legendRange, { from: text(from), to: text(to) });
    const max = classes.range?.max ?? from;
    if (classes.unit === 'count') return range(from, to === null ? max : to - 1);
    return to === null ? range(from, max) : fill(m.legendRange, { from: text(from), to: text(to) });
  });
}

/** The range of a colour (index into CLASS_COLORS) in its classes, or the no-data words. */
export function colorRange(color: number | null, classes: MapClasses, m: MapMessages, locale: Locale): string {
  const index = color === null ? -1 : classes.classes.findIndex((c) => c.color === color);
  return index < 0 ? m.legendNoData : (classRanges(m, locale, classes)[index] ?? m.legendNoData);
}

/**
 * What the legend says of classes cut over the shown figures:
 * 'Các nhóm chia theo khoảng số liệu đang hiển thị: 91,2% – 100%'; null for the fixed classes.
 */
export function classesNote(classes: MapClasses, m: MapMessages, locale: Locale): string | null {
  if (classes.kind === 'fixed' || !classes.range) return null;
  const { min, max } = classes.range;
  if (classes.kind === 'constant') return fill(m.legendConstant, { value: figureText(min, classes.unit, locale) });
  return fill(m.legendAdaptive, { min: figureText(min, classes.unit, locale), max: figureText(max, classes.unit, locale) });
}

/**
 * A downloaded map's legend, darkest first: one entry per class with its range and count, then no
 * data (filled with the file's own hatch), and the classes' note in lines of at most 40 characters.
 * fileLegend(provinces, classes, 'url(#h)', …).entries[0] → { fill: '#08306b', text: '100%: 8 tỉnh, thành' }
 */
export function fileLegend(
  provinces: readonly Pick<MapProvince, 'classIndex'>[],
  classes: MapClasses,
  hatchFill: string,
  m: MapMessages,
  locale: Locale,
): { entries: Array<{ fill: string; text: string }>; note: string[] } {
  const ranges = classRanges(m, locale, classes);
  const counts = countByClass(provinces);
  const entries = [
    ...classes.classes.map(({ color }, i) => ({ fill: CLASS_COLORS[color] ?? NO_DATA_FILL, text: `${ranges[i]}: ${provinceCount(counts.classes[color] ?? 0, m, locale)}` })).reverse(),
    { fill: hatchFill, text: `${m.legendNoData}: ${provinceCount(counts.noData, m, locale)}` },
  ];
  const note = classesNote(classes, m, locale);
  return { entries, note: note ? wrapWords(note, 40) : [] };
}

/** '12 tỉnh, thành', '1 province' */
export function provinceCount(count: number, m: MapMessages, locale: Locale): string {
  return count === 1 ? m.legendCountOne : fill(m.legendCount, { count: formatNumber(count, locale) });
}

/** A value as '23/193 (11,9%)'. */
export function fractionText(value: MeasureValue, m: MapMessages, locale: Locale): string {
  return fill(m.tipFraction, {
    covered: formatNumber(value.numerator, locale),
    total: formatNumber(value.denominator, locale),
    share: formatPercent(value.share, locale),
  });
}

/**
 * The accessible name of a province's shape: 'Tỉnh Hà Giang: 11,9% (23/193)', for a count
 * 'Tỉnh Hà Giang: 170 chưa có trang (170/193)', or '…: chưa có số liệu'.
 */
export function shapeLabel(province: Pick<MapProvince, 'name' | 'value' | 'unit'>, m: MapMessages, locale: Locale): string {
  const { value } = province;
  if (!value || value.share === null) return fill(m.shapeLabelNoData, { name: province.name });
  const fraction = `${formatNumber(value.numerator, locale)}/${formatNumber(value.denominator, locale)}`;
  if (province.unit === 'count') return fill(m.shapeLabelCount, { name: province.name, count: formatNumber(value.numerator, locale), fraction });
  return fill(m.shapeLabel, { name: province.name, share: formatPercent(value.share, locale), fraction });
}

export interface TipLine {
  measure: Measure;
  label: string;
  /** '23/193 (11,9%)', a count '170', or the no-data words */
  text: string;
  /** label and text on one line */
  short?: boolean;
}

/** Every measure of the scheme for one province, for the tooltip: the chosen one is marked by the caller. */
export function tipLines(province: Pick<MapProvince, 'descendants'>, scheme: SchemeId, m: MapMessages, t: Messages, locale: Locale): TipLine[] {
  return measuresOf(scheme).map((measure) => {
    const value = measureValue(province.descendants, measure);
    const hasData = value !== null && value.share !== null;
    // a count fits on one line after the shares' lines: 'Chưa có trang 170'
    if (measureUnit(measure) === 'count') return { measure, label: m.tipShort_withoutPage, text: hasData ? formatNumber(value.numerator, locale) : m.legendNoData, short: true };
    return {
      measure,
      label: capitalize(fill(m[`tip_${measure}`], { units: t[`units_commune_${scheme}`] })),
      text: hasData ? fractionText(value, m, locale) : m.legendNoData,
    };
  });
}

/**
 * The map's table as a download: every province in code order with raw values — the counted units
 * and their total as numbers, the share as a percent number with one decimal, the class's range.
 * mapExportTable(provinces, 'coverage', 'legacy63', …).rows[0] → ['01', 'Thành phố Hà Nội', 562, 579, 97.1, 'Từ 90% trở lên']
 */
export function mapExportTable(
  provinces: readonly Pick<MapProvince, 'code' | 'name' | 'value' | 'classIndex'>[],
  measure: Measure,
  scheme: SchemeId,
  m: MapMessages,
  t: Messages,
  locale: Locale,
  classes: MapClasses = FIXED_CLASSES,
): { columns: string[]; rows: Array<Array<string | number | null>> } {
  const units = measure === 'districtCoverage' ? t.units_district : t[`units_commune_${scheme}`];
  const columns = [m.colCode, m.colProvince, capitalize(fill(m[`tip_${measure}`], { units })), fill(m.colTotalOf, { units }), m.colSharePercent, m.colClass];
  const rows = provinces.map(({ code, name, value, classIndex }) => [
    code,
    name,
    value?.numerator ?? null,
    value?.denominator ?? null,
    value?.share === null || value?.share === undefined ? null : Math.round(value.share * 1000) / 10,
    colorRange(classIndex, classes, m, locale),
  ]);
  return { columns, rows };
}

/** The table's fraction column: 'Có / tổng số', or 'Chưa có / tổng số' for a count of units without a page. */
export function fractionColumn(measure: Measure, m: MapMessages): string {
  return measureUnit(measure) === 'count' ? m.colFractionWithout : m.colFraction;
}

/**
 * A province's name without its kind, as a map labels it: 'Tỉnh Quảng Ngãi' → 'Quảng Ngãi',
 * 'Thành phố Hà Nội' → 'Hà Nội'; Hồ Chí Minh City keeps 'TP.' ('TP. Hồ Chí Minh'), as people write it.
 */
export function shortProvinceName(name: string): string {
  const bare = name.replace(/^(Tỉnh|Thành phố|TP\.)\s+/u, '');
  return bare === 'Hồ Chí Minh' ? 'TP. Hồ Chí Minh' : bare;
}

/** The credit of the boundary data, on every map and file drawn from it; reform34 adds how its provinces were made. */
export function boundaryCredit(scheme: SchemeId, m: MapMessages): string {
  return `${m.boundaryCredit}${scheme === 'reform34' ? m.boundaryCreditMerged : ''}.`;
}

/** An archipelago's label in two lines: ['Quần đảo Hoàng Sa', '(Đà Nẵng)']. */
export function archipelagoLines(id: ArchipelagoId, m: MapMessages): [string, string] {
  return [m[`archipelago_${id}`], m[`archipelagoProvince_${id}`]];
}

/** A tile's text: the short name on one or two lines, or the abbreviation on a narrow screen. */
export function tileLines(province: Pick<MapProvince, 'name' | 'label'>, compact: boolean): string[] {
  return compact ? [province.label] : splitLabel(shortProvinceName(province.name), 10);
}
