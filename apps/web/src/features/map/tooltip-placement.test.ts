import { describe, expect, it } from 'vitest';
import { chooseTooltipSide, intersectRects, tooltipBox } from './tooltip-placement';

const room = { left: 0, top: 0, right: 360, bottom: 740 };
const tile = (x: number, y: number) => ({ left: x - 15, top: y - 15, right: x + 15, bottom: y + 15 });
const tip = { width: 160, height: 200 };

describe('chooseTooltipSide', () => {
  it.each([
    ['a tile on the left of a phone opens to the right', tile(60, 400), 'right'],
    ['a tile on the right edge opens to the left', tile(330, 400), 'left'],
    ['a tile in the middle of a phone, with no room either side, opens below', tile(180, 300), 'bottom'],
    ['the same tile near the bottom of the window opens above', tile(180, 700), 'top'],
  ] as const)('%s', (_, shape, side) => {
    expect(chooseTooltipSide(shape, tip, room)).toBe(side);
  });

  it('never covers its shape: the box starts beyond the shape’s edge', () => {
    expect(tooltipBox(tile(60, 400), tip, 'right')).toEqual({ left: 81, right: 241, top: 300, bottom: 500 });
    expect(tooltipBox(tile(60, 400), tip, 'top').bottom).toBe(379);
  });

  it('when nothing fits, takes the side that shows the most', () => {
    const small = { left: 0, top: 0, right: 200, bottom: 100 };
    expect(chooseTooltipSide(tile(40, 50), tip, small)).toBe('right');
    expect(chooseTooltipSide(tile(170, 50), tip, small)).toBe('left');
  });

  it('intersects rectangles', () => {
    expect(intersectRects({ left: -10, top: 5, right: 400, bottom: 900 }, room)).toEqual({ left: 0, top: 5, right: 360, bottom: 740 });
  });
});
