import { useQuery } from '@tanstack/react-query';
import { SCHEME_IDS, SCHEMES } from '@mttq/core/rules';
import type { OwnerFilter, PageSort, PageStatusFilter, Platform, SchemeId } from '@mttq/core';
import { useId, useMemo, useRef, type FormEvent } from 'react';
import { viCollator } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { registryMessages } from './messages';
import { OWNER_FILTERS, PAGE_LIMITS, PAGE_SORTS, PAGE_STATUS_FILTERS, PLATFORMS } from './registry-constants';
import { DEFAULT_REGISTRY_SEARCH, type RegistryFilters as Filters, type RegistrySearch } from './registry-search';
import { provincesQuery, unitDetailQuery } from '../../api/queries';
import { MergerNoteText } from '../province/MergerNoteText';
import { DateField } from '../../components/date-field/DateField';

const isProvinceCode = (code: string) => code.length === 2;

/** The parent filter's unit when it is a district or commune, with its province, for the select and the note. */
function useParentUnit(scheme: SchemeId, parent: string | null) {
  const isSubUnit = parent !== null && !isProvinceCode(parent);
  const detail = useQuery({ ...unitDetailQuery(scheme, parent ?? ''), enabled: isSubUnit });
  if (!isSubUnit || !detail.data) return null;
  return { name: detail.data.unit.name, provinceCode: detail.data.unit.provinceCode, detail: detail.data };
}

/**
 * The registry's controls. Every change goes to the URL through `onChange` (which starts the list
 * again from its first page); the search box applies on submit, so the server is asked once per
 * search, not once per key.
 */
export function RegistryFilters({ search, answeredAsOf, onChange }: { search: RegistrySearch; answeredAsOf: string | undefined; onChange: (change: Partial<Filters>) => void }) {
  const { t } = useLocale();
  const m = useMessages(registryMessages);
  const provinces = useQuery(provincesQuery(search.scheme));
  const parentUnit = useParentUnit(search.scheme, search.parent);
  const qRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const sortedProvinces = useMemo(
    () => [...(provinces.data?.items ?? [])].sort((a, b) => viCollator.compare(a.shortName, b.shortName)),
    [provinces.data],
  );
  const provinceValue = search.parent === null ? '' : isProvinceCode(search.parent) ? search.parent : (parentUnit?.provinceCode ?? '');
  const { validFrom, validTo } = SCHEMES[search.scheme];
  const isFiltered =
    search.parent !== null || search.status !== 'all' || search.platform !== null || search.owner !== 'all' || search.q !== '' || search.sort !== 'unit' || search.asOf !== null;

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    onChange({ q: (qRef.current?.value ?? '').trim() });
  };

  return (
    <section className="registry-filters" aria-label={m.filtersLabel}>
      <form role="search" className="registry-search" onSubmit={submitSearch}>
        <label htmlFor={`${id}-q`}>{m.searchLabel}</label>
        <div className="registry-search-row">
          <input id={`${id}-q`} ref={qRef} key={search.q} type="search" name="q" defaultValue={search.q} placeholder={m.searchPlaceholder} maxLength={200} autoComplete="off" />
          <button type="submit">{m.searchButton}</button>
          {search.q && (
            <button type="button" onClick={() => onChange({ q: '' })}>
              {m.clearSearch}
            </button>
          )}
        </div>
      </form>

      <div className="filter-grid">
        <div className="field wide">
          <label htmlFor={`${id}-schemeLabel`}>{m.schemeLabel}</label>
          <select id={`${id}-schemeLabel`} value={search.scheme} onChange={(e) => onChange({ scheme: e.target.value as SchemeId })}>
            {SCHEME_IDS.map((scheme) => (
              <option key={scheme} value={scheme}>
                {t[`scheme_${scheme}`]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-asOfLabel`}>{m.asOfLabel}</label>
          <DateField
            id={`${id}-asOfLabel`}
            value={search.asOf ?? answeredAsOf ?? ''}
            min={validFrom}
            max={validTo ?? undefined}
            onChange={(asOf) => {
              if (asOf) onChange({ asOf });
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-provinceLabel`}>{m.provinceLabel}</label>
          <select id={`${id}-provinceLabel`} value={provinceValue} onChange={(e) => onChange({ parent: e.target.value || null })}>
            <option value="">{m.allProvinces}</option>
            {sortedProvinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-statusLabel`}>{m.statusLabel}</label>
          <select id={`${id}-statusLabel`} value={search.status} onChange={(e) => onChange({ status: e.target.value as PageStatusFilter })}>
            {PAGE_STATUS_FILTERS.map((status) => (
              <option key={status} value={status}>
                {m[`status_${status}`]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-platformLabel`}>{m.platformLabel}</label>
          <select id={`${id}-platformLabel`} value={search.platform ?? ''} onChange={(e) => onChange({ platform: (e.target.value || null) as Platform | null })}>
            <option value="">{m.allPlatforms}</option>
            {PLATFORMS.map((platform) => (
              <option key={platform} value={platform}>
                {m[`platform_${platform}`]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-ownerLabel`}>{m.ownerLabel}</label>
          <select id={`${id}-ownerLabel`} value={search.owner} onChange={(e) => onChange({ owner: e.target.value as OwnerFilter })}>
            {OWNER_FILTERS.map((owner) => (
              <option key={owner} value={owner}>
                {m[`owner_${owner}`]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sortLabel`}>{m.sortLabel}</label>
          <select id={`${id}-sortLabel`} value={search.sort} onChange={(e) => onChange({ sort: e.target.value as PageSort })}>
            {PAGE_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {m[`sort_${sort}`]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-limitLabel`}>{m.limitLabel}</label>
          <select id={`${id}-limitLabel`} value={search.limit} onChange={(e) => onChange({ limit: Number(e.target.value) })}>
            {PAGE_LIMITS.map((limit) => (
              <option key={limit} value={limit}>
                {limit}
              </option>
            ))}
          </select>
        </div>
      </div>

      {search.parent !== null && !isProvinceCode(search.parent) && (
        <p className="unit-filter">
          <span>{fill(m.unitFilter, { unit: parentUnit?.name ?? search.parent })}</span>{' '}
          {parentUnit && (
            <button type="button" onClick={() => onChange({ parent: parentUnit.provinceCode })}>
              {m.unitFilterClear}
            </button>
          )}{' '}
          <button type="button" onClick={() => onChange({ parent: null })}>
            {m.unitFilterClearAll}
          </button>
        </p>
      )}
      {/* a commune's place across the 2025 reform: what it was made of, or what it became */}
      {parentUnit && parentUnit.detail.unit.level === 'commune' && <MergerNoteText detail={parentUnit.detail} className="muted" />}
      {isFiltered && (
        <p>
          <button
            type="button"
            onClick={() =>
              onChange({
                asOf: null,
                parent: null,
                status: DEFAULT_REGISTRY_SEARCH.status,
                platform: null,
                owner: DEFAULT_REGISTRY_SEARCH.owner,
                q: '',
                sort: DEFAULT_REGISTRY_SEARCH.sort,
              })
            }
          >
            {m.resetFilters}
          </button>
        </p>
      )}
    </section>
  );
}
