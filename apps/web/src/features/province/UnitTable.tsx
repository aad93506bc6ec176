import { useId, useMemo } from 'react';
import { Link } from 'react-router';
import { TableExportButtons } from '../../components/export/ExportButtons';
import { SortHeader } from '../../components/SortHeader';
import type { ExportInfo } from '../../components/export/export-info';
import { capitalize, formatNumber, formatPercent, viCollator } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { provinceMessages } from './messages';
import { applyUnitTable, nextSort, toUnitExportTable, UNIT_STATUS_FILTERS, type UnitSortKey, type UnitStatusFilter, type UnitTableRow, type UnitTableState } from './unit-table';

type Messages = Record<keyof (typeof provinceMessages)['vi'], string>;

function StatusBadges({ row, m }: { row: UnitTableRow; m: Messages }) {
  if (!row.isCovered) return <span className="badge badge-none">{m.badgeNone}</span>;
  return (
    <span className="badges">
      <span className="badge badge-covered">{m.badgeCovered}</span>
      {row.isActive && <span className="badge badge-active">{m.badgeActive}</span>}
      {row.isVerified && <span className="badge badge-verified">{m.badgeVerified}</span>}
    </span>
  );
}

export interface UnitTableProps {
  rows: readonly UnitTableRow[];
  level: 'district' | 'commune';
  /** show the commune's district (legacy63 commune level) */
  hasDistrictColumn: boolean;
  state: UnitTableState;
  /** takes an updater, so quick successive changes build on each other: onChange(s => ({ ...s, q })) */
  onChange: (update: (state: UnitTableState) => UnitTableState) => void;
  /** e.g. 'quận, huyện' or 'xã, phường, thị trấn' */
  unitsWord: string;
  caption: string;
  /** the registry filtered to one unit */
  pagesHref: (code: string) => string;
  /** the province, named in the downloaded table's title */
  provinceName: string;
  /** the table's answer: its as-of date, scheme and demo flag, written into the downloads */
  exportInfo: ExportInfo;
}

/** 'Chưa có trang', or 'Có trang, Hoạt động, Đã xác minh' as the badges read. */
function statusText(row: UnitTableRow, m: Messages): string {
  if (!row.isCovered) return m.badgeNone;
  return [m.badgeCovered, ...(row.isActive ? [m.badgeActive] : []), ...(row.isVerified ? [m.badgeVerified] : [])].join(', ');
}

/**
 * The province's districts or communes with their status, sortable by clicking the column headers
 * and filterable by name (diacritics optional) and status; the state lives in the URL (`onChange`).
 */
export function UnitTable({ rows, level, hasDistrictColumn, state, onChange, unitsWord, caption, pagesHref, provinceName, exportInfo }: UnitTableProps) {
  const { locale } = useLocale();
  const m = useMessages(provinceMessages);
  const id = useId();
  const columns = useMemo<UnitSortKey[]>(
    () => ['name', ...(hasDistrictColumn ? (['district'] as const) : []), 'status', 'pages', ...(level === 'district' ? (['share'] as const) : [])],
    [hasDistrictColumn, level],
  );
  const shown = useMemo(() => applyUnitTable(rows, state, columns, viCollator.compare), [rows, state, columns]);
  const onSort = (key: UnitSortKey) => onChange((s) => ({ ...s, sort: nextSort(s.sort, key) }));
  const sorted = state.sort ? { key: state.sort.key, direction: state.sort.isDescending ? ('descending' as const) : ('ascending' as const) } : null;
  const isFiltered = state.q.trim() !== '' || state.status !== null;
  // the download holds every row the filters keep, in the table's order
  const download = useMemo(
    () =>
      toUnitExportTable(
        shown,
        { level, hasDistrictColumn },
        {
          code: m.colCode,
          name: m[`colName_${level}`],
          district: m.colParentDistrict,
          status: m.colStatus,
          pages: m.colPages,
          communesCovered: m.colCommunesCovered,
          communesTotal: m.colCommunesTotal,
          sharePercent: m.colSharePercent,
        },
        (row) => statusText(row, m),
      ),
    [shown, level, hasDistrictColumn, m],
  );
  const units = capitalize(unitsWord);
  const exportTitle = isFiltered
    ? fill(m.exportTitleFiltered, { units, province: provinceName, shown: formatNumber(shown.length, locale), total: formatNumber(rows.length, locale) })
    : fill(m.exportTitle, { units, province: provinceName });

  return (
    <>
      <div className="unit-filters">
        <div className="field">
          <label htmlFor={`${id}-q`}>{m.filterName}</label>
          <input id={`${id}-q`} type="search" value={state.q} maxLength={100} autoComplete="off" onChange={(e) => {
              const q = e.target.value;
              onChange((s) => ({ ...s, q }));
            }} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{m.filterStatus}</label>
          <select id={`${id}-status`} value={state.status ?? ''} onChange={(e) => {
              const status = (e.target.value || null) as UnitStatusFilter | null;
              onChange((s) => ({ ...s, status }));
            }}>
            <option value="">{m.status_all}</option>
            {UNIT_STATUS_FILTERS.map((status) => (
              <option key={status} value={status}>
                {m[`status_${status}`]}
              </option>
            ))}
          </select>
        </div>
        {isFiltered && (
          <button type="button" onClick={() => onChange((s) => ({ ...s, q: '', status: null }))}>
            {m.clearFilters}
          </button>
        )}
      </div>
      <p className="muted" aria-live="polite" id={`${id}-count`}>
        {fill(m.shown, { shown: formatNumber(shown.length, locale), total: formatNumber(rows.length, locale), units: unitsWord })}
      </p>
      <TableExportButtons title={m.tableTitle} info={{ ...exportInfo, title: exportTitle, fileName: fill(m.exportTitle, { units, province: provinceName }) }} columns={download.columns} rows={download.rows} />
      <div className="table-scroll unit-table-scroll" tabIndex={0} role="region" aria-label={m.tableRegion}>
        <table className="unit-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <SortHeader column="name" label={m[`colName_${level}`]} sort={sorted} onSort={onSort} />
              {hasDistrictColumn && <SortHeader column="district" label={m.colParentDistrict} sort={sorted} onSort={onSort} />}
              <SortHeader column="status" label={m.colStatus} sort={sorted} onSort={onSort} />
              <SortHeader column="pages" label={m.colPages} sort={sorted} onSort={onSort} className="num" />
              {level === 'district' && <SortHeader column="share" label={m.colCommunes} sort={sorted} onSort={onSort} className="num" />}
              <th scope="col">{m.colLinks}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.code}>
                <th scope="row">{row.name}</th>
                {hasDistrictColumn && <td>{row.districtName ?? '…'}</td>}
                <td>
                  <StatusBadges row={row} m={m} />
                </td>
                <td className="num">{formatNumber(row.pages, locale)}</td>
                {level === 'district' && (
                  <td className="num nowrap">
                    {row.communes ? `${formatNumber(row.communes.covered, locale)}/${formatNumber(row.communes.total, locale)}` : '–'}
                    {row.share !== null && <span className="muted"> ({formatPercent(row.share, locale)})</span>}
                  </td>
                )}
                <td>
                  {row.pages > 0 || level === 'district' ? (
                    <Link to={pagesHref(row.code)}>
                      {m.viewPages}
                      <span className="visually-hidden"> {fill(m.viewPagesOf, { name: row.name })}</span>
                    </Link>
                  ) : (
                    <span className="muted">–</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length === 0 && <p className="panel empty">{m.noUnits}</p>}
    </>
  );
}
