/** The map's words and figures as people read them, from the catalogues; pure, so it is tested. */
import type { SchemeId } from '@mttq/core';
import { capitalize, formatNumber, formatPercent } from '../../i18n/format';
import { fill, type Locale, type Messages } from '../../i18n/messages';
import { CLASS_BREAKS, measuresOf, measureValue, type MapProvince, type Measure, type MeasureValue } from './map-data';
import type { ArchipelagoId } from './geo-drawing';
import { splitLabel } from './label-layout';
import type { MapMessages } from './messages';

/** measureName('coverage', 'legacy63', …) → 'Tỷ lệ xã, phường, thị trấn có trang' */
export function measureName(measure: Measure, scheme: SchemeId, m: MapMessages, t: Messages): string {
  return fill(m[`measure_${measure}`], { units: t[`units_commune_${scheme}`] });
}

/** The class ranges in the locale's percent: ['Từ 0% đến dưới 25%', …, 'Từ 90% trở lên'] */
export function classRanges(m: MapMessages, locale: Locale): string[] {
  return CLASS_BREAKS.map((from, i) => {
    const to = CLASS_BREAKS[i + 1];
    const fromText = formatPercent(from / 100, locale);
    return to === undefined ? fill(m.legendTop, { from: fromText }) : fill(m.legendRange, { from: fromText, to: formatPercent(to / 100, locale) });
  });
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

/** The accessible name of a province's shape: 'Tỉnh Hà Giang: 11,9% (23/193)' or '…: chưa có số liệu'. */
export function shapeLabel(province: Pick<MapProvince, 'name' | 'value'>, m: MapMessages, locale: Locale): string {
  const { value } = province;
  if (!value || value.share === null) return fill(m.shapeLabelNoData, { name: province.name });
  return fill(m.shapeLabel, {
    name: province.name,
    share: formatPercent(value.share, locale),
    fraction: `${formatNumber(value.numerator, locale)}/${formatNumber(value.denominator, locale)}`,
  });
}

export interface TipLine {
  measure: Measure;
  label: string;
  /** '23/193 (11,9%)', or the no-data words */
  text: string;
}

/** Every measure of the scheme for one province, for the tooltip: the chosen one is marked by the caller. */
export function tipLines(province: Pick<MapProvince, 'descendants'>, scheme: SchemeId, m: MapMessages, t: Messages, locale: Locale): TipLine[] {
  return measuresOf(scheme).map((measure) => {
    const value = measureValue(province.descendants, measure);
    return {
      measure,
      label: capitalize(fill(m[`tip_${measure}`], { units: t[`units_commune_${scheme}`] })),
      text: value && value.share !== null ? fractionText(value, m, locale) : m.legendNoData,
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
): { columns: string[]; rows: Array<Array<string | number | null>> } {
  const units = measure === 'districtCoverage' ? t.units_district : t[`units_commune_${scheme}`];
  const ranges = classRanges(m, locale);
  const columns = [m.colCode, m.colProvince, capitalize(fill(m[`tip_${measure}`], { units })), fill(m.colTotalOf, { units }), m.colSharePercent, m.colClass];
  const rows = provinces.map(({ code, name, value, classIndex }) => [
    code,
    name,
    value?.numerator ?? null,
    value?.denominator ?? null,
    value?.share === null || value?.share === undefined ? null : Math.round(value.share * 1000) / 10,
    classIndex === null ? m.legendNoData : (ranges[classIndex] ?? null),
  ]);
  return { columns, rows };
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
