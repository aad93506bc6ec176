import { CLASS_COLORS, NO_DATA_FILL } from '../map/map-data';

/** The map screen's colour of a class (the same on every screen): bucketColor(null) → the no-data white (drawn hatched). */
export function bucketColor(bucket: number | null): string {
  return bucket === null ? NO_DATA_FILL : (CLASS_COLORS[bucket] ?? NO_DATA_FILL);
}
