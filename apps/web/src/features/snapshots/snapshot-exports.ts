/**
 * A snapshot's tables as downloads (CSV/XLSX): raw values — counts as numbers, dates YYYY-MM-DD,
 * shares as percent numbers — with headings in the reader's language. Pure, so it is tested.
 */
import type { CoverageResponse, Level, SchemeId } from '@mttq/core';
import type { Messages } from '../../i18n/messages';
import { fill } from '../../i18n/messages';
import type { TimelineSeries } from '../overview/timeline-series';
import type { SnapshotMessages } from './messages';
import { capitalize } from '../../i18n/format';

type Cell = string | number | null;
export interface ExportTableData {
  columns: string[];
  rows: Cell[][];
}

/** The shared catalogue's word for a level's units: 'quận, huyện', 'xã, phường, thị trấn' … */
function unitsWord(scheme: SchemeId, level: Level, t: Messages): string {
  return level === 'province' ? t.units_province : level === 'district' ? t.units_district : t[`units_commune_${scheme}`];
}

/** A share as a percent with one decimal: 5777/10599 → 54.5; nothing to divide by → null. */
export function percentOf(covered: number, total: number): number | null {
  return total > 0 ? Math.round((covered / total) * 1000) / 10 : null;
}

/**
 * The frozen province table: code, name, the province's own page (yes/no), the districts and the
 * communes with a page and in total (districts only where the scheme has them), and the share.
 */
export function provincesExportTable(coverage: Pick<CoverageResponse, 'scheme' | 'rows'>, hasDistricts: boolean, m: SnapshotMessages, t: Messages): ExportTableData {
  const communes = unitsWord(coverage.scheme, 'commune', t);
  const districts = unitsWord(coverage.scheme, 'district', t);
  const columns = [
    m.colCode,
    t.colUnit_province,
    m.colProvincePage,
    ...(hasDistricts ? [capitalize(fill(m.colCoveredOf, { units: districts })), fill(m.colTotalOf, { units: districts })] : []),
    capitalize(fill(m.colCoveredOf, { units: communes })),
    fill(m.colTotalOf, { units: communes }),
    m.colSharePercent,
  ];
  const rows = coverage.rows.map((row): Cell[] => {
    const c = row.descendants.commune;
    const d = row.descendants.district;
    return [
      row.code,
      row.name,
      row.covered ? m.yes : m.no,
      ...(hasDistricts ? [d?.covered ?? null, d?.total ?? null] : []),
      c?.covered ?? null,
      c?.total ?? null,
      c ? percentOf(c.covered, c.total) : null,
    ];
  });
  return { columns, rows };
}

/** The frozen month-by-month table: the date, then per level the units with a page and in total. */
export function timelineExportTable(scheme: SchemeId, series: Pick<TimelineSeries, 'levels' | 'rows'>, m: SnapshotMessages, t: Messages): ExportTableData {
  const columns = [
    m.colDate,
    ...series.levels.flatMap((level) => {
      const units = unitsWord(scheme, level, t);
      return [capitalize(fill(m.colCoveredOf, { units })), fill(m.colTotalOf, { units })];
    }),
  ];
  const rows = series.rows.map((row): Cell[] => [row.date, ...series.levels.flatMap((level) => [row.counts[level]?.covered ?? null, row.counts[level]?.total ?? null])]);
  return { columns, rows };
}
