/**
 * The boundary file (data/boundaries/vietnam-provinces.topo.json): built from its inputs, keyed by
 * our codes in both schemes, the 34 provinces dissolved without slivers, and the Hoàng Sa and
 * Trường Sa archipelagos inside Đà Nẵng and Khánh Hòa.
 */
import { describe, expect, it } from 'vitest';
import crosswalkFile from '../../../../../data/province-crosswalk.json';
import tilesFile from '../../../../../data/province-tiles.json';
import codesFile from '../../../../../data/boundaries/province-codes.json';
import sourceFile from '../../../../../data/boundaries/source/VNM-ADM1_simplified.topojson?raw';
import { buildBoundaries, pointInPolygon, type SourceTopology } from '../../../scripts/boundaries';
import { MESSAGES } from '../../i18n/messages';
import { boundaryShapes, boundaryTopology } from './boundary-shapes';
import { drawMap, type LngLat, type PolygonRings } from './geo-drawing';
import { ARCHIPELAGO_PROVINCES } from './map-data';
import { layoutMapLabels } from './map-labels';
import { archipelagoLines } from './map-text';
import { mapMessages } from './messages';

const { $comment: _crosswalkComment, ...crosswalk } = crosswalkFile as Record<string, string[] | string>;
const { $comment: _codesComment, ...codes } = codesFile as Record<string, string>;
const reformGroups = crosswalk as Record<string, string[]>;
const legacyCodes = Object.keys(tilesFile.legacy63).sort();
const reformCodes = Object.keys(tilesFile.reform34).sort();

type Geometry = { id?: string | number; type: string; arcs?: unknown; properties?: Record<string, unknown> };
const polygonsOf = (g: Geometry): number[][][] => (g.type === 'Polygon' ? [g.arcs as number[][]] : g.type === 'MultiPolygon' ? (g.arcs as number[][][]) : []);
const arcsOf = (g: Geometry) => polygonsOf(g).flat(2).map((i) => (i < 0 ? ~i : i));
const geometries = (scheme: 'legacy63' | 'reform34' | 'archipelagos') => boundaryTopology.objects[scheme].geometries as unknown as Geometry[];
const byId = (scheme: 'legacy63' | 'reform34') => new Map(geometries(scheme).map((g) => [String(g.id), g]));

/** Is the position inside any polygon of the shape (outer ring and holes)? */
const inside = (position: LngLat, polygons: readonly PolygonRings[]) => polygons.some((rings) => pointInPolygon(position as [number, number], rings as [number, number][][]));

describe('the boundary file', () => {
  it('is what the build script makes from its inputs (run apps/web/scripts/build-boundaries.ts after changing them)', () => {
    const built = buildBoundaries(JSON.parse(sourceFile) as SourceTopology, codes, reformGroups);
    expect(JSON.parse(JSON.stringify(built))).toEqual(JSON.parse(JSON.stringify(boundaryTopology)));
  });

  it('maps every one of the 63 source features to a legacy63 code, each once', () => {
    const ids = geometries('legacy63').map((g) => String(g.id));
    expect(ids).toHaveLength(63);
    expect([...ids].sort()).toEqual(legacyCodes);
    expect(Object.keys(codes).sort()).toEqual(legacyCodes);
  });

  it('has exactly 34 reform34 provinces, keyed by the reform34 codes of the crosswalk', () => {
    const ids = geometries('reform34').map((g) => String(g.id));
    expect(ids).toHaveLength(34);
    expect([...ids].sort()).toEqual(reformCodes);
    expect(Object.keys(reformGroups).sort()).toEqual(reformCodes);
  });

  it('dissolves each reform34 province from its legacy63 provinces without slivers: no border between two of them is left', () => {
    const legacy = byId('legacy63');
    const reform = byId('reform34');
    for (const [code, parts] of Object.entries(reformGroups)) {
      const uses = new Map<number, number>();
      for (const part of parts) for (const arc of arcsOf(legacy.get(part)!)) uses.set(arc, (uses.get(arc) ?? 0) + 1);
      const interior = [...uses].filter(([, n]) => n > 1).map(([arc]) => arc);
      const outline = [...uses].filter(([, n]) => n === 1).map(([arc]) => arc).sort((a, b) => a - b);
      const merged = arcsOf(reform.get(code)!);
      expect({ code, duplicated: merged.length - new Set(merged).size }).toEqual({ code, duplicated: 0 });
      expect({ code, interiorKept: interior.filter((arc) => merged.includes(arc)) }).toEqual({ code, interiorKept: [] });
      expect({ code, outline: [...merged].sort((a, b) => a - b) }).toEqual({ code, outline });
      if (parts.length > 1) expect(interior.length).toBeGreaterThan(0);
    }
  });

  it('keeps the borders between reform34 provinces: every arc of the 63 is interior to a merge or on a reform34 outline', () => {
    const all = new Set(geometries('legacy63').flatMap(arcsOf));
    const outlines = new Set(geometries('reform34').flatMap(arcsOf));
    const interior = new Set<number>();
    const legacy = byId('legacy63');
    for (const parts of Object.values(reformGroups)) {
      const uses = new Map<number, number>();
      for (const part of parts) for (const arc of arcsOf(legacy.get(part)!)) uses.set(arc, (uses.get(arc) ?? 0) + 1);
      for (const [arc, n] of uses) if (n > 1) interior.add(arc);
    }
    expect([...all].filter((arc) => !outlines.has(arc) && !interior.has(arc))).toEqual([]);
  });

  it('puts each province’s label point inside it, in both schemes', () => {
    for (const scheme of ['legacy63', 'reform34'] as const) {
      const outside = boundaryShapes(scheme).provinces.filter((p) => !inside(p.label, p.polygons)).map((p) => p.code);
      expect({ scheme, outside }).toEqual({ scheme, outside: [] });
    }
  });
});

describe('the archipelagos', () => {
  const archipelagos = geometries('archipelagos');

  it('are Hoàng Sa, part of Đà Nẵng (48), and Trường Sa, part of Khánh Hòa (56), in both schemes', () => {
    expect(archipelagos.map((a) => [a.id, a.properties])).toEqual([
      ['hoang-sa', { legacy63: '48', reform34: '48', label: expect.any(Array) }],
      ['truong-sa', { legacy63: '56', reform34: '56', label: expect.any(Array) }],
    ]);
    expect(ARCHIPELAGO_PROVINCES).toEqual({ 'hoang-sa': { legacy63: '48', reform34: '48' }, 'truong-sa': { legacy63: '56', reform34: '56' } });
    // the reform34 provinces that took in Đà Nẵng and Khánh Hòa keep their codes
    expect(reformGroups['48']).toContain('48');
    expect(reformGroups['56']).toContain('56');
  });

  it('lie where they are: Hoàng Sa about 16.5°N 112°E, Trường Sa between 7°N and 12°N east of 110°E', () => {
    const box = (id: string) => {
      const positions = boundaryShapes('legacy63').archipelagos.find((a) => a.id === id)!.polygons.flatMap((rings) => rings[0] ?? []);
      return [Math.min(...positions.map((p) => p[0])), Math.min(...positions.map((p) => p[1])), Math.max(...positions.map((p) => p[0])), Math.max(...positions.map((p) => p[1]))];
    };
    const [w1, s1, e1, n1] = box('hoang-sa');
    expect([w1! > 111, s1! > 15.5, e1! < 113, n1! < 17.5]).toEqual([true, true, true, true]);
    const [w2, s2, e2, n2] = box('truong-sa');
    expect([w2! > 110, s2! > 6.5, e2! < 117.5, n2! < 12.5]).toEqual([true, true, true, true]);
    const counts = boundaryShapes('legacy63').archipelagos.map((a) => a.polygons.length);
    expect(counts[0]).toBeGreaterThanOrEqual(15);
    expect(counts[1]).toBeGreaterThanOrEqual(100);
  });

  it('fall inside Đà Nẵng’s and Khánh Hòa’s features in both schemes: every island is one of the province’s polygons', () => {
    for (const scheme of ['legacy63', 'reform34'] as const) {
      const provinces = byId(scheme);
      for (const archipelago of archipelagos) {
        const code = String(archipelago.properties![scheme]);
        const own = new Set(polygonsOf(provinces.get(code)!).map((polygon) => JSON.stringify(polygon[0])));
        const islands = polygonsOf(archipelago);
        expect({ scheme, id: archipelago.id, missing: islands.filter((polygon) => !own.has(JSON.stringify(polygon[0]))).length }).toEqual({ scheme, id: archipelago.id, missing: 0 });
        // and no other province holds them
        for (const [other, geometry] of provinces) {
          if (other === code) continue;
          const theirs = new Set(polygonsOf(geometry).map((polygon) => JSON.stringify(polygon[0])));
          expect(islands.some((polygon) => theirs.has(JSON.stringify(polygon[0])))).toBe(false);
        }
      }
    }
  });

  it('have islands whose points are inside the province’s shape, and their label anchor inside their box', () => {
    for (const scheme of ['legacy63', 'reform34'] as const) {
      const shapes = boundaryShapes(scheme);
      for (const archipelago of shapes.archipelagos) {
        const province = shapes.provinces.find((p) => p.code === archipelago.province[scheme])!;
        const firstPoints = archipelago.polygons.map((rings) => rings[0]![0]!);
        expect(firstPoints.every((point) => province.polygons.some((rings) => rings[0]!.some((q) => q[0] === point[0] && q[1] === point[1])))).toBe(true);
        const positions = archipelago.polygons.flatMap((rings) => rings[0] ?? []);
        const [x, y] = archipelago.label;
        expect(x).toBeGreaterThanOrEqual(Math.min(...positions.map((p) => p[0])));
        expect(x).toBeLessThanOrEqual(Math.max(...positions.map((p) => p[0])));
        expect(y).toBeGreaterThanOrEqual(Math.min(...positions.map((p) => p[1])));
        expect(y).toBeLessThanOrEqual(Math.max(...positions.map((p) => p[1])));
      }
    }
  });

  it('are labelled with their province, above their islands, in both languages', () => {
    expect(archipelagoLines('hoang-sa', mapMessages.vi)).toEqual(['Quần đảo Hoàng Sa', '(Đà Nẵng)']);
    expect(archipelagoLines('truong-sa', mapMessages.vi)).toEqual(['Quần đảo Trường Sa', '(Khánh Hòa)']);
    expect(archipelagoLines('hoang-sa', mapMessages.en)).toEqual(['Hoàng Sa (Paracel) Islands', '(Đà Nẵng)']);
    expect(archipelagoLines('truong-sa', mapMessages.en)).toEqual(['Trường Sa (Spratly) Islands', '(Khánh Hòa)']);
    expect(MESSAGES.vi.nav_map).toBe('Bản đồ');
    const drawing = drawMap(boundaryShapes('reform34'), 700, 780);
    const labels = layoutMapLabels(drawing, new Map(), { 'hoang-sa': archipelagoLines('hoang-sa', mapMessages.vi), 'truong-sa': archipelagoLines('truong-sa', mapMessages.vi) }, { fontSize: 22, leaders: true, maxDistance: 200 });
    expect(labels.archipelagos.map((a) => a.id)).toEqual(['hoang-sa', 'truong-sa']);
    for (const label of labels.archipelagos) {
      const islands = drawing.archipelagos.find((a) => a.id === label.id)!.box;
      expect(label.box.bottom).toBeLessThanOrEqual(islands.top);
      expect(label.box.left).toBeLessThan(islands.right);
      expect(label.box.right).toBeGreaterThan(islands.left);
      expect(label.box.left).toBeGreaterThanOrEqual(0);
      expect(label.box.right).toBeLessThanOrEqual(700);
    }
  });
});
