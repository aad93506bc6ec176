/**
 * What the Leaflet maps (tile grid, bubbles) share: each province's shape made a keyboard-reachable
 * link, the arrow-key moves between shapes (roving-keyboard.ts), tooltips placed beside their
 * shape, and keeping the drawing fitted to its frame. The tooltip's content is province-tip.tsx.
 */
import type { LatLngBounds, Layer, Map as LeafletMap, Path, PointExpression, Tooltip, TooltipOptions } from 'leaflet';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useMap } from 'react-leaflet';
import type { KeyPoint } from './map-data';
import { useRovingKeyboard } from './roving-keyboard';
import { chooseTooltipSide, intersectRects, type Rect } from './tooltip-placement';

/**
 * Roving focus over the Leaflet shapes of a map (useRovingKeyboard): moving focus brings the
 * shape to the front, so its focus outline shows over overlapping bubbles. Put `handlers` on an
 * element around the map.
 */
export function useProvinceKeyboard(points: readonly KeyPoint[], onOpen: (code: string) => void) {
  const layers = useRef(new Map<string, Path>());
  const focusShape = useCallback((code: string) => {
    const layer = layers.current.get(code);
    const element = layer?.getElement();
    if (!layer || !(element instanceof SVGElement)) return false;
    // before focusing, since moving a focused element in the DOM would blur it
    layer.bringToFront();
    element.focus();
    return true;
  }, []);
  const closeTip = useCallback((code: string) => void layers.current.get(code)?.closeTooltip(), []);
  return { layers, ...useRovingKeyboard(points, onOpen, focusShape, closeTip) };
}

/**
 * Makes a Leaflet path a link for assistive technology and the keyboard: role, accessible name,
 * roving tabindex and its province code. Leaflet draws the path, so the attributes are set on it.
 */
export function useShapeAttributes(
  ref: RefObject<Path | null>,
  layers: RefObject<Map<string, Path>>,
  code: string,
  label: string,
  isTabStop: boolean,
) {
  useEffect(() => {
    const layer = ref.current;
    if (!layer) return;
    const registry = layers.current;
    registry.set(code, layer);
    return () => {
      if (registry.get(code) === layer) registry.delete(code);
    };
  }, [ref, layers, code]);

  useEffect(() => {
    const element = ref.current?.getElement();
    if (!element) return;
    element.setAttribute('data-code', code);
    element.setAttribute('role', 'link');
    element.setAttribute('aria-label', label);
    element.setAttribute('tabindex', isTabStop ? '0' : '-1');
  }, [ref, code, label, isTabStop]);
}

/** Keeps `bounds` fitted to the map's frame when the frame changes size (window, layout, zoom of the page). */
export function FitToFrame({ bounds, padding }: { bounds: LatLngBounds; padding?: PointExpression }) {
  const map = useMap();
  useEffect(() => {
    const fit = () => {
      map.invalidateSize({ animate: false });
      map.fitBounds(bounds, { animate: false, ...(padding ? { padding } : {}) });
    };
    const observer = new ResizeObserver(fit);
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map, bounds, padding]);
  return null;
}

/** What placeBesideShape uses of a Leaflet tooltip beyond its typed API (Leaflet 1.9 internals). */
interface TooltipInternals {
  options: TooltipOptions;
  _map?: LeafletMap;
  _source?: Layer & { getElement?: () => Element | undefined };
  _container?: HTMLElement;
  _updatePosition(): void;
  _isPlacedBesideShape?: boolean;
}

/** The browser window in client pixels. */
export function viewportRoom(): Rect {
  return { left: 0, top: 0, right: document.documentElement.clientWidth, bottom: window.innerHeight };
}

/** The part of the map's panel that is on screen, in client pixels: the panel clips what overflows it. */
export function panelRoom(map: LeafletMap): Rect {
  const panel = (map.getContainer().closest('.map-panel') ?? document.documentElement).getBoundingClientRect();
  return intersectRects({ left: panel.left, top: panel.top, right: panel.right, bottom: panel.bottom }, viewportRoom());
}

/** The part of the map's frame that is on screen, in client pixels. */
export function mapRoom(map: LeafletMap): Rect {
  const frame = map.getContainer().getBoundingClientRect();
  return intersectRects({ left: frame.left, top: frame.top, right: frame.right, bottom: frame.bottom }, viewportRoom());
}

/**
 * Opens a Leaflet tooltip beside its shape, on the first side with room (chooseTooltipSide),
 * instead of Leaflet's "left or right of the map centre", which cuts tooltips off on a narrow map.
 * Use as the Tooltip's ref: ref={(tooltip) => placeBesideShape(tooltip, mapRoom)}
 */
export function placeBesideShape(tooltip: Tooltip | null, room: (map: LeafletMap) => Rect): void {
  if (!tooltip) return;
  const self = tooltip as unknown as TooltipInternals;
  if (self._isPlacedBesideShape) return;
  self._isPlacedBesideShape = true;
  const updatePosition = self._updatePosition;
  self._updatePosition = function placedUpdatePosition(this: TooltipInternals) {
    const shape = this._source?.getElement?.()?.getBoundingClientRect();
    if (this._map && this._container && shape) {
      const side = chooseTooltipSide(shape, { width: this._container.offsetWidth, height: this._container.offsetHeight }, room(this._map));
      // Leaflet anchors at the shape's centre: move the tooltip out by half the shape
      const [halfX, halfY] = [shape.width / 2, shape.height / 2];
      this.options.direction = side;
      this.options.offset = side === 'right' ? [halfX, 0] : side === 'left' ? [-halfX, 0] : side === 'bottom' ? [0, halfY] : [0, -halfY];
    }
    updatePosition.call(this);
  };
}

export { NoDataPattern, ProvinceTip } from './province-tip';
