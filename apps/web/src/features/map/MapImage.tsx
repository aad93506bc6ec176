import type { SchemeId } from '@mttq/core';
import { useLocale, useMessages } from '../../i18n/locale';
import { wrapWords } from './label-layout';
import { CLASS_COLORS, classTextColor, FIXED_CLASSES, GRID_TILE_WIDTH, gridArchipelagos, gridSize, NO_DATA_FILL, type MapClasses, type MapProvince } from './map-data';
import { fileLegend, tileLines } from './map-text';
import { mapMessages } from './messages';

const TILE = 40;
const TILE_WIDTH = TILE * GRID_TILE_WIDTH;
const GAP = 2;
const FONT = 13;
const LINE = 15;
const LEGEND_GAP = 24;
const LEGEND_WIDTH = 300;
const LEGEND_LINE = 24;
const SWATCH = 16;
const TEXT = '#1b1f24';
const STROKE = '#1b1f24';
const HATCH_ID = 'map-export-no-data';

function Lines({ lines, x, y, fill, size = FONT, weight = 700 }: { lines: readonly string[]; x: number; y: number; fill: string; size?: number; weight?: number }) {
  const top = y - ((lines.length - 1) * LINE) / 2;
  return (
    <text x={x} y={top} dy="0.35em" textAnchor="middle" fontSize={size} fontWeight={weight} fill={fill}>
      {lines.map((line, i) => (
        <tspan key={i} x={x} y={top + i * LINE}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/**
 * The tile grid, with the province names and the archipelagos, and its classed legend as one
 * plain static SVG, the source of the grid's PNG and SVG downloads. Leaflet's own SVG is offset
 * and clipped by panning and zooming, and its legend is HTML; this drawing has neither problem.
 * It is never shown: the caller keeps it off screen, hidden from screen readers (the legend and
 * the table on screen carry the same figures).
 */
export function MapImage({ scheme, provinces, classes = FIXED_CLASSES }: { scheme: SchemeId; provinces: readonly MapProvince[]; classes?: MapClasses }) {
  const { locale } = useLocale();
  const m = useMessages(mapMessages);
  const { cols, rows } = gridSize(scheme);
  const classOf = new Map(provinces.map((p) => [p.code, p.classIndex]));
  const fillOf = (index: number | null) => (index === null ? `url(#${HATCH_ID})` : (CLASS_COLORS[index] ?? NO_DATA_FILL));
  const { entries: legend, note } = fileLegend(provinces, classes, `url(#${HATCH_ID})`, m, locale);
  const gridWidth = (cols + 1) * TILE_WIDTH;
  const gridHeight = rows * TILE;
  const legendX = gridWidth + LEGEND_GAP;
  const width = legendX + LEGEND_WIDTH;
  const height = Math.max(gridHeight, LEGEND_LINE * (legend.length + note.length + 2));
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} fontFamily="system-ui, sans-serif" focusable="false">
      <defs>
        <pattern id={HATCH_ID} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="4" height="4" fill={NO_DATA_FILL} />
          <line x1="0" y1="0" x2="0" y2="4" stroke="#555e6b" strokeWidth="1.2" />
        </pattern>
      </defs>
      {provinces.map((province) =>
        province.tile ? (
          <g key={province.code}>
            <rect
              x={province.tile.col * TILE_WIDTH + GAP / 2}
              y={province.tile.row * TILE + GAP / 2}
              width={TILE_WIDTH - GAP}
              height={TILE - GAP}
              rx={2}
              fill={fillOf(province.classIndex)}
              stroke={STROKE}
              strokeWidth={0.6}
            />
            <Lines lines={tileLines(province, false)} x={province.tile.col * TILE_WIDTH + TILE_WIDTH / 2} y={province.tile.row * TILE + TILE / 2} fill={classTextColor(province.classIndex)} />
          </g>
        ) : null,
      )}
      {gridArchipelagos(scheme).map(({ id, code, col, row }) => {
        const index = classOf.get(code) ?? null;
        return (
          <g key={id}>
            <rect x={col * TILE_WIDTH + GAP / 2} y={row * TILE + GAP / 2} width={TILE_WIDTH - GAP} height={2 * TILE - GAP} rx={2} fill={fillOf(index)} stroke="#555e6b" strokeWidth={1} strokeDasharray="5 4" />
            <Lines lines={[...wrapWords(m[`archipelago_${id}`], 12), m[`archipelagoProvince_${id}`]]} x={col * TILE_WIDTH + TILE_WIDTH / 2} y={row * TILE + TILE} fill={classTextColor(index)} size={FONT - 1} weight={600} />
          </g>
        );
      })}
      <text x={legendX} y={LEGEND_LINE - 8} fontSize={13} fontWeight={700} fill={TEXT}>
        {m.legendTitle}
      </text>
      {legend.map((entry, i) => {
        const y = LEGEND_LINE * (i + 1);
        return (
          <g key={entry.text}>
            <rect x={legendX} y={y} width={SWATCH} height={SWATCH} fill={entry.fill} stroke={STROKE} strokeWidth={0.6} />
            <text x={legendX + SWATCH + 8} y={y + SWATCH / 2} dy="0.35em" fontSize={12} fill={TEXT}>
              {entry.text}
            </text>
          </g>
        );
      })}
      {note.map((text, i) => (
        <text key={text} x={legendX} y={LEGEND_LINE * (legend.length + 1) + 8 + i * 18} dy="0.35em" fontSize={12} fill={TEXT}>
          {text}
        </text>
      ))}
    </svg>
  );
}
