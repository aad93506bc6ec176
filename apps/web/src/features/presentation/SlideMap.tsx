/**
 * The map slide's map: the provinces within their boundaries, coloured by class, every province
 * named at a size a conference hall can read (names moved off the land with a leader line where
 * they do not fit, abbreviations where even that fails), and the Hoàng Sa and Trường Sa
 * archipelagos named with their province. A plain static SVG, since a slide is scaled as a whole,
 * hidden when not shown and printed. Hidden from screen readers: the legend beside it and the
 * table carry the figures.
 */
import type { SchemeId } from '@mttq/core';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { useMessages } from '../../i18n/locale';
import { PRINT_LABELS, useProvinceDrawing } from '../map/ChoroplethMap';
import { NATIONAL_EXTENT } from '../map/geo-drawing';
import { CLASS_COLORS, NO_DATA_FILL } from '../map/map-data';
import { boundaryCredit } from '../map/map-text';
import { mapMessages } from '../map/messages';
import { PROVINCE_LABELS } from '../map/province-labels';
import { boundaryShapesQuery } from '../map/queries';
import { ProvinceMapSvg } from '../map/ProvinceMapSvg';
import type { MapTile } from './briefing';
import './slide-map.css';

/** Slide pixels: every name on the map is at least this big at 1920×1080. */
export const SLIDE_MAP_FONT = 22;

export function SlideMap({ scheme, tiles, width, height }: { scheme: SchemeId; tiles: readonly MapTile[]; width: number; height: number }) {
  const m = useMessages(mapMessages);
  const hatchId = `${useId()}-slide-hatch`;
  const shapes = useQuery(boundaryShapesQuery(scheme));
  const size = useMemo(() => ({ width, height }), [width, height]);
  const provinces = useMemo(() => tiles.map((tile) => ({ code: tile.code, name: tile.name, label: PROVINCE_LABELS[scheme][tile.code] ?? tile.code })), [tiles, scheme]);
  const drawn = useProvinceDrawing(shapes.data, size, provinces, PRINT_LABELS(SLIDE_MAP_FONT), 4);
  const fillOf = useMemo(() => {
    const buckets = new Map(tiles.map((tile) => [tile.code, tile.bucket]));
    return (code: string) => {
      const bucket = buckets.get(code) ?? null;
      return bucket === null ? `url(#${hatchId})` : (CLASS_COLORS[bucket] ?? NO_DATA_FILL);
    };
  }, [tiles, hatchId]);
  if (!drawn) {
    return (
      <div className="slide-map slide-map-loading" style={{ width, height }}>
        <p>{shapes.error ? shapes.error.message : m.loadingBoundaries}</p>
      </div>
    );
  }
  return (
    <div className="slide-map" style={{ width, height }} data-extent={`${NATIONAL_EXTENT.west},${NATIONAL_EXTENT.south},${NATIONAL_EXTENT.east},${NATIONAL_EXTENT.north}`}>
      <ProvinceMapSvg drawing={drawn.drawing} labels={drawn.labels} fillOf={fillOf} hatchId={hatchId} svgProps={{ 'aria-hidden': true, focusable: 'false' }} />
    </div>
  );
}

/** The boundary data's credit, under the map slide's legend. */
export function SlideMapCredit({ scheme }: { scheme: SchemeId }) {
  const m = useMessages(mapMessages);
  return <p className="map-credit">{boundaryCredit(scheme, m)}</p>;
}
