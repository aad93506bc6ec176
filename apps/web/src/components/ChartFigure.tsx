import { useCallback, useId, useRef, type ReactNode } from 'react';
import { useLocale } from '../i18n/locale';
import { ChartExportToolbar } from './export/ExportButtons';
import { useNearViewport } from './use-near-viewport';
import type { ExportInfo } from './export/export-info';
import type { ExportCell } from './export/table-files';

export type { ExportInfo } from './export/export-info';

export interface FigureTable {
  columns: readonly string[];
  /** Cells already formatted for the locale (numbers with formatNumber, dates with formatDate). */
  rows: ReadonlyArray<readonly ReactNode[]>;
  /** Columns (by index) holding numbers, aligned right. */
  numeric?: readonly number[];
  /**
   * The same rows as raw values for CSV/XLSX downloads (numbers as numbers, dates YYYY-MM-DD).
   * Without it, downloads take each cell's text as shown.
   */
  exportRows?: ReadonlyArray<readonly ExportCell[]>;
  /** Headings of `exportRows` when they differ from the table's, e.g. 'Tỷ lệ (%)' for a share as a number. */
  exportColumns?: readonly string[];
}

/**
 * A chart with its data-table alternative and its as-of/source line. The drawing is hidden from
 * screen readers; the table under "Bảng số liệu" carries the same figures for everyone.
 * `height` is reserved before data arrives, so nothing shifts when it does. The drawing is made
 * only once its area comes near the viewport (useNearViewport): a screen's charts further down
 * cost nothing until someone scrolls to them; the table is there from the start. With `exportInfo`, a
 * toolbar downloads the chart (PNG at 2×, SVG) and its table (CSV, XLSX), each file stating the
 * data's title, as-of date and scheme.
 */
export function ChartFigure({
  title,
  note,
  table,
  height,
  children,
  exportInfo,
}: {
  title: string;
  note?: string;
  table: FigureTable;
  height: number;
  children: ReactNode;
  exportInfo?: ExportInfo;
}) {
  const { t } = useLocale();
  const id = useId();
  const chartRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const isNear = useNearViewport(chartRef);
  const exportTable = useCallback(() => {
    if (table.exportRows) return { columns: table.exportColumns ?? table.columns, rows: table.exportRows };
    // cells as shown: primitives as they are, anything else by its rendered text
    const bodyRows = tableRef.current?.tBodies[0]?.rows;
    const rows = table.rows.map((row, r) =>
      row.map((cell, i): ExportCell => {
        if (typeof cell === 'string' || typeof cell === 'number') return cell;
        if (cell === null || cell === undefined || typeof cell === 'boolean') return null;
        return bodyRows?.[r]?.cells[i]?.textContent ?? null;
      }),
    );
    return { columns: table.columns, rows };
  }, [table]);
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`}>{title}</h3>
        {note && <p className="muted">{note}</p>}
      </figcaption>
      <div className="chart-area" style={{ height }} aria-hidden="true" ref={chartRef}>
        {isNear && children}
      </div>
      {exportInfo && <ChartExportToolbar title={title} info={exportInfo} chartArea={() => chartRef.current} table={exportTable} />}
      <details className="chart-table">
        <summary>{t.showDataTable}</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
          <table ref={tableRef}>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {table.columns.map((column, i) => (
                  <th key={i} scope="col" className={table.numeric?.includes(i) ? 'num' : undefined}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={i} className={table.numeric?.includes(i) ? 'num' : undefined}>
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
