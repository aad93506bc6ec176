import { isWithinScheme, SCHEME_IDS, SCHEMES } from '@mttq/core/rules';
import type { SchemeId } from '@mttq/core';
import { useId } from 'react';
import { formatDate } from '../i18n/format';
import { useLocale } from '../i18n/locale';
import { fill } from '../i18n/messages';
import { withScheme } from '../url/dashboard-search';
import { useDashboardSearch } from '../url/use-dashboard-search';
import { todayIso } from '../url/today';
import { AsOfOutsideNote } from './date-field/AsOfOutsideNote';
import { DateField } from './date-field/DateField';

/**
 * The scheme switch and the as-of date picker, both written to the URL. `asOf` is the date the
 * server answered for, shown when the URL leaves it to the server's default; when that default is
 * not today (legacy63 ended on 30/06/2025) a note says so rather than moving the date silently.
 */
export function ViewControls({ asOf }: { asOf: string | undefined }) {
  const { t, locale } = useLocale();
  const id = useId();
  const [search, setSearch] = useDashboardSearch();
  const { validFrom, validTo } = SCHEMES[search.scheme];
  const today = todayIso();
  const isClamped = search.asOf === null && asOf !== undefined && asOf !== today && !isWithinScheme(search.scheme, today);
  const range = validTo
    ? fill(t.asOfRange, { from: formatDate(validFrom, locale), to: formatDate(validTo, locale) })
    : fill(t.asOfRangeOpen, { from: formatDate(validFrom, locale) });
  return (
    <div className="controls">
      <fieldset className="scheme-switch">
        <legend>{t.schemeLabel}</legend>
        {SCHEME_IDS.map((scheme: SchemeId) => (
          <label key={scheme} className={scheme === search.scheme ? 'selected' : undefined}>
            <input type="radio" name="scheme" value={scheme} checked={scheme === search.scheme} onChange={() => setSearch((s) => withScheme(s, scheme))} />
            {t[`scheme_${scheme}`]}
          </label>
        ))}
      </fieldset>
      <div className="as-of">
        <label htmlFor={`${id}-as-of`}>{t.asOfLabel}</label>
        <DateField
          id={`${id}-as-of`}
          min={validFrom}
          max={validTo ?? undefined}
          value={search.asOf ?? asOf ?? ''}
          aria-describedby={`${id}-as-of-range`}
          onChange={(value) => {
            if (value) setSearch((s) => ({ ...s, asOf: value }));
          }}
        />
        <small id={`${id}-as-of-range`}>{range}</small>
      </div>
      <AsOfOutsideNote parsedAsOf={search.asOf} answeredAsOf={asOf} />
      {isClamped && (
        <p className="as-of-clamped" role="note">
          {fill(t.asOfClamped, { date: formatDate(asOf, locale), today: formatDate(today, locale) })}
        </p>
      )}
    </div>
  );
}
