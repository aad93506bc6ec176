import type { SchemeId } from '@mttq/core';
import { useQuery } from '@tanstack/react-query';
import { Browser, divIcon, latLngBounds, type CircleMarker as LeafletCircleMarker, type LatLngExpression, type Map as LeafletMap, type PathOptions, type Tooltip as LeafletTooltip } from 'leaflet';
import { Fragment, memo, useMemo, useRef } from 'react';
import { CircleMarker, MapContainer, Marker, Pane, Polygon, Rectangle, TileLayer, Tooltip, ZoomControl } from 'react-leaflet';
import { useLocale, useMessages } from '../../i18n/locale';
import { NATIONAL_EXTENT, type BoundaryShapes, type PolygonRings } from './geo-drawing';
import { bubbleRadius, classColor, type MapProvince, type Measure } from './map-data';
import { FitToFrame, mapRoom, placeBesideShape, useProvinceKeyboard, useShapeAttributes } from './map-shapes';
import { archipelagoLines, shapeLabel } from './map-text';
import { mapMessages } from './messages';
import { ProvinceTip } from './province-tip';
import { boundaryShapesQuery, type WebConfig } from './queries';
import type { Rect } from './tooltip-placement';

const FIT_PADDING: [number, number] = [16, 16];

/** The whole country, with the Hoàng Sa and Trường Sa archipelagos: the map's first view. */
const NATIONAL_BOUNDS = latLngBounds([
  [NATIONAL_EXTENT.south, NATIONAL_EXTENT.west],
  [NATIONAL_EXTENT.north, NATIONAL_EXTENT.east],
]);

/** The map's frame above its zoom buttons (bottom left): a tooltip never goes under them. */
function roomAboveControls(map: LeafletMap): Rect {
  const room = mapRoom(map);
  const controls = map.getContainer().querySelector('.leaflet-bottom.leaflet-left .leaflet-control');
  const top = controls?.getBoundingClientRect().top;
  return top === undefined ? room : { ...room, bottom: Math.min(room.bottom, top - 4) };
}

/** The map pans, so it clips: tooltips stay inside its frame, clear of the zoom buttons. */
const placeInFrame = (tooltip: LeafletTooltip | null) => placeBesideShape(tooltip, roomAboveControls);

const toLatLngs = (polygons: readonly PolygonRings[]): LatLngExpression[][][] => polygons.map((rings) => rings.map((ring) => ring.map(([lng, lat]) => [lat, lng] as [number, number])));

const BOUNDARY_STYLE: PathOptions = { color: '#8a94a3', weight: 0.8, fillColor: '#f6f7f9', fillOpacity: 1 };
const ISLAND_STYLE: PathOptions = { color: '#555e6b', weight: 1.5, fillColor: '#f6f7f9', fillOpacity: 1 };
const FRAME_STYLE: PathOptions = { color: '#555e6b', weight: 1, dashArray: '5 4', fill: false };

/** The provinces' boundaries under the bubbles, and the archipelagos named with their province. */
function Boundaries({ shapes }: { shapes: BoundaryShapes }) {
  const m = useMessages(mapMessages);
  const provinces = useMemo(() => shapes.provinces.map((p) => ({ code: p.code, positions: toLatLngs(p.polygons) })), [shapes]);
  const archipelagos = useMemo(
    () =>
      shapes.archipelagos.map((a) => {
        const bounds = latLngBounds(a.polygons.flatMap((rings) => (rings[0] ?? []).map(([lng, lat]) => [lat, lng] as [number, number]))).pad(0.08);
        return { id: a.id, positions: toLatLngs(a.polygons), bounds };
      }),
    [shapes],
  );
  return (
    <Pane name="boundaries" style={{ zIndex: 350 }}>
      {provinces.map((p) => (
        <Polygon key={p.code} positions={p.positions} pathOptions={BOUNDARY_STYLE} interactive={false} />
      ))}
      {archipelagos.map((a) => {
        const [name, province] = archipelagoLines(a.id, m);
        const label = divIcon({ className: 'map-archipelago-label', html: `<div class="map-archipelago-text"><span>${escapeHtml(name)}</span><span>${escapeHtml(province)}</span></div>`, iconSize: [0, 0], iconAnchor: [0, 0] });
        return (
          <Fragment key={a.id}>
            <Polygon positions={a.positions} pathOptions={ISLAND_STYLE} interactive={false} />
            <Rectangle bounds={a.bounds} pathOptions={FRAME_STYLE} interactive={false} />
            <Marker position={[a.bounds.getNorth(), a.bounds.getCenter().lng]} icon={label} interactive={false} keyboard={false} />
          </Fragment>
        );
      })}
    </Pane>
  );
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface BubbleProps {
  province: MapProvince;
  scheme: SchemeId;
  measure: Measure;
  radius: number;
  isTabStop: boolean;
  isFocused: boolean;
  layers: ReturnType<typeof useProvinceKeyboard>['layers'];
  onOpen: (code: string) => void;
}

const Bubble = memo(function Bubble({ province, scheme, measure, radius, isTabStop, isFocused, layers, onOpen }: BubbleProps) {
  const { locale } = useLocale();
  const m = useMessages(mapMessages);
  const ref = useRef<LeafletCircleMarker>(null);
  const { code, centroid, classIndex } = province;
  const center = useMemo(() => [centroid!.lat, centroid!.lng] as [number, number], [centroid]);
  const pathOptions = useMemo<PathOptions>(
    () => ({ color: '#1b1f24', weight: isFocused ? 3 : 1, fillColor: classColor(classIndex), fillOpacity: 0.92 }),
    [classIndex, isFocused],
  );
  const eventHandlers = useMemo(
    () => ({
      click: () => onOpen(code),
      // on top while pointed at, so a small bubble under a large one can be clicked; never while
      // focused, since moving a focused element in the DOM would blur it
      mouseover: () => {
        if (ref.current && ref.current.getElement() !== document.activeElement) ref.current.bringToFront();
      },
    }),
    [onOpen, code],
  );
  useShapeAttributes(ref, layers, code, shapeLabel(province, m, locale), isTabStop);
  return (
    <CircleMarker ref={ref} center={center} radius={radius} pathOptions={pathOptions} eventHandlers={eventHandlers}>
      <Tooltip ref={placeInFrame} className="map-tip" opacity={1}>
        <ProvinceTip province={province} scheme={scheme} measure={measure} />
      </Tooltip>
    </CircleMarker>
  );
});

/**
 * Bubbles at the provinces' centroids (data/province-centroids.json) on a geographic map: area by
 * number of communes, colour by class, over the provinces' boundaries and the archipelagos. No
 * map tiles unless the server configures a tile layer (MAP_TILE_URL), so by default nothing is
 * downloaded beyond the boundary data.
 */
export function BubbleMap({
  scheme,
  provinces,
  measure,
  tiles,
  onOpen,
}: {
  scheme: SchemeId;
  provinces: readonly MapProvince[];
  measure: Measure;
  tiles: WebConfig;
  onOpen: (code: string) => void;
}) {
  const m = useMessages(mapMessages);
  // the largest first, so smaller bubbles stay on top and can be pointed at
  const placed = useMemo(() => provinces.filter((p) => p.centroid !== null).sort((a, b) => b.communes - a.communes), [provinces]);
  const maxCommunes = useMemo(() => Math.max(0, ...placed.map((p) => p.communes)), [placed]);
  const points = useMemo(() => placed.map((p) => ({ code: p.code, x: p.centroid!.lng, y: -p.centroid!.lat })), [placed]);
  const { layers, tabCode, focusedCode, handlers } = useProvinceKeyboard(points, onOpen);
  const shapes = useQuery(boundaryShapesQuery(scheme));
  const bounds = NATIONAL_BOUNDS;
  return (
    <div className="map-keys" role="group" aria-label={m.mapLabel_bubbles} aria-describedby="map-keyboard-hint" {...handlers}>
      <MapContainer
        className="map-bubbles"
        bounds={bounds}
        boundsOptions={{ padding: FIT_PADDING }}
        zoomSnap={0.25}
        minZoom={4}
        maxZoom={12}
        zoomControl={false}
        attributionControl={tiles.mapTileUrl !== null}
        // on phones one finger scrolls the page, not the map
        dragging={!Browser.mobile}
        scrollWheelZoom={false}
        keyboard={false}
      >
        <FitToFrame bounds={bounds} padding={FIT_PADDING} />
        <ZoomControl key={m.zoomIn} position="bottomleft" zoomInTitle={m.zoomIn} zoomOutTitle={m.zoomOut} />
        {tiles.mapTileUrl !== null && <TileLayer url={tiles.mapTileUrl} attribution={tiles.mapTileAttribution ?? ''} />}
        {shapes.data && <Boundaries shapes={shapes.data} />}
        {placed.map((province) => (
          <Bubble
            key={province.code}
            province={province}
            scheme={scheme}
            measure={measure}
            radius={bubbleRadius(province.communes, maxCommunes)}
            isTabStop={province.code === tabCode}
            isFocused={province.code === focusedCode}
            layers={layers}
            onOpen={onOpen}
          />
        ))}
      </MapContainer>
    </div>
  );
}
