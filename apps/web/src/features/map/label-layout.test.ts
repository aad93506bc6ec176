import { describe, expect, it } from 'vitest';
import { boundaryShapes } from './boundary-shapes';
import { drawMap, fitProjection, mercatorY, nationalAspect, NATIONAL_EXTENT, polygonsPath, provinceAt, type Box, type LandRaster } from './geo-drawing';
import { nearestOnBox, placeLabels, splitLabel, wrapWords, type LabelRequest } from './label-layout';
import { layoutMapLabels } from './map-labels';
import { archipelagoLines, shortProvinceName } from './map-text';
import { mapMessages } from './messages';
import { PROVINCE_LABELS } from './province-labels';

const overlap = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** A 100×60 raster of 1-pixel cells: province 1 fills x 0–59, province 2 a 6×6 square at x 70–75, y 20–25; the rest sea. */
function raster(): LandRaster {
  const cells = new Uint16Array(100 * 60);
  for (let y = 0; y < 60; y++) for (let x = 0; x < 100; x++) cells[y * 100 + x] = x < 60 ? 1 : x >= 70 && x < 76 && y >= 20 && y < 26 ? 2 : 0;
  return { cell: 1, cols: 100, rows: 60, cells };
}

describe('label layout', () => {
  it('breaks long names into two lines at the space nearest the middle', () => {
    expect(splitLabel('Hà Nội', 10)).toEqual(['Hà Nội']);
    expect(splitLabel('Bà Rịa - Vũng Tàu', 10)).toEqual(['Bà Rịa -', 'Vũng Tàu']);
    expect(splitLabel('TP. Hồ Chí Minh', 9)).toEqual(['TP. Hồ', 'Chí Minh']);
    expect(wrapWords('Hoàng Sa (Paracel) Islands', 10)).toEqual(['Hoàng Sa', '(Paracel)', 'Islands']);
    expect(wrapWords('Quần đảo Hoàng Sa', 10)).toEqual(['Quần đảo', 'Hoàng Sa']);
  });

  it('puts a label on its province when it fits, and moves a label that does not fit off the land with a leader', () => {
    const requests: LabelRequest[] = [
      { key: 'big', lines: ['Big'], anchor: [30, 30], width: 20, height: 10, owner: 1 },
      { key: 'small', lines: ['Small'], anchor: [73, 23], width: 24, height: 10, owner: 2 },
    ];
    const placed = placeLabels(requests, raster(), { leaders: true, maxDistance: 40, width: 100, height: 60 });
    const big = placed.find((p) => p.key === 'big')!;
    const small = placed.find((p) => p.key === 'small')!;
    expect(big.leader).toBe(false);
    expect(big.box).toEqual({ left: 20, top: 25, right: 40, bottom: 35 });
    expect(small.leader).toBe(true);
    // off the land, not over the small province's point, inside the drawing
    for (let x = Math.ceil(small.box.left); x < small.box.right; x++) for (let y = Math.ceil(small.box.top); y < small.box.bottom; y++) expect(provinceAt(raster(), [x, y])).toBe(0);
    expect(small.box.left >= 0 && small.box.right <= 100 && small.box.top >= 0 && small.box.bottom <= 60).toBe(true);
    expect(nearestOnBox(small.box, small.anchor)).not.toEqual(small.anchor);
    // without leaders, a label that does not fit is left out
    expect(placeLabels(requests, raster(), { leaders: false, maxDistance: 40, width: 100, height: 60 }).map((p) => p.key)).toEqual(['big']);
  });

  it('uses the short form when the name does not fit, and never overlaps an obstacle', () => {
    const request: LabelRequest = { key: 'x', lines: ['A very long name'], anchor: [30, 30], width: 120, height: 10, owner: 1, short: { lines: ['AVL'], width: 18, height: 10 } };
    const [placed] = placeLabels([request], raster(), { leaders: false, maxDistance: 0, width: 100, height: 60 });
    expect(placed?.lines).toEqual(['AVL']);
    const obstacle = { left: 10, top: 20, right: 50, bottom: 40 };
    const moved = placeLabels([request], raster(), { leaders: true, maxDistance: 40, width: 100, height: 60, obstacles: [obstacle] });
    expect(moved).toHaveLength(1);
    expect(overlap(moved[0]!.box, obstacle)).toBe(false);
  });
});

describe('the drawing of the country', () => {
  it('projects the national frame, Mercator, into the size asked', () => {
    expect(nationalAspect()).toBeGreaterThan(0.85);
    expect(nationalAspect()).toBeLessThan(0.95);
    const { project, scale } = fitProjection(900, 1000, 10);
    const [x0, y0] = project([NATIONAL_EXTENT.west, NATIONAL_EXTENT.north]);
    const [x1, y1] = project([NATIONAL_EXTENT.east, NATIONAL_EXTENT.south]);
    expect(Math.min(x0, y0)).toBeGreaterThanOrEqual(10 - 1e-9);
    expect(x1).toBeLessThanOrEqual(890 + 1e-9);
    expect(y1).toBeLessThanOrEqual(990 + 1e-9);
    expect(y1 - y0).toBeCloseTo((mercatorY(NATIONAL_EXTENT.north) - mercatorY(NATIONAL_EXTENT.south)) * scale, 6);
    expect(polygonsPath([[[[0, 0], [1, 0], [1, 1], [0, 0]]]], ([lng, lat]) => [lng * 10, lat * 10])).toBe('M0,0L10,0L10,10Z');
  });

  it('draws every province with its label point inside its box, and rasterizes the land', () => {
    for (const scheme of ['legacy63', 'reform34'] as const) {
      const drawing = drawMap(boundaryShapes(scheme), 700, 780);
      expect(drawing.provinces).toHaveLength(scheme === 'legacy63' ? 63 : 34);
      for (const p of drawing.provinces) {
        expect(p.d.startsWith('M')).toBe(true);
        expect(p.anchor[0] >= p.box.left && p.anchor[0] <= p.box.right && p.anchor[1] >= p.box.top && p.anchor[1] <= p.box.bottom).toBe(true);
      }
      const painted = new Set(drawing.raster.cells);
      expect(painted.size).toBe(drawing.provinces.length + 1);
    }
  });

  it('names every province of a 1920×1080 slide at 22 px without two labels overlapping, the archipelagos too', () => {
    for (const scheme of ['legacy63', 'reform34'] as const) {
      const shapes = boundaryShapes(scheme);
      const drawing = drawMap(shapes, 700, 772, { padding: 4 });
      const names = new Map(shapes.provinces.map((p) => [p.code, { name: shortProvinceName(`Tỉnh ${p.code}`), short: PROVINCE_LABELS[scheme][p.code]! }]));
      const islands = { 'hoang-sa': archipelagoLines('hoang-sa', mapMessages.vi), 'truong-sa': archipelagoLines('truong-sa', mapMessages.vi) };
      const labels = layoutMapLabels(drawing, names, islands, { fontSize: 22, leaders: true, maxDistance: 240 });
      expect(labels.provinces).toHaveLength(shapes.provinces.length);
      expect(labels.archipelagos).toHaveLength(2);
      const boxes = [...labels.provinces.map((l) => l.box), ...labels.archipelagos.map((a) => a.box)];
      for (const [i, a] of boxes.entries()) {
        expect(a.left >= 0 && a.top >= 0 && a.right <= 700 && a.bottom <= 772).toBe(true);
        for (const b of boxes.slice(i + 1)) expect(overlap(a, b)).toBe(false);
      }
    }
  });
});
