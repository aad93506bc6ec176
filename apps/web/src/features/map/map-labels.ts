/**
 * The words on a boundary map: each province's name (or its abbreviation where the name does not
 * fit) and the two archipelagos' names with their province, laid out for one drawing. Pure: the
 * text widths come from `measure`, a canvas in the browser (measureText) and an estimate in tests.
 */
import { ARCHIPELAGO_IDS, type ArchipelagoId, type Box, type MapDrawing } from './geo-drawing';
import { placeLabels, splitLabel, type LabelRequest, type PlacedLabel } from './label-layout';

export interface MapLabelStyle {
  /** Pixels. */
  fontSize: number;
  /** Move names that do not fit off the land, with leader lines (slides, files); else leave them out (screen). */
  leaders: boolean;
  /** How far a moved label may go, in pixels. */
  maxDistance: number;
}

export interface ProvinceLabelText {
  /** 'Quảng Ngãi' */
  name: string;
  /** 'QNg' */
  short: string;
}

export interface ArchipelagoLabel {
  id: ArchipelagoId;
  lines: readonly string[];
  /** The text's box. */
  box: Box;
  /** A dashed frame around the islands. */
  frame: Box;
}

export interface MapLabels {
  fontSize: number;
  lineHeight: number;
  provinces: PlacedLabel[];
  archipelagos: ArchipelagoLabel[];
}

/** A text's width in pixels at a size. */
export type MeasureText = (text: string, fontSize: number) => number;

/** A width estimate for bold system sans-serif when nothing can measure: estimateTextWidth('Hà Nội', 20) → 72 */
export const estimateTextWidth: MeasureText = (text, fontSize) => text.length * fontSize * 0.6;

export const LINE_HEIGHT = 1.15;

/** A label's lines and box for `text`: two lines when long. */
function sized(text: string, fontSize: number, measure: MeasureText) {
  const lines = splitLabel(text, 10);
  const width = Math.max(...lines.map((line) => measure(line, fontSize))) + fontSize * 0.3;
  return { lines, width, height: lines.length * fontSize * LINE_HEIGHT + 2 };
}

/**
 * The labels of a drawing: the archipelagos' names first (above their islands, in a dashed
 * frame), then the provinces' around them. `texts` is keyed by province code; a province without
 * text gets no label.
 */
export function layoutMapLabels(
  drawing: MapDrawing,
  texts: ReadonlyMap<string, ProvinceLabelText>,
  archipelagoTexts: Readonly<Record<ArchipelagoId, readonly string[]>>,
  style: MapLabelStyle,
  measure: MeasureText = estimateTextWidth,
): MapLabels {
  const { fontSize } = style;
  const pad = Math.max(4, fontSize * 0.4);
  const archipelagos = ARCHIPELAGO_IDS.flatMap((id): ArchipelagoLabel[] => {
    const drawn = drawing.archipelagos.find((a) => a.id === id);
    if (!drawn || !Number.isFinite(drawn.box.left)) return [];
    const lines = archipelagoTexts[id];
    const frame = { left: drawn.box.left - pad, top: drawn.box.top - pad, right: drawn.box.right + pad, bottom: drawn.box.bottom + pad };
    const width = Math.max(...lines.map((line) => measure(line, fontSize))) + 4;
    const height = lines.length * fontSize * LINE_HEIGHT;
    const cx = Math.min(Math.max((frame.left + frame.right) / 2, width / 2 + 2), drawing.width - width / 2 - 2);
    // above the islands, or below when there is no room above
    const top = frame.top - pad / 2 - height >= 0 ? frame.top - pad / 2 - height : Math.min(frame.bottom + pad / 2, drawing.height - height);
    return [{ id, lines, frame, box: { left: cx - width / 2, top, right: cx + width / 2, bottom: top + height } }];
  });
  const requests: LabelRequest[] = drawing.provinces.flatMap((province, i): LabelRequest[] => {
    const text = texts.get(province.code);
    if (!text) return [];
    const full = sized(text.name, fontSize, measure);
    const short = sized(text.short, fontSize, measure);
    return [{ key: province.code, anchor: province.anchor, owner: i + 1, ...full, ...(text.short !== text.name ? { short } : {}) }];
  });
  const provinces = placeLabels(requests, drawing.raster, {
    leaders: style.leaders,
    maxDistance: style.maxDistance,
    obstacles: archipelagos.flatMap((a) => [a.box, a.frame]),
    gap: Math.max(2, fontSize * 0.15),
    width: drawing.width,
    height: drawing.height,
  });
  return { fontSize, lineHeight: fontSize * LINE_HEIGHT, provinces, archipelagos };
}
