/**
 * A drawn chart → a self-contained SVG (and a PNG of it): the chart's <svg> cloned with the computed
 * styles that matter written inline, the title above it, the legend and the as-of/source line below
 * it, all inside the SVG, so the file says what it shows without the page around it.
 */
import { wrapText } from './text-wrap';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Presentation properties copied from the computed style; classes mean nothing outside the page. */
const INLINED_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;

const PADDING = 12;
const TITLE_SIZE = 15;
const TITLE_LINE = 20;
const LEGEND_SIZE = 12;
const LEGEND_LINE = 18;
const FOOTER_SIZE = 11;
const FOOTER_LINE = 15;
const TEXT_COLOUR = '#1b1f24';
const MUTED_COLOUR = '#555e6b';

export interface ChartImage {
  /** The serialised SVG document. */
  svg: string;
  /** CSS pixels: the chart's drawn width, and its height plus title, legend and source lines. */
  width: number;
  height: number;
}

/** The outermost, largest <svg> in the chart area: the chart, not a legend icon. */
function findChartSvg(chartArea: Element): SVGSVGElement | null {
  let best: SVGSVGElement | null = null;
  let bestArea = 0;
  for (const svg of chartArea.querySelectorAll('svg')) {
    if (svg.parentElement?.closest('svg')) continue;
    const { width, height } = svg.getBoundingClientRect();
    if (width * height > bestArea) {
      best = svg;
      bestArea = width * height;
    }
  }
  return best;
}

/** Properties that are not inherited: compared against their initial value rather than the parent's. */
const NOT_INHERITED: Partial<Record<(typeof INLINED_PROPERTIES)[number], string>> = { opacity: '1' };

/**
 * Copies the computed presentation styles of each source element onto its clone, only where they
 * differ from what the clone would inherit anyway (or where an attribute of the same name would
 * otherwise win), and drops what is not shown: the file keeps the page's look without its CSS.
 */
function inlineStyles(source: Element, clone: Element): void {
  const sources = [source, ...source.querySelectorAll('*')];
  const clones = [clone, ...clone.querySelectorAll('*')];
  const computed = new Map<Element, CSSStyleDeclaration>();
  const hidden: Element[] = [];
  sources.forEach((element, i) => {
    const target = clones[i];
    if (!target) return;
    const style = getComputedStyle(element);
    computed.set(element, style);
    if (style.display === 'none' || ((element.tagName === 'title' || element.tagName === 'desc') && !element.textContent)) {
      hidden.push(target);
      return;
    }
    const parentStyle = element === source || !element.parentElement ? null : computed.get(element.parentElement);
    const inline = INLINED_PROPERTIES.flatMap((property) => {
      const value = style.getPropertyValue(property);
      if (!value) return [];
      const inherited = property in NOT_INHERITED ? NOT_INHERITED[property] : parentStyle?.getPropertyValue(property);
      return value !== inherited || element.hasAttribute(property) ? [`${property}:${value}`] : [];
    }).join(';');
    if (inline) target.setAttribute('style', inline);
    else target.removeAttribute('style');
    target.removeAttribute('class');
    target.removeAttribute('tabindex');
  });
  for (const element of hidden) element.remove();
}

/** recharts draws its legend in HTML beside the SVG: read each entry's text and colour. */
function readLegend(chartArea: Element): Array<{ label: string; colour: string }> {
  return [...chartArea.querySelectorAll('.recharts-legend-item')].map((item) => {
    const mark = item.querySelector('path, line, rect, circle');
    const markStyle = mark ? getComputedStyle(mark) : null;
    const stroke = markStyle?.stroke;
    const colour = stroke && stroke !== 'none' ? stroke : markStyle?.fill && markStyle.fill !== 'none' ? markStyle.fill : TEXT_COLOUR;
    return { label: (item.textContent ?? '').trim(), colour };
  });
}

function textMeasurer(fontFamily: string): (size: number, weight: string) => (text: string) => number {
  const context = document.createElement('canvas').getContext('2d');
  return (size, weight) => (text) => {
    if (!context) return text.length * size * 0.55;
    context.font = `${weight} ${size}px ${fontFamily}`;
    return context.measureText(text).width;
  };
}

function svgElement(name: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** How long an export waits for a chart that is still being drawn (e.g. just scrolled to). */
const DRAWING_WAIT_MS = 5000;

/**
 * Resolves once `chartArea` holds a chart drawn to the end, checking each frame; rejects with 'no
 * chart drawn' after DRAWING_WAIT_MS. A chart is drawn when it comes near the viewport, some in
 * stages (marked data-drawing meanwhile), so a download pressed at once after scrolling may come
 * a few frames before the drawing is whole.
 */
export function waitForDrawing(chartArea: Element): Promise<void> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      const chart = findChartSvg(chartArea);
      if (chart && chart.getBoundingClientRect().width > 0 && !chartArea.querySelector('[data-drawing]')) resolve();
      else if (performance.now() - started > DRAWING_WAIT_MS) reject(new Error('no chart drawn'));
      else requestAnimationFrame(check);
    };
    check();
  });
}

/**
 * The chart drawn in `chartArea` as a standalone SVG document with `title` above and `source`
 * below, then `credit` (a data licence) when given. Throws when there is no drawn chart yet.
 */
export function buildChartSvg(chartArea: Element, title: string, source: string, credit?: string): ChartImage {
  const chart = findChartSvg(chartArea);
  if (!chart) throw new Error('no chart drawn');
  const box = chart.getBoundingClientRect();
  const chartWidth = Math.round(box.width);
  const chartHeight = Math.round(box.height);
  if (chartWidth === 0 || chartHeight === 0) throw new Error('no chart drawn');

  const fontFamily = getComputedStyle(chartArea).fontFamily || 'sans-serif';
  const measure = textMeasurer(fontFamily);
  const width = chartWidth;
  const textWidth = width - 2 * PADDING;
  const titleLines = wrapText(title, textWidth, measure(TITLE_SIZE, 'bold'));
  const footerLines = [source, ...(credit ? [credit] : [])].flatMap((text) => wrapText(text, textWidth, measure(FOOTER_SIZE, 'normal')));
  const legend = readLegend(chartArea);

  // legend entries flow left to right and wrap like words
  const legendMeasure = measure(LEGEND_SIZE, 'normal');
  const legendPlaced: Array<{ label: string; colour: string; x: number; row: number }> = [];
  let x = PADDING;
  let row = 0;
  for (const entry of legend) {
    const entryWidth = 18 + legendMeasure(entry.label) + 16;
    if (x > PADDING && x + entryWidth > width - PADDING) {
      row += 1;
      x = PADDING;
    }
    legendPlaced.push({ ...entry, x, row });
    x += entryWidth;
  }
  const legendRows = legend.length > 0 ? row + 1 : 0;

  const chartTop = PADDING + titleLines.length * TITLE_LINE + 6;
  const legendTop = chartTop + chartHeight + 4;
  const footerTop = legendTop + legendRows * LEGEND_LINE + 6;
  const height = Math.ceil(footerTop + footerLines.length * FOOTER_LINE + PADDING);

  const root = svgElement('svg', { width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': fontFamily }) as SVGSVGElement;
  root.append(svgElement('title', {}, title));
  root.append(svgElement('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
  titleLines.forEach((line, i) => {
    root.append(svgElement('text', { x: PADDING, y: PADDING + (i + 1) * TITLE_LINE - 5, 'font-size': TITLE_SIZE, 'font-weight': 'bold', fill: TEXT_COLOUR }, line));
  });

  const clone = chart.cloneNode(true) as SVGSVGElement;
  inlineStyles(chart, clone);
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${chartWidth} ${chartHeight}`);
  clone.setAttribute('x', '0');
  clone.setAttribute('y', String(chartTop));
  clone.setAttribute('width', String(chartWidth));
  clone.setAttribute('height', String(chartHeight));
  clone.removeAttribute('role');
  clone.removeAttribute('aria-hidden');
  root.append(clone);

  for (const entry of legendPlaced) {
    const y = legendTop + entry.row * LEGEND_LINE + LEGEND_LINE / 2;
    root.append(svgElement('line', { x1: entry.x, y1: y, x2: entry.x + 14, y2: y, stroke: entry.colour, 'stroke-width': 3 }));
    root.append(svgElement('text', { x: entry.x + 18, y: y + 4, 'font-size': LEGEND_SIZE, fill: TEXT_COLOUR }, entry.label));
  }
  footerLines.forEach((line, i) => {
    root.append(svgElement('text', { x: PADDING, y: footerTop + (i + 1) * FOOTER_LINE - 4, 'font-size': FOOTER_SIZE, fill: MUTED_COLOUR }, line));
  });

  const svg = new XMLSerializer().serializeToString(root);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`, width, height };
}

/**
 * The SVG drawn at `scale` × its size onto a canvas, as PNG. The SVG holds no external resource
 * (styles inline, system fonts), so drawing it from a blob URL does not taint the canvas.
 */
export async function renderPng(image: ChartImage, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([image.svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image(image.width, image.height);
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width * scale;
    canvas.height = image.height * scale;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas');
    context.scale(scale, scale);
    context.drawImage(img, 0, 0, image.width, image.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
