import { Link } from 'react-router';
import { TableExportButtons } from '../../components/export/ExportButtons';
import type { ExportInfo } from '../../components/export/export-info';
import { formatNumber, formatPercent } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { FIXED_CLASSES, type MapClasses, type MapProvince, type Measure } from './map-data';
import { colorRange, fractionColumn, mapExportTable } from './map-text';
import { mapMessages } from './messages';

/** What the table's CSV/XLSX buttons need: the label's title, the answer's date/scheme/demo, and the measure. */
export interface MapTableDownload {
  title: string;
  info: ExportInfo;
  measure: Measure;
}

/**
 * The map's data-table alternative: every province with the measure's figures and class (in
 * `classes`, the fixed share classes unless given); the name links to the province, as a click on
 * the map does. With `download`, CSV and XLSX buttons under it download every province's raw figures.
 */
export function MapTable({
  caption,
  provinces,
  hrefOf,
  download,
  classes = FIXED_CLASSES,
}: {
  caption: string;
  provinces: readonly MapProvince[];
  hrefOf: (code: string) => string;
  download?: MapTableDownload;
  classes?: MapClasses;
}) {
  const { t, locale } = useLocale();
  const m = useMessages(mapMessages);
  const measure: Measure = download?.measure ?? 'coverage';
  const file = download ? mapExportTable(provinces, download.measure, download.info.scheme, m, t, locale, classes) : null;
  return (
    <>
      {download && file && <TableExportButtons title={download.title} info={download.info} columns={file.columns} rows={file.rows} />}
      <details className="map-table">
        <summary>{t.showDataTable}</summary>
        <div className="map-table-scroll" tabIndex={0} role="region" aria-label={m.tableScrollLabel}>
          <table>
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{m.colProvince}</th>
                <th scope="col" className="num">
                  {fractionColumn(measure, m)}
                </th>
                <th scope="col" className="num">
                  {m.colShare}
                </th>
                <th scope="col">{m.colClass}</th>
              </tr>
            </thead>
            <tbody>
              {provinces.map((province) => {
                const { value, classIndex } = province;
                const hasShare = value !== null && value.share !== null;
                return (
                  <tr key={province.code}>
                    <th scope="row">
                      <Link to={hrefOf(province.code)}>{province.name}</Link>
                    </th>
                    <td className="num">{value ? `${formatNumber(value.numerator, locale)}/${formatNumber(value.denominator, locale)}` : '–'}</td>
                    <td className="num">{hasShare ? formatPercent(value.share, locale) : m.legendNoData}</td>
                    <td>{colorRange(classIndex, classes, m, locale)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
