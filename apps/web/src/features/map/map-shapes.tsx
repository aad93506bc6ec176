/**
 * What both maps share: each province's shape made a keyboard-reachable link, the arrow-key moves
 * between shapes (one tab stop for the whole map, so it never traps focus), the tooltip's
 * content, the no-data hatch, and keeping the drawing fitted to its frame.
 */
import type { SchemeId } from '@mttq/core';
import type { LatLngBounds, Layer, Map as LeafletMap, Path, PointExpression, Tooltip, TooltipOptions } from 'leaflet';
import { useCallback, useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import { useMap } from 'react-leaflet';
import { useLocale, useMessages } from '../../i18n/locale';
import { inReadingOrder, nextInDirection, NO_DATA_FILL, NO_DATA_PATTERN_ID, type Direction, type KeyPoint, type MapProvince, type Measure } from './map-data';
import { tipLines } from './map-text';
import { mapMessages } from './messages';
import { chooseTooltipSide, intersectRects, type Rect } from './tooltip-placement';

const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

const codeOf = (target: EventTarget | null): string | null => (target instanceof Element ? target.getAttribute('data-code') : null);

/**
 * Roving focus over the shapes of a map: only one shape is in the tab order; arrow keys move to
 * the nearest shape in that direction, Home / End to the first / last in reading order, Enter
 * opens the province, Escape hides the tooltip. Put `handlers` on an element around the map.
 */
export function useProvinceKeyboard(points: readonly KeyPoint[], onOpen: (code: string) => void) {
  const layers = useRef(new Map<string, Path>());
  const [activeCode, setActiveCode] = useState<string | null>(null);
  const [focusedCode, setFocusedCode] = useState<string | null>(null);
  const ordered = useMemo(() => inReadingOrder(points), [points]);
  const tabCode = activeCode !== null && points.some((p) => p.code === activeCode) ? activeCode : (ordered[0]?.code ?? null);

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      const code = codeOf(event.target);
      if (code === null) return;
      let next: string | null = null;
      if (event.key in ARROWS) next = nextInDirection(points, code, ARROWS[event.key]!);
      else if (event.key === 'Home') next = ordered[0]?.code ?? null;
      else if (event.key === 'End') next = ordered.at(-1)?.code ?? null;
      else if (event.key === 'Enter') {
        event.preventDefault();
        onOpen(code);
        return;
      } else if (event.key === 'Escape') {
        layers.current.get(code)?.closeTooltip();
        return;
      } else return;
      // arrows and Home / End would otherwise scroll the page
      event.preventDefault();
      const layer = next === null ? undefined : layers.current.get(next);
      const element = layer?.getElement();
      if (next !== null && layer && element instanceof SVGElement) {
        // on top, so its focus outline shows over overlapping bubbles; before focusing, since
        // moving a focused element in the DOM would blur it
        layer.bringToFront();
        setActiveCode(next);
        element.focus();
      }
    },
    [points, ordered, onOpen],
  );

  const onFocus = useCallback((event: FocusEvent) => {
    const code = codeOf(event.target);
    if (code === null) return;
    setActiveCode(code);
    setFocusedCode(code);
  }, []);

  const onBlur = useCallback((event: FocusEvent) => {
    if (codeOf(event.target) !== null) setFocusedCode(null);
  }, []);

  return { layers, tabCode, focusedCode, handlers: { onKeyDown, onFocus, onBlur } };
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

/** The tooltip's content: the province, every measure of the scheme, the chosen one marked. */
export function ProvinceTip({ province, scheme, measure }: { province: MapProvince; scheme: SchemeId; measure: Measure }) {
  const { t, locale } = useLocale();
  const m = useMessages(mapMessages);
  const lines = tipLines(province, scheme, m, t, locale);
  return (
    <div className="map-tip-body">
      <strong className="map-tip-name">{province.name}</strong>
      <dl>
        {lines.map((line) => (
          <div key={line.measure} className={line.measure === measure ? 'is-current' : undefined}>
            <dt>{line.label}</dt>
            <dd>{line.text}</dd>
          </div>
        ))}
      </dl>
      <span className="map-tip-open">{m.tipOpen}</span>
    </div>
  );
}

/** The hatch that fills "no data" shapes and legend swatches; referenced as url(#NO_DATA_PATTERN_ID). */
export function NoDataPattern() {
  return (
    <svg className="map-defs" width="0" height="0" aria-hidden="true" focusable="false">
      <defs>
        <pattern id={NO_DATA_PATTERN_ID} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill={NO_DATA_FILL} />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#555e6b" strokeWidth="1.5" />
        </pattern>
      </defs>
    </svg>
  );
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
