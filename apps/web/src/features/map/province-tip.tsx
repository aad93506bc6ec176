/** The tooltip's content and the no-data hatch, shared by every map (no Leaflet here). */
import type { SchemeId } from '@mttq/core';
import { useLocale, useMessages } from '../../i18n/locale';
import { NO_DATA_FILL, NO_DATA_PATTERN_ID, type MapProvince, type Measure } from './map-data';
import { tipLines } from './map-text';
import { mapMessages } from './messages';

/** The tooltip's content: the province, every measure of the scheme, the chosen one marked. */
export function ProvinceTip({ province, scheme, measure }: { province: MapProvince; scheme: SchemeId; measure: Measure }) {
  const { t, locale } = useLocale();
  const m = useMessages(mapMessages);
  const lines = tipLines(province, scheme, m, t, locale);
  return (
    <div className="map-tip-body">
      <strong className="map-tip-name">{province.name}</strong>
      <dl>
        {lines.map((line) => (
          <div key={line.measure} className={[line.measure === measure ? 'is-current' : '', line.short ? 'is-short' : ''].join(' ').trim() || undefined}>
            <dt>{line.label}</dt>
            <dd>{line.text}</dd>
          </div>
        ))}
      </dl>
      <span className="map-tip-open">{m.tipOpen}</span>
    </div>
  );
}

/** The hatch that fills "no data" shapes and legend swatches; referenced as url(#NO_DATA_PATTERN_ID). */
export function NoDataPattern() {
  return (
    <svg className="map-defs" width="0" height="0" aria-hidden="true" focusable="false">
      <defs>
        <pattern id={NO_DATA_PATTERN_ID} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill={NO_DATA_FILL} />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#555e6b" strokeWidth="1.5" />
        </pattern>
      </defs>
    </svg>
  );
}
