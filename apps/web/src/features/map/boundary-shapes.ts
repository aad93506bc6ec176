/**
 * The province boundaries (data/boundaries/vietnam-provinces.topo.json, built by
 * apps/web/scripts/build-boundaries.ts from geoBoundaries, CC BY-SA 4.0) as positions per scheme.
 * Loaded only with a map that draws them: import it with import() (use-boundary-shapes.ts), never
 * statically, so neither the data nor topojson-client reaches another screen.
 */
import type { SchemeId } from '@mttq/core';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import boundaryFile from '../../../../../data/boundaries/vietnam-provinces.topo.json';
import type { ArchipelagoId, BoundaryShapes, LngLat, PolygonRings } from './geo-drawing';

interface ShapeProperties {
  label: [number, number];
  legacy63?: string;
  reform34?: string;
}

type BoundaryTopology = Topology<{
  legacy63: GeometryCollection<ShapeProperties>;
  reform34: GeometryCollection<ShapeProperties>;
  archipelagos: GeometryCollection<ShapeProperties>;
}>;

const topology = boundaryFile as unknown as BoundaryTopology;

type Shape = Feature<Polygon | MultiPolygon, ShapeProperties>;

function featuresOf(object: GeometryCollection<ShapeProperties>): Shape[] {
  return (feature(topology, object) as unknown as { features: Shape[] }).features;
}

const polygonsOf = (shape: Shape): PolygonRings[] =>
  (shape.geometry.type === 'Polygon' ? [shape.geometry.coordinates] : shape.geometry.coordinates) as unknown as PolygonRings[];

const cache = new Map<SchemeId, BoundaryShapes>();

/** The scheme's provinces (keyed by GSO code) and the two archipelagos, decoded once per scheme. */
export function boundaryShapes(scheme: SchemeId): BoundaryShapes {
  const cached = cache.get(scheme);
  if (cached) return cached;
  const provinces = featuresOf(topology.objects[scheme]).map((shape) => ({
    code: String(shape.id),
    polygons: polygonsOf(shape),
    label: shape.properties.label as LngLat,
  }));
  const archipelagos = featuresOf(topology.objects.archipelagos).map((shape) => ({
    id: String(shape.id) as ArchipelagoId,
    province: { legacy63: shape.properties.legacy63 ?? '', reform34: shape.properties.reform34 ?? '' },
    polygons: polygonsOf(shape),
    label: shape.properties.label as LngLat,
  }));
  const shapes: BoundaryShapes = { scheme, provinces, archipelagos };
  cache.set(scheme, shapes);
  return shapes;
}

/** The topology itself, for the tests. */
export const boundaryTopology = topology;
