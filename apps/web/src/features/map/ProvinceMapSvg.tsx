/**
 * One drawing of the province boundary map as SVG, the same on the map screen, the time-lapse, the
 * slides and the downloaded files: provinces filled by class, the archipelagos outlined in a
 * dashed frame with their names, the province names with halos and leader lines. Styles are
 * attributes, not CSS, so a copy of the SVG (chart-image.ts) looks the same outside the page.
 */
import { memo, type ReactNode, type SVGProps } from 'react';
import type { MapDrawing } from './geo-drawing';
import { nearestOnBox } from './label-layout';
import { NO_DATA_FILL } from './map-data';
import type { MapLabels } from './map-labels';

const INK = '#1b1f24';
const BORDER = '#4d5664';
const HALO = '#ffffff';

export interface ProvinceMapSvgProps {
  drawing: MapDrawing;
  labels: MapLabels | null;
  /** A province's fill: a class colour, or url(#hatchId) for no data. */
  fillOf: (code: string) => string;
  /** The id of the no-data hatch this drawing defines (unique on the page). */
  hatchId: string;
  /** Extra attributes and handlers of a province's path (the screen's links). */
  shapeProps?: (code: string) => SVGProps<SVGPathElement>;
  /** Drawn over the provinces: the focused or pointed-at one. */
  highlight?: string | null;
  /** The SVG element's own attributes. */
  svgProps?: SVGProps<SVGSVGElement>;
  /** Extra SVG after the map (a legend in a file). */
  children?: ReactNode;
  /** Where the map itself sits inside a larger SVG (files): default 0, 0. */
  x?: number;
  y?: number;
  /** The whole SVG's size when larger than the map (files). */
  width?: number;
  height?: number;
}

/** The hatch of "no data", as on the tile grid. */
export function HatchPattern({ id }: { id: string }) {
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" fill={NO_DATA_FILL} />
      <line x1="0" y1="0" x2="0" y2="6" stroke="#555e6b" strokeWidth="1.5" />
    </pattern>
  );
}

function LabelText({ lines, x, y, fontSize, lineHeight, weight = 700, fill = INK }: { lines: readonly string[]; x: number; y: number; fontSize: number; lineHeight: number; weight?: number; fill?: string }) {
  const top = y - ((lines.length - 1) * lineHeight) / 2;
  return (
    <text
      x={x}
      y={top}
      fontSize={fontSize}
      fontWeight={weight}
      fill={fill}
      stroke={HALO}
      strokeWidth={Math.max(3, fontSize * 0.22)}
      strokeLinejoin="round"
      paintOrder="stroke"
      textAnchor="middle"
      dominantBaseline="central"
      fontFamily="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
    >
      {lines.map((line, i) => (
        <tspan key={i} x={x} y={top + i * lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

export const ProvinceMapSvg = memo(function ProvinceMapSvg({ drawing, labels, fillOf, hatchId, shapeProps, highlight, svgProps, children, x = 0, y = 0, width, height }: ProvinceMapSvgProps) {
  const borderWidth = Math.max(0.5, Math.min(1.2, drawing.scale / 50));
  const focused = highlight ? drawing.provinces.find((p) => p.code === highlight) : undefined;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={width ?? drawing.width}
      height={height ?? drawing.height}
      viewBox={`0 0 ${width ?? drawing.width} ${height ?? drawing.height}`}
      {...svgProps}
    >
      <defs>
        <HatchPattern id={hatchId} />
      </defs>
      <g transform={x || y ? `translate(${x} ${y})` : undefined}>
        <g className="province-shapes">
          {drawing.provinces.map((province) => (
            <path key={province.code} d={province.d} fill={fillOf(province.code)} stroke={BORDER} strokeWidth={borderWidth} strokeLinejoin="round" data-code={province.code} {...shapeProps?.(province.code)} />
          ))}
        </g>
        {drawing.archipelagos.map((archipelago) => (
          // the islands again, outlined, so reefs smaller than a pixel show as dots
          <path key={archipelago.id} d={archipelago.d} fill={fillOf(archipelago.province[drawing.scheme])} stroke={INK} strokeWidth={1.2} strokeLinejoin="round" pointerEvents="none" />
        ))}
        {focused && <path d={focused.d} fill="none" stroke={INK} strokeWidth={3} strokeLinejoin="round" pointerEvents="none" />}
        {labels && (
          <g pointerEvents="none">
            {labels.archipelagos.map((a) => {
              const cx = (a.box.left + a.box.right) / 2;
              return (
                <g key={a.id} className="map-archipelago">
                  <rect x={a.frame.left} y={a.frame.top} width={a.frame.right - a.frame.left} height={a.frame.bottom - a.frame.top} rx={8} fill="none" stroke="#555e6b" strokeWidth={1.2} strokeDasharray="6 4" />
                  <LabelText lines={a.lines} x={cx} y={(a.box.top + a.box.bottom) / 2} fontSize={labels.fontSize} lineHeight={labels.lineHeight} weight={600} fill="#0b3d6e" />
                </g>
              );
            })}
            {labels.provinces.map((label) => {
              const end = nearestOnBox(label.box, label.anchor);
              return (
                <g key={label.key} className="map-province-label" data-code={label.key}>
                  {label.leader && (
                    <>
                      <line x1={label.anchor[0]} y1={label.anchor[1]} x2={end[0]} y2={end[1]} stroke={INK} strokeWidth={Math.max(1, labels.fontSize / 16)} />
                      <circle cx={label.anchor[0]} cy={label.anchor[1]} r={Math.max(2, labels.fontSize / 8)} fill={INK} stroke={HALO} strokeWidth={1} />
                    </>
                  )}
                  <LabelText lines={label.lines} x={(label.box.left + label.box.right) / 2} y={(label.box.top + label.box.bottom) / 2} fontSize={labels.fontSize} lineHeight={labels.lineHeight} />
                </g>
              );
            })}
          </g>
        )}
      </g>
      {children}
    </svg>
  );
});
