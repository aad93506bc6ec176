import 'leaflet/dist/leaflet.css';
import '../map/map.css';
import type { CoverageResponse, SchemeId } from '@mttq/core';
import { useCallback, useMemo, type CSSProperties } from 'react';
import { useNavigate } from 'react-router';
import { TableExportButtons } from '../../components/export/ExportButtons';
import { formatDate } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { gridSize, toMapProvinces } from '../map/map-data';
import { MapLegend } from '../map/MapLegend';
import { NoDataPattern } from '../map/map-shapes';
import { MapTable } from '../map/MapTable';
import { measureName } from '../map/map-text';
import { mapMessages } from '../map/messages';
import { TileGridMap } from '../map/TileGridMap';
import { timelapseMessages } from './messages';
import { toPercent } from './timelapse-series';
import { provinceHref } from '../../url/dashboard-search';

/** The province page at the frame's scheme and date: /province/01?scheme=legacy63&asOf=2022-08-31 */

/**
 * The frame's provinces on the map screen's tile grid, coloured by commune coverage, with its
 * classed legend and table (and the table's downloads). The frame keeps its size while a frame
 * loads and when the scheme changes, so playing does not move the page.
 */
export function FrameMap({ data, scheme }: { data: CoverageResponse | undefined; scheme: SchemeId }) {
  const { t, locale } = useLocale();
  const m = useMessages(mapMessages);
  const tm = useMessages(timelapseMessages);
  const navigate = useNavigate();
  // while a frame of the other scheme loads, the previous answer stays on screen in its own scheme
  const shown = data?.scheme ?? scheme;
  const provinces = useMemo(() => (data ? toMapProvinces(data.scheme, data.rows, 'coverage') : null), [data]);
  const hrefOf = useCallback((code: string) => provinceHref(code, shown, data?.asOf ?? null), [shown, data?.asOf]);
  const open = useCallback((code: string) => void navigate(hrefOf(code)), [navigate, hrefOf]);
  const { cols, rows } = gridSize(shown);
  const frameStyle = { '--map-ratio': `${cols + 0.3} / ${rows + 0.3}` } as CSSProperties;
  const title = measureName('coverage', shown, m, t);
  const date = data ? formatDate(data.asOf, locale) : null;
  const tableTitle = `${fill(m.tableTitle, { measure: title })}`;

  return (
    <div className="frame-map">
      <NoDataPattern />
      <div className="map-layout">
        <div className="map-frame map-frame-grid" style={frameStyle}>
          {provinces ? (
            <TileGridMap key={shown} scheme={shown} provinces={provinces} measure="coverage" onOpen={open} />
          ) : (
            <p className="map-loading">{m.loadingMap}</p>
          )}
        </div>
        <div className="map-side">
          <MapLegend title={title} scheme={shown} mode="grid" provinces={provinces} />
          <p className="muted" id="map-keyboard-hint">
            {m.keyboardHint}
          </p>
        </div>
      </div>
      {provinces && data && date && (
        <>
          <MapTable caption={`${tableTitle} — ${fill(t.figuresAsOf, { date })}`} provinces={provinces} hrefOf={hrefOf} />
          <TableExportButtons
            title={title}
            info={{ asOf: data.asOf, scheme: data.scheme, demo: data.demo, fileName: tm.mapFileName }}
            columns={[tm.colCode, m.colProvince, tm.colCovered, tm.colTotal, tm.colPercent]}
            rows={provinces.map((p) => [p.code, p.name, p.value?.numerator ?? null, p.value?.denominator ?? null, toPercent(p.value?.share)])}
          />
        </>
      )}
    </div>
  );
}
