import '../map/map.css';
import type { CoverageResponse, SchemeId } from '@mttq/core';
import { lazy, Suspense, useCallback, useMemo, type CSSProperties } from 'react';
import { useNavigate } from 'react-router';
import { TableExportButtons } from '../../components/export/ExportButtons';
import { formatDate } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { toMapProvinces } from '../map/map-data';
import { MapLegend } from '../map/MapLegend';
import { MapTable } from '../map/MapTable';
import { boundaryCredit, measureName } from '../map/map-text';
import { mapMessages } from '../map/messages';
import { NoDataPattern } from '../map/province-tip';
import { timelapseMessages } from './messages';
import { toPercent } from './timelapse-series';
import { provinceHref } from '../../url/dashboard-search';

// the province map and its boundary data load with the first frame, not with the page
const ChoroplethMap = lazy(() => import('../map/ChoroplethMap').then((module) => ({ default: module.ChoroplethMap })));

/** The province map's width / height (geo-drawing.ts nationalAspect). */
const PROVINCE_MAP_RATIO = '0.9';

/**
 * The frame's provinces on the map screen's province map, coloured by commune coverage, with its
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
  const frameStyle = { '--map-ratio': PROVINCE_MAP_RATIO } as CSSProperties;
  const title = measureName('coverage', shown, m, t);
  const date = data ? formatDate(data.asOf, locale) : null;
  const tableTitle = `${fill(m.tableTitle, { measure: title })}`;

  return (
    <div className="frame-map">
      <NoDataPattern />
      <div className="map-layout">
        <div className="map-frame map-frame-provinces" style={frameStyle}>
          <Suspense fallback={<p className="map-loading">{m.loadingMap}</p>}>
            {provinces ? <ChoroplethMap key={shown} scheme={shown} provinces={provinces} measure="coverage" onOpen={open} /> : <p className="map-loading">{m.loadingMap}</p>}
          </Suspense>
        </div>
        <div className="map-side">
          <MapLegend title={title} scheme={shown} mode="provinces" provinces={provinces} />
          <p className="muted">{m.archipelagoNote}</p>
          <p className="muted map-credit">{boundaryCredit(shown, m)}</p>
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
