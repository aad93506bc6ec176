import type { SchemeId } from '@mttq/core';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { formatNumber } from '../../i18n/format';
import { BUBBLE_MAX_RADIUS, bubbleKeySizes, bubbleRadius, CLASS_COLORS, countByClass, FIXED_CLASSES, type MapClasses, type MapMode, type MapProvince } from './map-data';
import { classesNote, classRanges, provinceCount } from './map-text';
import { mapMessages } from './messages';

/**
 * The classed legend: one entry per class with its explicit range and how many provinces are in
 * it, darkest first, and a separate entry for no data; when the classes follow the shown figures,
 * a note says over which range. In bubble mode, a key to circle sizes. `provinces` null: the
 * figures are still loading, so the counts are left blank (same height).
 */
export function MapLegend({
  title,
  scheme,
  mode,
  provinces,
  classes = FIXED_CLASSES,
}: {
  title: string;
  scheme: SchemeId;
  mode: MapMode;
  provinces: readonly MapProvince[] | null;
  classes?: MapClasses;
}) {
  const { t, locale } = useLocale();
  const m = useMessages(mapMessages);
  const ranges = classRanges(m, locale, classes);
  const counts = provinces ? countByClass(provinces) : null;
  const entries = classes.classes.map(({ color }, i) => ({ key: `class-${i}`, color: CLASS_COLORS[color], range: ranges[i], count: counts?.classes[color] })).reverse();
  const note = provinces ? classesNote(classes, m, locale) : null;
  const maxCommunes = provinces ? Math.max(0, ...provinces.map((p) => p.communes)) : 0;
  const sizes = bubbleKeySizes(maxCommunes);
  return (
    <section className="map-legend" aria-labelledby="map-legend-title">
      <h3 id="map-legend-title">{title}</h3>
      <ul>
        {entries.map((entry) => (
          <li key={entry.key}>
            <span className="map-swatch" style={{ background: entry.color }} aria-hidden="true" />
            <span>{entry.range}</span>
            <span className="map-legend-count">{entry.count === undefined ? '' : provinceCount(entry.count, m, locale)}</span>
          </li>
        ))}
        <li>
          <span className="map-swatch map-swatch-no-data" aria-hidden="true" />
          <span>{m.legendNoData}</span>
          <span className="map-legend-count">{counts ? provinceCount(counts.noData, m, locale) : ''}</span>
        </li>
      </ul>
      {note && <p className="map-classes-note">{note}</p>}
      {mode === 'bubbles' && sizes.length > 0 && (
        <div className="map-bubble-key">
          <h4>{m.bubbleKeyTitle}</h4>
          <ul>
            {sizes.map((size) => {
              const r = bubbleRadius(size, maxCommunes);
              return (
                <li key={size}>
                  <svg width={BUBBLE_MAX_RADIUS * 2 + 2} height={r * 2 + 2} aria-hidden="true" focusable="false">
                    <circle cx={BUBBLE_MAX_RADIUS + 1} cy={r + 1} r={r} fill="none" stroke="#1b1f24" />
                  </svg>
                  <span>{fill(m.bubbleKeyItem, { count: formatNumber(size, locale), units: t[`units_commune_${scheme}`] })}</span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
