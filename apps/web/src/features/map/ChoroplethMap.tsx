/**
 * The province map: every province within its boundaries (geoBoundaries, CC BY-SA 4.0), filled by
 * its class, with the Hoàng Sa and Trường Sa archipelagos named with their province. Loaded
 * lazily with its boundary data (queries.ts boundaryShapesQuery). On screen each province is a
 * link (roving keyboard focus, Enter opens it) with a tooltip kept inside the panel; for files
 * (ChoroplethImage) the same drawing with every name, moved off the land with a leader line where
 * it does not fit, and the legend beside it.
 */
import type { SchemeId } from '@mttq/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode, type RefObject } from 'react';
import { useElementSize } from './use-element-size';
import { useLocale, useMessages } from '../../i18n/locale';
import { nationalAspect, type ArchipelagoId, type BoundaryShapes, type MapDrawing } from './geo-drawing';
import { drawMap } from './geo-drawing';
import { CLASS_COLORS, classTextColor, FIXED_CLASSES, NO_DATA_FILL, type MapClasses, type MapProvince, type Measure } from './map-data';
import { layoutMapLabels, type MapLabels, type MapLabelStyle, type ProvinceLabelText } from './map-labels';
import { archipelagoLines, fileLegend, shapeLabel, shortProvinceName } from './map-text';
import { canvasTextWidth, MAP_FONT_FAMILY } from './measure-text';
import { mapMessages, type MapMessages } from './messages';
import { ProvinceMapSvg } from './ProvinceMapSvg';
import { ProvinceTip } from './province-tip';
import { boundaryShapesQuery } from './queries';
import { useRovingKeyboard } from './roving-keyboard';
import { chooseTooltipSide, intersectRects, tooltipBox, type Rect } from './tooltip-placement';

/** The frame's width / height for the national drawing. */
export const PROVINCE_MAP_RATIO = nationalAspect();

/** Each province's name and abbreviation for the labels. */
export function labelTexts(provinces: readonly Pick<MapProvince, 'code' | 'name' | 'label'>[]): Map<string, ProvinceLabelText> {
  return new Map(provinces.map((p) => [p.code, { name: shortProvinceName(p.name), short: p.label }]));
}

export function archipelagoTexts(m: MapMessages): Record<ArchipelagoId, readonly string[]> {
  return { 'hoang-sa': archipelagoLines('hoang-sa', m), 'truong-sa': archipelagoLines('truong-sa', m) };
}

/** A drawing of the scheme's shapes at a size, and its labels; null until the shapes have loaded. */
export function useProvinceDrawing(
  shapes: BoundaryShapes | undefined,
  size: { width: number; height: number } | null,
  provinces: readonly Pick<MapProvince, 'code' | 'name' | 'label'>[],
  style: MapLabelStyle,
  padding = 6,
): { drawing: MapDrawing; labels: MapLabels } | null {
  const m = useMessages(mapMessages);
  // the names, not the figures: a new measure or frame keeps the labels where they are
  const names = provinces.map((p) => `${p.code}\t${p.name}\t${p.label}`).join('\n');
  const texts = useMemo(() => labelTexts(provinces), [names]);
  const islands = useMemo(() => archipelagoTexts(m), [m]);
  const drawing = useMemo(() => (shapes && size ? drawMap(shapes, size.width, size.height, { padding }) : null), [shapes, size, padding]);
  const { fontSize, leaders, maxDistance } = style;
  const labels = useMemo(
    () => (drawing ? layoutMapLabels(drawing, texts, islands, { fontSize, leaders, maxDistance }, canvasTextWidth) : null),
    [drawing, texts, islands, fontSize, leaders, maxDistance],
  );
  return drawing && labels ? { drawing, labels } : null;
}

/** A province's fill: its class colour, or the drawing's own hatch for no data. */
function useFillOf(provinces: readonly MapProvince[], hatchId: string) {
  return useMemo(() => {
    const byCode = new Map(provinces.map((p) => [p.code, p.classIndex]));
    return (code: string) => {
      const index = byCode.get(code) ?? null;
      return index === null ? `url(#${hatchId})` : (CLASS_COLORS[index] ?? NO_DATA_FILL);
    };
  }, [provinces, hatchId]);
}

/** The screen's label style: names that fit on their province, abbreviations where not, nothing moved. */
const SCREEN_LABELS: MapLabelStyle = { fontSize: 12, leaders: false, maxDistance: 0 };

/** The visible part of the map's panel, in client pixels: the tooltip stays inside it. */
function roomOf(element: Element): Rect {
  const panel = (element.closest('.map-panel, .frame-map') ?? document.documentElement).getBoundingClientRect();
  return intersectRects(
    { left: panel.left, top: panel.top, right: panel.right, bottom: panel.bottom },
    { left: 0, top: 0, right: document.documentElement.clientWidth, bottom: window.innerHeight },
  );
}

/**
 * The tooltip beside a point of the map (its province's label point), on the first side with room
 * inside the panel; positioned after it is laid out, since its size depends on its text.
 */
function MapTooltip({ frame, point, children }: { frame: RefObject<HTMLDivElement | null>; point: readonly [number, number]; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ left: number; top: number } | null>(null);
  useLayoutEffect(() => {
    const tip = ref.current;
    const box = frame.current?.getBoundingClientRect();
    if (!tip || !box || !frame.current) return;
    const x = box.left + point[0];
    const y = box.top + point[1];
    const anchor = { left: x - 8, top: y - 8, right: x + 8, bottom: y + 8 };
    const size = { width: tip.offsetWidth, height: tip.offsetHeight };
    const room = roomOf(frame.current);
    const placed = tooltipBox(anchor, size, chooseTooltipSide(anchor, size, room));
    // pushed back inside the room where it still overhangs
    const left = Math.max(room.left, Math.min(placed.left, room.right - size.width));
    const top = Math.max(room.top, Math.min(placed.top, room.bottom - size.height));
    setPosition({ left: left - box.left, top: top - box.top });
  }, [frame, point, children]);
  const style: CSSProperties = position ? { left: position.left, top: position.top } : { left: 0, top: 0, visibility: 'hidden' };
  return (
    <div ref={ref} className="map-tip map-svg-tip" style={style} aria-hidden="true">
      {children}
    </div>
  );
}

/**
 * The interactive province map of the map screen and the time-lapse. `provinces` carries the
 * figures (toMapProvinces); a province without figures is hatched.
 */
export function ChoroplethMap({ scheme, provinces, measure, onOpen }: { scheme: SchemeId; provinces: readonly MapProvince[]; measure: Measure; onOpen: (code: string) => void }) {
  const { locale } = useLocale();
  const m = useMessages(mapMessages);
  const hatchId = `${useId()}-hatch`;
  const frame = useRef<HTMLDivElement>(null);
  const size = useElementSize(frame);
  const shapes = useQuery(boundaryShapesQuery(scheme));
  const drawn = useProvinceDrawing(shapes.data, size, provinces, SCREEN_LABELS);
  const fillOf = useFillOf(provinces, hatchId);
  const byCode = useMemo(() => new Map(provinces.map((p) => [p.code, p])), [provinces]);

  const paths = useRef(new Map<string, SVGPathElement>());
  const [pointed, setPointed] = useState<string | null>(null);
  const [tipHidden, setTipHidden] = useState(false);
  const points = useMemo(() => drawn?.drawing.provinces.map((p) => ({ code: p.code, x: p.anchor[0], y: p.anchor[1] })) ?? [], [drawn]);
  const focusShape = useCallback((code: string) => {
    const element = paths.current.get(code);
    if (!element) return false;
    element.focus();
    return true;
  }, []);
  const closeTip = useCallback(() => setTipHidden(true), []);
  const { tabCode, focusedCode, handlers } = useRovingKeyboard(points, onOpen, focusShape, closeTip);
  useEffect(() => setTipHidden(false), [focusedCode, pointed]);

  const shapeProps = useCallback(
    (code: string) => {
      const province = byCode.get(code);
      return {
        ref: (element: SVGPathElement | null) => {
          if (element) paths.current.set(code, element);
          else paths.current.delete(code);
        },
        role: 'link',
        tabIndex: code === tabCode ? 0 : -1,
        'aria-label': province ? shapeLabel(province, m, locale) : code,
        className: 'map-shape',
        onClick: () => onOpen(code),
        onMouseEnter: () => setPointed(code),
        onMouseLeave: () => setPointed((current) => (current === code ? null : current)),
      };
    },
    [byCode, tabCode, m, locale, onOpen],
  );

  const tipCode = pointed ?? focusedCode;
  const tipProvince = tipCode ? byCode.get(tipCode) : undefined;
  const tipAnchor = tipCode ? drawn?.drawing.provinces.find((p) => p.code === tipCode)?.anchor : undefined;

  return (
    <div className="map-keys map-svg" role="group" aria-label={m.mapLabel_provinces} aria-describedby="map-keyboard-hint" {...handlers}>
      <div className="map-svg-frame" ref={frame}>
        {drawn ? (
          <ProvinceMapSvg
            drawing={drawn.drawing}
            labels={drawn.labels}
            fillOf={fillOf}
            hatchId={hatchId}
            shapeProps={shapeProps}
            highlight={focusedCode ?? pointed}
            svgProps={{ className: 'province-map', focusable: 'false' }}
          />
        ) : shapes.error ? (
          <p className="map-loading" role="alert">
            {shapes.error.message}
          </p>
        ) : (
          <p className="map-loading" aria-live="polite">
            {m.loadingBoundaries}
          </p>
        )}
        {tipProvince && tipAnchor && !tipHidden && (
          <MapTooltip frame={frame} point={tipAnchor}>
            <ProvinceTip province={tipProvince} scheme={scheme} measure={measure} />
          </MapTooltip>
        )}
      </div>
    </div>
  );
}

/** The labels of files and slides: every name, moved off the land with a leader where it does not fit. */
export const PRINT_LABELS = (fontSize: number): MapLabelStyle => ({ fontSize, leaders: true, maxDistance: fontSize * 11 });

const FILE_MAP_HEIGHT = 900;
const FILE_FONT = 16;
const LEGEND_GAP = 32;
const LEGEND_WIDTH = 360;
const SWATCH = 20;

/**
 * The province map and its classed legend as one static SVG, the source of the map's PNG and SVG
 * downloads (the toolbar adds the title, the as-of line and the boundary credit). Never shown: the
 * caller keeps it off screen and hidden from screen readers.
 */
export function ChoroplethImage({ scheme, provinces, classes = FIXED_CLASSES }: { scheme: SchemeId; provinces: readonly MapProvince[]; classes?: MapClasses }) {
  const { locale } = useLocale();
  const m = useMessages(mapMessages);
  const hatchId = `${useId()}-file-hatch`;
  const shapes = useQuery(boundaryShapesQuery(scheme));
  const size = useMemo(() => ({ width: Math.round(FILE_MAP_HEIGHT * PROVINCE_MAP_RATIO), height: FILE_MAP_HEIGHT }), []);
  const drawn = useProvinceDrawing(shapes.data, size, provinces, PRINT_LABELS(FILE_FONT), 4);
  const fillOf = useFillOf(provinces, hatchId);
  if (!drawn) return null;
  const { entries: legend, note } = fileLegend(provinces, classes, `url(#${hatchId})`, m, locale);
  const legendX = size.width + LEGEND_GAP;
  const line = SWATCH + 12;
  return (
    <ProvinceMapSvg drawing={drawn.drawing} labels={drawn.labels} fillOf={fillOf} hatchId={hatchId} width={legendX + LEGEND_WIDTH} height={size.height} svgProps={{ fontFamily: MAP_FONT_FAMILY, focusable: 'false' }}>
      <text x={legendX} y={line - 6} fontSize={FILE_FONT} fontWeight={700} fill={classTextColor(null)}>
        {m.legendTitle}
      </text>
      {legend.map((entry, i) => {
        const y = line * (i + 1);
        return (
          <g key={entry.text}>
            <rect x={legendX} y={y} width={SWATCH * 1.5} height={SWATCH} fill={entry.fill} stroke="#1b1f24" strokeWidth={0.8} />
            <text x={legendX + SWATCH * 1.5 + 10} y={y + SWATCH / 2} dominantBaseline="central" fontSize={FILE_FONT - 1} fill="#1b1f24">
              {entry.text}
            </text>
          </g>
        );
      })}
      {note.map((text, i) => (
        <text key={text} x={legendX} y={line * (legend.length + 1) + 8 + i * (FILE_FONT + 6)} dominantBaseline="central" fontSize={FILE_FONT - 1} fill="#1b1f24">
          {text}
        </text>
      ))}
    </ProvinceMapSvg>
  );
}
