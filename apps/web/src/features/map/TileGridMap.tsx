import type { SchemeId } from '@mttq/core';
import { CRS, latLngBounds, type PathOptions, type Rectangle as LeafletRectangle, type Tooltip as LeafletTooltip } from 'leaflet';
import { memo, useMemo, useRef } from 'react';
import { MapContainer, Pane, Rectangle, SVGOverlay, Tooltip } from 'react-leaflet';
import { useLocale, useMessages } from '../../i18n/locale';
import { classColor, classTextColor, gridSize, type MapProvince, type Measure } from './map-data';
import { FitToFrame, panelRoom, placeBesideShape, ProvinceTip, useProvinceKeyboard, useShapeAttributes } from './map-shapes';
import { shapeLabel } from './map-text';
import { mapMessages } from './messages';

/** Space between tiles, in tiles. */
const GAP = 0.06;
/** Margin around the grid, in tiles, so the focus outline of an edge tile is not cut off. */
const MARGIN = 0.15;

/**
 * In CRS.Simple a LatLng is (y, x) in tile units; rows grow southwards, so a tile's latitude is
 * minus its row: tile (col 3, row 3) spans lat −4…−3, lng 3…4.
 */
const tileBounds = (col: number, row: number) =>
  latLngBounds([
    [-(row + 1) + GAP, col + GAP],
    [-row - GAP, col + 1 - GAP],
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
 * link to its province, labelled with its short name, coloured by its class.
 */
export function TileGridMap({ scheme, provinces, measure, onOpen }: { scheme: SchemeId; provinces: readonly MapProvince[]; measure: Measure; onOpen: (code: string) => void }) {
  const m = useMessages(mapMessages);
  const { cols, rows } = gridSize(scheme);
  const onGrid = useMemo(() => provinces.filter((p) => p.tile !== null), [provinces]);
  const points = useMemo(() => onGrid.map((p) => ({ code: p.code, x: p.tile!.col, y: p.tile!.row })), [onGrid]);
  const { layers, tabCode, focusedCode, handlers } = useProvinceKeyboard(points, onOpen);
  const bounds = useMemo(
    () =>
      latLngBounds([
        [-rows - MARGIN, -MARGIN],
        [MARGIN, cols + MARGIN],
      ]),
    [cols, rows],
  );
  const labelBounds = useMemo(
    () =>
      latLngBounds([
        [-rows, 0],
        [0, cols],
      ]),
    [cols, rows],
  );
  return (
    <div className="map-keys" role="group" aria-label={m.mapLabel_grid} aria-describedby="map-keyboard-hint" {...handlers}>
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
          <SVGOverlay bounds={labelBounds} attributes={{ viewBox: `0 0 ${cols} ${rows}`, 'aria-hidden': 'true', focusable: 'false' }}>
            {onGrid.map(({ code, label, tile, classIndex }) => (
              <text
                key={code}
                x={tile!.col + 0.5}
                y={tile!.row + 0.5}
                fill={classTextColor(classIndex)}
                className={label.length > 3 ? 'map-tile-label map-tile-label-long' : 'map-tile-label'}
              >
                {label}
              </text>
            ))}
          </SVGOverlay>
        </Pane>
      </MapContainer>
    </div>
  );
}
