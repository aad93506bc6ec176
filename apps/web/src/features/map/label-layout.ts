/**
 * Where the province names go on the boundary map, pure so it is tested: each label at its
 * province's label point when it fits there, otherwise nearby — over the sea or the empty land
 * beyond the border rather than over another province — with a leader line back to the point.
 * Labels never overlap each other or the obstacles (the archipelagos' labels).
 */
import { provinceAt, type Box, type LandRaster, type Point } from './geo-drawing';

export interface LabelRequest {
  key: string;
  /** One or two lines. */
  lines: readonly string[];
  anchor: Point;
  /** The box the lines take, in pixels. */
  width: number;
  height: number;
  /** The province's index + 1 in the raster (0: none). */
  owner: number;
  /** A shorter label (an abbreviation) used when the full one does not fit on the province. */
  short?: { lines: readonly string[]; width: number; height: number };
}

export interface PlacedLabel {
  key: string;
  lines: readonly string[];
  anchor: Point;
  box: Box;
  /** The label is away from its point: draw a line from the point to the box. */
  leader: boolean;
}

export interface LabelLayoutOptions {
  /** May a label move off its province, with a leader line? Without, a label that does not fit is left out. */
  leaders: boolean;
  /** How far a label may move from its point, in pixels. */
  maxDistance: number;
  /** Boxes no label may cover. */
  obstacles?: readonly Box[];
  /** Space kept between labels, in pixels. */
  gap?: number;
  /** The drawing's size: labels stay inside it. */
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box, gap: number) => a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;

/** The share of a box's raster cells in its own province, in another, and at sea. */
function coverage(raster: LandRaster, box: Box, owner: number): { own: number; other: number } {
  const step = raster.cell;
  let own = 0;
  let other = 0;
  let all = 0;
  for (let y = box.top + step / 2; y < box.bottom; y += step) {
    for (let x = box.left + step / 2; x < box.right; x += step) {
      const at = provinceAt(raster, [x, y]);
      all += 1;
      if (at === owner && owner !== 0) own += 1;
      else if (at !== 0) other += 1;
    }
  }
  return all === 0 ? { own: 0, other: 0 } : { own: own / all, other: other / all };
}

/** The point of a box nearest to p: where a leader line ends. */
export function nearestOnBox(box: Box, [x, y]: Point): Point {
  return [Math.min(Math.max(x, box.left), box.right), Math.min(Math.max(y, box.top), box.bottom)];
}

/** The offsets tried around a point: the point itself, then rings every `step` pixels, wider than tall. */
function candidateOffsets(step: number, maxDistance: number): Point[] {
  const out: Point[] = [[0, 0]];
  for (let r = step; r <= maxDistance; r += step) {
    const count = Math.max(8, Math.round((2 * Math.PI * r) / step));
    for (let i = 0; i < count; i++) {
      const angle = (2 * Math.PI * i) / count;
      out.push([r * Math.cos(angle) * 1.4, r * Math.sin(angle)]);
    }
  }
  return out;
}

type Segment = readonly [Point, Point];

/** Do segments ab and cd cross (touching ends do not count)? */
function crosses([a, b]: Segment, [c, d]: Segment): boolean {
  const side = (p: Point, q: Point, r: Point) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  return side(c, d, a) * side(c, d, b) < 0 && side(a, b, c) * side(a, b, d) < 0;
}

/** Does segment ab pass through the box (shrunk by 1 px)? */
function segmentHitsBox([a, b]: Segment, box: Box): boolean {
  const inner = { left: box.left + 1, top: box.top + 1, right: box.right - 1, bottom: box.bottom - 1 };
  const inside = (p: Point) => p[0] > inner.left && p[0] < inner.right && p[1] > inner.top && p[1] < inner.bottom;
  if (inside(a) || inside(b)) return true;
  const corners: Point[] = [
    [inner.left, inner.top],
    [inner.right, inner.top],
    [inner.right, inner.bottom],
    [inner.left, inner.bottom],
  ];
  return corners.some((corner, i) => crosses([a, b], [corner, corners[(i + 1) % 4]!]));
}

/** What a leader line crossing another leader or label costs, in pixels of leader length. */
const CROSSING_COST = 150;
/** What a label wholly over the land costs, in pixels of leader length: over the sea is better. */
const OVER_LAND_COST = 70;

/** The share of a box's raster cells on land, in constant time (a summed-area table of the land). */
function landCounter(raster: LandRaster): (box: Box) => number {
  const { cols, rows, cell } = raster;
  const sums = new Uint32Array((cols + 1) * (rows + 1));
  for (let row = 0; row < rows; row++) {
    let line = 0;
    for (let col = 0; col < cols; col++) {
      line += raster.cells[row * cols + col] === 0 ? 0 : 1;
      sums[(row + 1) * (cols + 1) + col + 1] = sums[row * (cols + 1) + col + 1]! + line;
    }
  }
  const at = (row: number, col: number) => sums[Math.min(rows, Math.max(0, row)) * (cols + 1) + Math.min(cols, Math.max(0, col))]!;
  return (box) => {
    const [c0, r0, c1, r1] = [Math.round(box.left / cell), Math.round(box.top / cell), Math.round(box.right / cell), Math.round(box.bottom / cell)];
    const area = Math.max(1, (c1 - c0) * (r1 - r0));
    return (at(r1, c1) - at(r0, c1) - at(r1, c0) + at(r0, c0)) / area;
  };
}

/** Every offset on a grid of `step` pixels within `radius`, nearest first. */
function searchOffsets(radius: number, step: number): Point[] {
  const out: Point[] = [];
  for (let dx = -radius; dx <= radius; dx += step) for (let dy = -radius; dy <= radius; dy += step) if (Math.hypot(dx, dy) <= radius) out.push([dx, dy]);
  return out.sort((a, b) => Math.hypot(a[0], a[1]) - Math.hypot(b[0], b[1]));
}

/** The land's leftmost and rightmost pixel between two heights (null: only sea). */
function landSpan(raster: LandRaster, top: number, bottom: number): { left: number; right: number } | null {
  let left = Infinity;
  let right = -Infinity;
  const first = Math.max(0, Math.floor(top / raster.cell));
  const last = Math.min(raster.rows - 1, Math.floor(bottom / raster.cell));
  for (let row = first; row <= last; row++) {
    for (let col = 0; col < raster.cols; col++) {
      if (raster.cells[row * raster.cols + col] === 0) continue;
      left = Math.min(left, col * raster.cell);
      right = Math.max(right, (col + 1) * raster.cell);
    }
  }
  return left <= right ? { left, right } : null;
}

/**
 * Places the labels in two rounds. First, largest province first, every label that fits on its
 * own province near its point (mostly over it, hiding no other province's point). Then, with
 * `leaders`, the rest go off the land — into the sea or beyond the border — as near their points
 * as they can without a leader line crossing another leader or label.
 */
export function placeLabels(requests: readonly LabelRequest[], raster: LandRaster, options: LabelLayoutOptions): PlacedLabel[] {
  const gap = options.gap ?? 2;
  const sizes = new Map<number, number>();
  for (const value of raster.cells) sizes.set(value, (sizes.get(value) ?? 0) + 1);
  const taken: Box[] = [...(options.obstacles ?? [])];
  const placed: PlacedLabel[] = [];
  const boxAt = (request: LabelRequest, cx: number, cy: number): Box => ({
    left: cx - request.width / 2,
    top: cy - request.height / 2,
    right: cx + request.width / 2,
    bottom: cy + request.height / 2,
  });
  const inside = (box: Box) => box.left >= 0 && box.top >= 0 && box.right <= options.width && box.bottom <= options.height;
  // plain loops: these run for every candidate spot
  const isFree = (box: Box) => {
    if (!inside(box)) return false;
    for (const other of taken) if (overlaps(box, other, gap)) return false;
    return true;
  };
  const hides = (request: LabelRequest, box: Box) => {
    for (const r of requests) {
      if (r !== request && r.anchor[0] > box.left - 3 && r.anchor[0] < box.right + 3 && r.anchor[1] > box.top - 3 && r.anchor[1] < box.bottom + 3) return true;
    }
    return false;
  };
  const accept = (request: LabelRequest, box: Box, leader: boolean) => {
    taken.push(box);
    placed.push({ key: request.key, lines: request.lines, anchor: request.anchor, box, leader });
  };

  // 1. on the province itself, near its point; then the short forms of those that did not fit
  const waiting: LabelRequest[] = [];
  const bySize = [...requests].sort((a, b) => (sizes.get(b.owner) ?? 0) - (sizes.get(a.owner) ?? 0) || a.key.localeCompare(b.key));
  const shortened = (request: LabelRequest): LabelRequest => (request.short ? { ...request, ...request.short, short: undefined } : request);
  const rounds = [bySize, [] as LabelRequest[]];
  for (const [round, list] of rounds.entries()) for (const request of list) {
    let best: { box: Box; cost: number } | null = null;
    for (const [dx, dy] of candidateOffsets(Math.max(2, request.height / 4), Math.max(request.height, request.width / 3))) {
      const box = boxAt(request, request.anchor[0] + dx, request.anchor[1] + dy);
      if (!isFree(box) || hides(request, box)) continue;
      const { own, other } = coverage(raster, box, request.owner);
      if (other > 0.2 || own < 0.45) continue;
      const cost = other * 6 - own + Math.hypot(dx, dy) / request.height;
      if (!best || cost < best.cost) best = { box, cost };
    }
    if (best) accept(request, best.box, false);
    else if (round === 0 && request.short) rounds[1]!.push(shortened(request));
    else waiting.push(request);
  }
  if (!options.leaders) return placed;

  // 2. with leader lines: the labels nearest the coast or the border first, each at the free spot
  // with the shortest leader that crosses no other leader or label, preferably over the sea
  const leaders: Segment[] = [];
  const offsets = searchOffsets(options.maxDistance, 6);
  const toOutside = (request: LabelRequest) => {
    const span = landSpan(raster, request.anchor[1], request.anchor[1]);
    return span ? Math.min(request.anchor[0] - span.left, span.right - request.anchor[0]) : 0;
  };
  waiting.sort((a, b) => toOutside(a) - toOutside(b) || a.key.localeCompare(b.key));
  const landIn = landCounter(raster);
  // no allocation until a spot passes the cheap tests: this loop runs thousands of times a label
  const clear = (left: number, top: number, right: number, bottom: number, self: LabelRequest) => {
    if (left < 0 || top < 0 || right > options.width || bottom > options.height) return false;
    for (const b of taken) if (left < b.right + gap && b.left < right + gap && top < b.bottom + gap && b.top < bottom + gap) return false;
    for (const r of requests) if (r !== self && r.anchor[0] > left - 3 && r.anchor[0] < right + 3 && r.anchor[1] > top - 3 && r.anchor[1] < bottom + 3) return false;
    return true;
  };
  for (const request of waiting) {
    const halfDiagonal = Math.hypot(request.width, request.height) / 2;
    const [ax, ay] = request.anchor;
    let best: { box: Box; line: Segment; cost: number } | null = null;
    for (const [dx, dy] of offsets) {
      if (best && Math.hypot(dx, dy) - halfDiagonal > best.cost) break;
      const left = ax + dx - request.width / 2;
      const top = ay + dy - request.height / 2;
      const right = left + request.width;
      const bottom = top + request.height;
      if (!clear(left, top, right, bottom, request)) continue;
      const end: Point = [Math.min(Math.max(ax, left), right), Math.min(Math.max(ay, top), bottom)];
      let cost = Math.hypot(end[0] - ax, end[1] - ay);
      if (best && cost >= best.cost) continue;
      const box = { left, top, right, bottom };
      // over another province's land costs as much as this many pixels of leader
      cost += landIn(box) * OVER_LAND_COST;
      if (best && cost >= best.cost) continue;
      const line: Segment = [request.anchor, end];
      for (const segment of leaders) if (crosses(segment, line) && (cost += CROSSING_COST) >= (best?.cost ?? Infinity)) break;
      for (const other of taken) if (segmentHitsBox(line, other) && (cost += CROSSING_COST) >= (best?.cost ?? Infinity)) break;
      if (!best || cost < best.cost) best = { box, line, cost };
    }
    if (!best) continue;
    leaders.push(best.line);
    accept(request, best.box, true);
  }
  return placed;
}

/**
 * A place name in at most two lines, broken at the space nearest the middle when it is longer
 * than `maxChars`: splitLabel('Bà Rịa - Vũng Tàu', 10) → ['Bà Rịa -', 'Vũng Tàu']
 */
export function splitLabel(text: string, maxChars: number): string[] {
  if (text.length <= maxChars || !text.includes(' ')) return [text];
  const middle = text.length / 2;
  let at = -1;
  for (let i = 0; i < text.length; i++) if (text[i] === ' ' && (at < 0 || Math.abs(i - middle) < Math.abs(at - middle))) at = i;
  return [text.slice(0, at), text.slice(at + 1)];
}

/**
 * Words wrapped into lines of at most `maxChars` (a longer word gets a line of its own):
 * wrapWords('Hoàng Sa (Paracel) Islands', 10) → ['Hoàng Sa', '(Paracel)', 'Islands']
 */
export function wrapWords(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= maxChars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}
