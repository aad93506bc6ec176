import type { SchemeId } from '@mttq/core';
import { CRS, latLngBounds, type PathOptions, type Rectangle as LeafletRectangle, type Tooltip as LeafletTooltip } from 'leaflet';
import { memo, useMemo, useRef } from 'react';
import { MapContainer, Pane, Rectangle, SVGOverlay, Tooltip } from 'react-leaflet';
import { useLocale, useMessages } from '../../i18n/locale';
import { wrapWords } from './label-layout';
import { classColor, classTextColor, GRID_MARGIN as MARGIN, GRID_TILE_WIDTH as W, gridArchipelagos, gridSize, type MapProvince, type Measure } from './map-data';
import { FitToFrame, panelRoom, placeBesideShape, useProvinceKeyboard, useShapeAttributes } from './map-shapes';
import { shapeLabel, tileLines } from './map-text';
import { mapMessages } from './messages';
import { ProvinceTip } from './province-tip';
import { useElementSize } from './use-element-size';

/** Space between tiles, in tile heights. */
const GAP = 0.06;
/** Below this many pixels of tile width, tiles show abbreviations ('QNg') instead of names. */
const MIN_NAME_TILE_PX = 76;

/**
 * In CRS.Simple a LatLng is (y, x) in tile heights; rows grow southwards, so a tile's latitude is
 * minus its row, and its longitude its column times the tile's width (W): tile (col 3, row 3)
 * spans lat −4…−3, lng 3W…4W.
 */
const tileBounds = (col: number, row: number, rows = 1) =>
  latLngBounds([
    [-(row + rows) + GAP, col * W + GAP],
    [-row - GAP, (col + 1) * W - GAP],
  ]);

/** The grid never pans, so its tooltips may reach outside it, anywhere in its panel. */
const placeInPanel = (tooltip: LeafletTooltip | null) => placeBesideShape(tooltip, panelRoom);

interface TileProps {
  province: MapProvince;
  scheme: SchemeId;
  measure: Measure;
  isTabStop: boolean;
  isFocused: boolean;
  layers: ReturnType<typeof useProvinceKeyboard>['layers'];
  onOpen: (code: string) => void;
}

const GridTile = memo(function GridTile({ province, scheme, measure, isTabStop, isFocused, layers, onOpen }: TileProps) {
  const { locale } = useLocale();
  const m = useMessages(mapMessages);
  const ref = useRef<LeafletRectangle>(null);
  const { code, tile, classIndex } = province;
  const bounds = useMemo(() => tileBounds(tile!.col, tile!.row), [tile]);
  const pathOptions = useMemo<PathOptions>(
    () => ({
      color: isFocused ? '#1b1f24' : '#555e6b',
      weight: isFocused ? 3 : 1,
      fillColor: classColor(classIndex),
      fillOpacity: 1,
    }),
    [classIndex, isFocused],
  );
  const eventHandlers = useMemo(() => ({ click: () => onOpen(code) }), [onOpen, code]);
  useShapeAttributes(ref, layers, code, shapeLabel(province, m, locale), isTabStop);
  return (
    <Rectangle ref={ref} bounds={bounds} pathOptions={pathOptions} eventHandlers={eventHandlers}>
      <Tooltip ref={placeInPanel} className="map-tip" opacity={1}>
        <ProvinceTip province={province} scheme={scheme} measure={measure} />
      </Tooltip>
    </Rectangle>
  );
});

/**
 * The equal-area tile grid (data/province-tiles.json) in CRS.Simple: no tile server, nothing to
 * download. A static drawing (no pan or zoom), so touch scrolling passes over it; each tile is a
 * link to its province, labelled with its short name (its abbreviation on a narrow screen),
 * coloured by its class. The Hoàng Sa and Trường Sa archipelagos are marked east of their
 * provinces, in their provinces' colour.
 */
export function TileGridMap({ scheme, provinces, measure, onOpen }: { scheme: SchemeId; provinces: readonly MapProvince[]; measure: Measure; onOpen: (code: string) => void }) {
  const m = useMessages(mapMessages);
  const { cols, rows } = gridSize(scheme);
  const frame = useRef<HTMLDivElement>(null);
  const size = useElementSize(frame);
  const compact = size !== null && (size.width / ((cols + 1) * W + 2 * MARGIN)) * W < MIN_NAME_TILE_PX;
  const onGrid = useMemo(() => provinces.filter((p) => p.tile !== null), [provinces]);
  const archipelagos = useMemo(() => gridArchipelagos(scheme), [scheme]);
  const classOf = useMemo(() => new Map(provinces.map((p) => [p.code, p.classIndex])), [provinces]);
  const points = useMemo(() => onGrid.map((p) => ({ code: p.code, x: p.tile!.col, y: p.tile!.row })), [onGrid]);
  const { layers, tabCode, focusedCode, handlers } = useProvinceKeyboard(points, onOpen);
  const bounds = useMemo(
    () =>
      latLngBounds([
        [-rows - MARGIN, -MARGIN],
        [MARGIN, (cols + 1) * W + MARGIN],
      ]),
    [cols, rows],
  );
  const labelBounds = useMemo(
    () =>
      latLngBounds([
        [-rows, 0],
        [0, (cols + 1) * W],
      ]),
    [cols, rows],
  );
  return (
    <div className="map-keys" role="group" aria-label={m.mapLabel_grid} aria-describedby="map-keyboard-hint" {...handlers} ref={frame}>
      <MapContainer
        className="map-grid"
        crs={CRS.Simple}
        bounds={bounds}
        zoomSnap={0}
        minZoom={-5}
        maxZoom={10}
        zoomControl={false}
        attributionControl={false}
        dragging={false}
        touchZoom={false}
        doubleClickZoom={false}
        scrollWheelZoom={false}
        boxZoom={false}
        keyboard={false}
      >
        <FitToFrame bounds={bounds} />
        {archipelagos.map(({ id, code, col, row }) => (
          <Rectangle
            key={id}
            bounds={tileBounds(col, row, 2)}
            interactive={false}
            pathOptions={{ color: '#555e6b', weight: 1.5, dashArray: '5 4', fillColor: classColor(classOf.get(code) ?? null), fillOpacity: 1 }}
          />
        ))}
        {onGrid.map((province) => (
          <GridTile
            key={province.code}
            province={province}
            scheme={scheme}
            measure={measure}
            isTabStop={province.code === tabCode}
            isFocused={province.code === focusedCode}
            layers={layers}
            onOpen={onOpen}
          />
        ))}
        <Pane name="tile-labels" className="map-tile-labels">
          <SVGOverlay bounds={labelBounds} attributes={{ viewBox: `0 0 ${(cols + 1) * W} ${rows}`, 'aria-hidden': 'true', focusable: 'false' }}>
            {onGrid.map((province) => {
              const lines = tileLines(province, compact);
              const { code, tile, classIndex } = province;
              return (
                <text
                  key={code}
                  x={(tile!.col + 0.5) * W}
                  y={tile!.row + 0.5 - ((lines.length - 1) * 0.4) / 2}
                  fill={classTextColor(classIndex)}
                  className={compact ? 'map-tile-label map-tile-label-compact' : 'map-tile-label'}
                >
                  {lines.map((line, i) => (
                    <tspan key={i} x={(tile!.col + 0.5) * W} dy={i === 0 ? 0 : 0.4}>
                      {line}
                    </tspan>
                  ))}
                </text>
              );
            })}
            {archipelagos.map(({ id, code, col, row }) => {
              const lines = compact ? [m[`archipelagoShort_${id}`]] : [...wrapWords(m[`archipelago_${id}`], 10), m[`archipelagoProvince_${id}`]];
              return (
                <text key={id} x={(col + 0.5) * W} y={row + 1 - ((lines.length - 1) * 0.4) / 2} fill={classTextColor(classOf.get(code) ?? null)} className="map-tile-label map-tile-archipelago">
                  {lines.map((line, i) => (
                    <tspan key={i} x={(col + 0.5) * W} dy={i === 0 ? 0 : 0.4}>
                      {line}
                    </tspan>
                  ))}
                </text>
              );
            })}
          </SVGOverlay>
        </Pane>
      </MapContainer>
    </div>
  );
}
