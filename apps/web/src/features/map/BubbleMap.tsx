import type { SchemeId } from '@mttq/core';
import { Browser, latLngBounds, type CircleMarker as LeafletCircleMarker, type PathOptions, type Tooltip as LeafletTooltip } from 'leaflet';
import { memo, useMemo, useRef } from 'react';
import { CircleMarker, MapContainer, TileLayer, Tooltip, ZoomControl } from 'react-leaflet';
import { useLocale, useMessages } from '../../i18n/locale';
import { bubbleRadius, centroidsOf, classColor, type MapProvince, type Measure } from './map-data';
import { FitToFrame, mapRoom, placeBesideShape, ProvinceTip, useProvinceKeyboard, useShapeAttributes } from './map-shapes';
import { shapeLabel } from './map-text';
import { mapMessages } from './messages';
import type { WebConfig } from './queries';

const FIT_PADDING: [number, number] = [28, 28];

/** The map pans, so it clips: tooltips stay inside its frame. */
const placeInFrame = (tooltip: LeafletTooltip | null) => placeBesideShape(tooltip, mapRoom);

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
 * number of communes, colour by class. A plain background unless the server configures a tile
 * layer (MAP_TILE_URL), so by default nothing is downloaded.
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
  const bounds = useMemo(() => latLngBounds(centroidsOf(scheme).map(({ lat, lng }) => [lat, lng] as [number, number])), [scheme]);
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
        <ZoomControl key={m.zoomIn} position="topright" zoomInTitle={m.zoomIn} zoomOutTitle={m.zoomOut} />
        {tiles.mapTileUrl !== null && <TileLayer url={tiles.mapTileUrl} attribution={tiles.mapTileAttribution ?? ''} />}
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
