import type { PageListResponse } from '@mttq/core';
import { formatNumber } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { registryMessages } from './messages';

/** From this many provinces on, the registry suggests the province filter. */
export const MANY_PROVINCES = 3;

/**
 * What a search matched besides page names: the places it names (their pages are listed too),
 * and a nudge towards the province filter when the matches are spread over many provinces.
 */
export function SearchNotes({ search, isProvinceChosen }: { search: NonNullable<PageListResponse['search']>; isProvinceChosen: boolean }) {
  const { locale } = useLocale();
  const m = useMessages(registryMessages);
  const hasMany = !isProvinceChosen && search.provinces >= MANY_PROVINCES;
  if (search.places.length === 0 && !hasMany) return null;
  return (
    <div className="registry-search-notes" role="note">
      {search.places.length > 0 && <p>{fill(m.searchPlaces, { places: search.places.map((place) => place.name).join(', ') })}</p>}
      {hasMany && <p>{fill(m.searchManyProvinces, { count: formatNumber(search.provinces, locale) })}</p>}
    </div>
  );
}
