import type { SchemeId } from '@mttq/core';
import { useLocale, useMessages } from '../../i18n/locale';
import { CLASS_COLORS, classTextColor, countByClass, gridSize, NO_DATA_FILL, type MapProvince } from './map-data';
import { classRanges, provinceCount } from './map-text';
import { mapMessages } from './messages';

const TILE = 28;
const GAP = 2;
const LEGEND_GAP = 24;
const LEGEND_WIDTH = 300;
const LEGEND_LINE = 24;
const SWATCH = 16;
const TEXT = '#1b1f24';
const STROKE = '#1b1f24';
const HATCH_ID = 'map-export-no-data';

/**
 * The tile grid and its classed legend as one plain static SVG, the source of the map's PNG and
 * SVG downloads. Leaflet's own SVG is offset and clipped by panning and zooming, and its legend is
 * HTML; this drawing has neither problem. It is never shown: the caller keeps it off screen, hidden
 * from screen readers (the legend and the table on screen carry the same figures).
 */
export function MapImage({ scheme, provinces }: { scheme: SchemeId; provinces: readonly MapProvince[] }) {
  const { locale } = useLocale();
  const m = useMessages(mapMessages);
  const { cols, rows } = gridSize(scheme);
  const ranges = classRanges(m, locale);
  const counts = countByClass(provinces);
  const legend = [
    ...ranges.map((range, i) => ({ fill: CLASS_COLORS[i] ?? NO_DATA_FILL, text: `${range}: ${provinceCount(counts.classes[i] ?? 0, m, locale)}` })).reverse(),
    { fill: `url(#${HATCH_ID})`, text: `${m.legendNoData}: ${provinceCount(counts.noData, m, locale)}` },
  ];
  const gridWidth = cols * TILE;
  const gridHeight = rows * TILE;
  const legendX = gridWidth + LEGEND_GAP;
  const width = legendX + LEGEND_WIDTH;
  const height = Math.max(gridHeight, LEGEND_LINE * (legend.length + 1));
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
              x={province.tile.col * TILE + GAP / 2}
              y={province.tile.row * TILE + GAP / 2}
              width={TILE - GAP}
              height={TILE - GAP}
              rx={2}
              fill={province.classIndex === null ? `url(#${HATCH_ID})` : (CLASS_COLORS[province.classIndex] ?? NO_DATA_FILL)}
              stroke={STROKE}
              strokeWidth={0.6}
            />
            <text
              x={province.tile.col * TILE + TILE / 2}
              y={province.tile.row * TILE + TILE / 2}
              dy="0.35em"
              textAnchor="middle"
              fontSize={province.label.length > 3 ? 8 : 9}
              fontWeight={700}
              fill={classTextColor(province.classIndex)}
            >
              {province.label}
            </text>
          </g>
        ) : null,
      )}
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
    </svg>
  );
}
