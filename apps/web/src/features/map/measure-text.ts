/** Text widths for the map labels, measured in the browser with a canvas (estimated without one). */
import { estimateTextWidth, type MeasureText } from './map-labels';

/** The font of the map labels (ProvinceMapSvg). */
export const MAP_FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

let context: CanvasRenderingContext2D | null | undefined;
const cache = new Map<string, number>();

/** The width of bold `text` at `fontSize` pixels: canvasTextWidth('Hà Nội', 20) → about 66 */
export const canvasTextWidth: MeasureText = (text, fontSize) => {
  const key = `${fontSize}|${text}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  let width = estimateTextWidth(text, fontSize);
  if (context) {
    context.font = `700 ${fontSize}px ${MAP_FONT_FAMILY}`;
    width = context.measureText(text).width;
  }
  cache.set(key, width);
  return width;
};
