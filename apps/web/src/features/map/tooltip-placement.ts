/** Where a tooltip goes beside its shape so that it stays readable: pure geometry, in client pixels. */

export type TooltipSide = 'right' | 'left' | 'bottom' | 'top';

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Leaflet's tooltip CSS keeps this gap between the anchor and the tooltip. */
export const TOOLTIP_GAP = 6;

const SIDES: readonly TooltipSide[] = ['right', 'left', 'bottom', 'top'];

/** The box a tooltip of `size` takes on `side` of `shape` (its bounding box). */
export function tooltipBox(shape: Rect, size: { width: number; height: number }, side: TooltipSide, gap = TOOLTIP_GAP): Rect {
  const cx = (shape.left + shape.right) / 2;
  const cy = (shape.top + shape.bottom) / 2;
  switch (side) {
    case 'right':
      return { left: shape.right + gap, right: shape.right + gap + size.width, top: cy - size.height / 2, bottom: cy + size.height / 2 };
    case 'left':
      return { left: shape.left - gap - size.width, right: shape.left - gap, top: cy - size.height / 2, bottom: cy + size.height / 2 };
    case 'bottom':
      return { left: cx - size.width / 2, right: cx + size.width / 2, top: shape.bottom + gap, bottom: shape.bottom + gap + size.height };
    case 'top':
      return { left: cx - size.width / 2, right: cx + size.width / 2, top: shape.top - gap - size.height, bottom: shape.top - gap };
  }
}

const visibleArea = (box: Rect, room: Rect) =>
  Math.max(0, Math.min(box.right, room.right) - Math.max(box.left, room.left)) * Math.max(0, Math.min(box.bottom, room.bottom) - Math.max(box.top, room.top));

/**
 * The first side, of right, left, below and above, where the tooltip fits inside `room` without
 * covering its shape; when none fits, the side that shows the most of it.
 * chooseTooltipSide({ left: 0, top: 0, right: 10, bottom: 10 }, { width: 50, height: 20 }, room 100×100) → 'right'
 */
export function chooseTooltipSide(shape: Rect, size: { width: number; height: number }, room: Rect): TooltipSide {
  let best: { side: TooltipSide; area: number } | null = null;
  for (const side of SIDES) {
    const area = visibleArea(tooltipBox(shape, size, side), room);
    if (area >= size.width * size.height - 0.5) return side;
    if (!best || area > best.area) best = { side, area };
  }
  return best!.side;
}

/** The part of `a` inside `b` (may be empty: right < left). */
export function intersectRects(a: Rect, b: Rect): Rect {
  return { left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) };
}
