import { useId, type ReactNode } from 'react';
import { useLocale } from '../i18n/locale';

export interface FigureTable {
  columns: readonly string[];
  /** Cells already formatted for the locale (numbers with formatNumber, dates with formatDate). */
  rows: ReadonlyArray<readonly ReactNode[]>;
  /** Columns (by index) holding numbers, aligned right. */
  numeric?: readonly number[];
}

/**
 * A chart with its data-table alternative and its as-of/source line. The drawing is hidden from
 * screen readers; the table under "Bảng số liệu" carries the same figures for everyone.
 * `height` is reserved before data arrives, so nothing shifts when it does.
 */
export function ChartFigure({ title, note, table, height, children }: { title: string; note?: string; table: FigureTable; height: number; children: ReactNode }) {
  const { t } = useLocale();
  const id = useId();
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`}>{title}</h3>
        {note && <p className="muted">{note}</p>}
      </figcaption>
      <div className="chart-area" style={{ height }} aria-hidden="true">
        {children}
      </div>
      <details className="chart-table">
        <summary>{t.showDataTable}</summary>
        <table>
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
      </details>
    </figure>
  );
}
