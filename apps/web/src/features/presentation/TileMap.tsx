import type { SchemeId } from '@mttq/core';
import { useId } from 'react';
import tilesFile from '../../../../../data/province-tiles.json';
import { CLASS_COLORS, classTextColor, NO_DATA_FILL } from '../map/map-data';
import { PROVINCE_LABELS } from '../map/province-labels';
import type { MapTile } from './briefing';

const TILE_STROKE = '#1b1f24';

const LAYOUT: Record<SchemeId, Record<string, { col: number; row: number }>> = tilesFile;

/** The map screen's colour of a class (the same on every screen): bucketColor(null) → the no-data white (drawn hatched). */
export function bucketColor(bucket: number | null): string {
  return bucket === null ? NO_DATA_FILL : (CLASS_COLORS[bucket] ?? NO_DATA_FILL);
}

/**
 * The equal-area tile grid of provinces (data/province-tiles.json) with the map screen's colours
 * and short labels, drawn as a plain static SVG rather than the map screen's Leaflet grid: a slide
 * is scaled as a whole, hidden when not shown and printed, which an interactive Leaflet map does
 * not survive. Hidden from screen readers: the legend beside it and the table carry the figures.
 */
export function TileMap({ scheme, tiles, height }: { scheme: SchemeId; tiles: readonly MapTile[]; height: number }) {
  const layout = LAYOUT[scheme];
  const cells = Object.values(layout);
  const cols = Math.max(...cells.map((c) => c.col)) + 1;
  const rows = Math.max(...cells.map((c) => c.row)) + 1;
  const size = 10;
  const gap = 1;
  const width = (height * cols) / rows;
  const patternId = `${useId()}-no-data`;
  const byCode = new Map(tiles.map((tile) => [tile.code, tile]));
  return (
    <svg className="tile-map" width={width} height={height} viewBox={`0 0 ${cols * size} ${rows * size}`} aria-hidden="true" focusable="false">
      <defs>
        <pattern id={patternId} width="3" height="3" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="3" height="3" fill={NO_DATA_FILL} />
          <line x1="0" y1="0" x2="0" y2="3" stroke="#555e6b" strokeWidth="1" />
        </pattern>
      </defs>
      {Object.entries(layout).map(([code, { col, row }]) => {
        const tile = byCode.get(code);
        const bucket = tile?.bucket ?? null;
        const label = PROVINCE_LABELS[scheme][code];
        return (
          <g key={code}>
            <rect
              x={col * size + gap / 2}
              y={row * size + gap / 2}
              width={size - gap}
              height={size - gap}
              rx={1}
              fill={bucket === null ? `url(#${patternId})` : bucketColor(bucket)}
              stroke={TILE_STROKE}
              strokeWidth={0.3}
            />
            {label && (
              <text x={col * size + size / 2} y={row * size + size / 2} dy="0.35em" textAnchor="middle" fontSize={3.6} fontWeight={700} fill={classTextColor(bucket)}>
                {label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
