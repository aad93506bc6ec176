import 'leaflet/dist/leaflet.css';
import './map.css';
import { useQuery } from '@tanstack/react-query';
import type { CoverageResponse, SchemeId } from '@mttq/core';
import { lazy, Suspense, useCallback, useMemo, useRef, type CSSProperties, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { coverageQuery } from '../../api/queries';
import { DemoBanner } from '../../components/DemoBanner';
import { ChartExportToolbar } from '../../components/export/ExportButtons';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { PanelError } from '../../components/PanelError';
import { ViewControls } from '../../components/ViewControls';
import { formatDate } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { provinceHref, type DashboardSearch } from '../../url/dashboard-search';
import { useDashboardSearch } from '../../url/use-dashboard-search';
import { MapLegend } from './MapLegend';
import { MapTable } from './MapTable';
import { toMapView } from './map-classes';
import { gridAspect, MAP_MODES, measuresOf, measureUnit, type MapMode, type Measure } from './map-data';
import { parseMapSearch, withMapSearch, type MapSearch } from './map-search';
import { boundaryCredit, measureName } from './map-text';
import { mapMessages } from './messages';
import { NoDataPattern } from './province-tip';
import { webConfigQuery } from './queries';

// each map type is its own chunk: the province map brings the boundary data, the others Leaflet
const ChoroplethMap = lazy(() => import('./ChoroplethMap').then((module) => ({ default: module.ChoroplethMap })));
const ChoroplethImage = lazy(() => import('./ChoroplethMap').then((module) => ({ default: module.ChoroplethImage })));
const TileGridMap = lazy(() => import('./TileGridMap').then((module) => ({ default: module.TileGridMap })));
const BubbleMap = lazy(() => import('./BubbleMap').then((module) => ({ default: module.BubbleMap })));
const MapImage = lazy(() => import('./MapImage').then((module) => ({ default: module.MapImage })));

/** The province map's width / height (geo-drawing.ts nationalAspect, without loading it). */
const PROVINCE_MAP_RATIO = '0.9';

function MapLoading({ children }: { children: ReactNode }) {
  return (
    <p className="map-loading" aria-live="polite">
      {children}
    </p>
  );
}

/** The map's measure and mode from the URL, and a setter that keeps every other key. */
function useMapSearch(scheme: SchemeId): [MapSearch, (update: Partial<MapSearch>) => void] {
  const [params, setParams] = useSearchParams();
  const mapSearch = useMemo(() => parseMapSearch(params, scheme), [params, scheme]);
  const setMapSearch = useCallback(
    (update: Partial<MapSearch>) => setParams((current) => withMapSearch(current, { ...parseMapSearch(current, scheme), ...update })),
    [setParams, scheme],
  );
  return [mapSearch, setMapSearch];
}

function MapOptions({ scheme, mapSearch, onChange }: { scheme: SchemeId; mapSearch: MapSearch; onChange: (update: Partial<MapSearch>) => void }) {
  const { t } = useLocale();
  const m = useMessages(mapMessages);
  return (
    <div className="controls map-options">
      <label className="map-measure">
        {m.measureLabel}
        <select name="measure" value={mapSearch.measure} onChange={(e) => onChange({ measure: e.target.value as Measure })}>
          {measuresOf(scheme).map((measure) => (
            <option key={measure} value={measure}>
              {measureName(measure, scheme, m, t)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="map-mode">
        <legend>{m.modeLabel}</legend>
        {MAP_MODES.map((mode: MapMode) => (
          <label key={mode} className={mode === mapSearch.mode ? 'selected' : undefined}>
            <input type="radio" name="mode" value={mode} checked={mode === mapSearch.mode} onChange={() => onChange({ mode })} />
            {m[`mode_${mode}`]}
          </label>
        ))}
      </fieldset>
    </div>
  );
}

/** The map, its legend and notes, and the table: drawn from the /coverage answer (or reserved while it loads). */
function MapPanel({ data, search, mapSearch }: { data: CoverageResponse | undefined; search: DashboardSearch; mapSearch: MapSearch }) {
  const { t, locale } = useLocale();
  const m = useMessages(mapMessages);
  const navigate = useNavigate();
  // while another scheme loads, the previous answer stays on screen in its own scheme
  const scheme = data?.scheme ?? search.scheme;
  const measure = measuresOf(scheme).includes(mapSearch.measure) ? mapSearch.measure : 'coverage';
  const { mode } = mapSearch;
  const webConfig = useQuery({ ...webConfigQuery(), enabled: mode === 'bubbles' });
  const tiles = webConfig.data ?? { mapTileUrl: null, mapTileAttribution: null };
  const isTilesSettled = mode !== 'bubbles' || !webConfig.isPending;

  // the classes follow the figures shown, so a map at 34/34 above 90% still tells provinces apart
  const view = useMemo(() => (data ? toMapView(data.scheme, data.rows, measure) : null), [data, measure]);
  const provinces = view?.provinces ?? null;
  const classes = view?.classes;
  const hrefOf = useCallback((code: string) => provinceHref(code, scheme, search.asOf), [search, scheme]);
  const open = useCallback((code: string) => void navigate(hrefOf(code)), [navigate, hrefOf]);

  const title = measureName(measure, scheme, m, t);
  const date = data ? formatDate(data.asOf, locale) : null;
  const isAllZero = measureUnit(measure) === 'share' && provinces !== null && provinces.every((p) => p.value === null || p.value.numerator === 0);
  const frameStyle = { '--map-ratio': mode === 'grid' ? gridAspect(scheme) : PROVINCE_MAP_RATIO } as CSSProperties;
  const units = t[`units_commune_${scheme}`];
  const imageRef = useRef<HTMLDivElement>(null);
  const mapTitle = fill(m.mapTitle, { measure: title });
  const exportInfo = data ? { asOf: data.asOf, scheme: data.scheme, demo: data.demo } : null;

  return (
    <section className="map-panel" aria-labelledby="map-title">
      <NoDataPattern />
      <h2 id="map-title">{fill(m.mapTitle, { measure: title })}</h2>
      <p className="as-of-note">{date ? fill(t.figuresAsOf, { date }) : '\u00a0'}</p>
      <div className="map-layout">
        <div className={`map-frame map-frame-${mode}`} style={frameStyle}>
          <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
            <Suspense fallback={<MapLoading>{m.loadingMap}</MapLoading>}>
              {provinces && isTilesSettled ? (
                mode === 'provinces' ? (
                  <ChoroplethMap scheme={scheme} provinces={provinces} measure={measure} onOpen={open} />
                ) : mode === 'grid' ? (
                  <TileGridMap scheme={scheme} provinces={provinces} measure={measure} onOpen={open} />
                ) : (
                  <BubbleMap key={`${scheme}|${tiles.mapTileUrl ?? ''}`} scheme={scheme} provinces={provinces} measure={measure} tiles={tiles} onOpen={open} />
                )
              ) : (
                <MapLoading>{m.loadingMap}</MapLoading>
              )}
            </Suspense>
          </ErrorBoundary>
        </div>
        <div className="map-side">
          <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
            <MapLegend title={title} scheme={scheme} mode={mode} provinces={provinces} classes={classes} />
          </ErrorBoundary>
          {isAllZero && date && <p className="map-all-zero">{fill(m.allZero, { date })}</p>}
          <p className="muted">{m[`measureNote_${measure}`]}</p>
          <p className="muted">{mode === 'grid' ? m.gridNote : mode === 'provinces' ? m.provincesNote : fill(m.bubbleNote, { units })}</p>
          <p className="muted map-archipelago-note">{m.archipelagoNote}</p>
          {mode !== 'grid' && <p className="muted map-credit">{boundaryCredit(scheme, m)}</p>}
          {mode === 'bubbles' && isTilesSettled && tiles.mapTileUrl === null && <p className="muted">{m.noBaseMap}</p>}
          <p className="muted" id="map-keyboard-hint">
            {m.keyboardHint}
          </p>
        </div>
      </div>
      {provinces && date && exportInfo && (
        <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
          {/* the downloads draw the tile grid on the grid, else the province map, with the legend */}
          <div className="map-export-source" aria-hidden="true" ref={imageRef}>
            <Suspense fallback={null}>{mode === 'grid' ? <MapImage scheme={scheme} provinces={provinces} classes={classes} /> : <ChoroplethImage scheme={scheme} provinces={provinces} classes={classes} />}</Suspense>
          </div>
          <ChartExportToolbar kind="map" title={mapTitle} info={exportInfo} chartArea={() => imageRef.current} credit={mode === 'grid' ? undefined : boundaryCredit(scheme, m)} />
          <MapTable
            caption={`${fill(m.tableTitle, { measure: title })} — ${fill(t.figuresAsOf, { date })}`}
            provinces={provinces}
            hrefOf={hrefOf}
            download={{ title, info: { ...exportInfo, title: mapTitle }, measure }}
            classes={classes}
          />
        </ErrorBoundary>
      )}
    </section>
  );
}

/** `/map`: provinces coloured by a measure, within their boundaries (default), on the tile grid or as bubbles; state in the URL. */
export function MapPage() {
  const { t } = useLocale();
  const [search] = useDashboardSearch();
  const [mapSearch, setMapSearch] = useMapSearch(search.scheme);
  const coverage = useQuery(coverageQuery({ scheme: search.scheme, asOf: search.asOf, level: 'province', parent: null }));
  const { data, error } = coverage;

  // a 401 sends the user to /sign-in (main.tsx); render nothing meanwhile
  if (error instanceof ApiError && error.isUnauthorized) return null;

  return (
    <>
      <h1>{t.nav_map}</h1>
      <ViewControls asOf={data?.asOf} />
      <MapOptions scheme={search.scheme} mapSearch={mapSearch} onChange={setMapSearch} />
      <DemoBanner demo={data?.demo} />
      {error && !data ? (
        <PanelError error={error} retry={() => void coverage.refetch()} />
      ) : (
        <div aria-busy={coverage.isPlaceholderData || !data} className={coverage.isPlaceholderData ? 'stale' : undefined}>
          <MapPanel data={data} search={search} mapSearch={mapSearch} />
        </div>
      )}
    </>
  );
}
