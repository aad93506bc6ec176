import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef } from 'react';
import { useLocation } from 'react-router';
import { ApiError } from '../../api/client';
import { DemoBanner } from '../../components/DemoBanner';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { PanelError } from '../../components/PanelError';
import { formatDate, formatNumber } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { registryMessages } from './messages';
import { PageDetailDialog } from './PageDetailDialog';
import { pageListQuery } from './queries';
import { RegistryFilters } from './RegistryFilters';
import {
  exportPagesHref,
  pageRange,
  parseRegistrySearch,
  readRegistryHistory,
  serializeRegistrySearch,
  withFilters,
  type RegistryFilters as Filters,
  type RegistryHistory,
  type RegistrySearch,
} from './registry-search';
import { useLiveSearchParams } from '../province/use-live-search-params';
import { RegistryTable } from './RegistryTable';
import { SearchNotes } from './SearchNotes';
import { AsOfOutsideNote } from '../../components/date-field/AsOfOutsideNote';
import './registry.css';
import { provincesQuery, unitDetailQuery } from '../../api/queries';

/** The registry's state from the URL, and navigations that write it (with the Previous stack in the history entry). */
function useRegistrySearch() {
  const [params, setParams] = useLiveSearchParams();
  const location = useLocation();
  const search = useMemo(() => parseRegistrySearch(params), [params]);
  const history = readRegistryHistory(location.state);
  // an updater on the URL as it is now, so quick successive changes build on each other
  const go = useCallback(
    (update: (search: RegistrySearch) => RegistrySearch, state: RegistryHistory | null, options: { replace?: boolean } = {}) =>
      setParams((current) => serializeRegistrySearch(update(parseRegistrySearch(current))), { state, replace: options.replace ?? false }),
    [setParams],
  );
  return { search, history, go };
}

/** The name of the place the list (and the export) covers: a province, a district or commune, or the country. */
function usePlaceName(search: RegistrySearch): string | null {
  const provinces = useQuery(provincesQuery(search.scheme));
  const isSubUnit = search.parent !== null && search.parent.length > 2;
  const unit = useQuery({ ...unitDetailQuery(search.scheme, search.parent ?? ''), enabled: isSubUnit });
  if (search.parent === null) return null;
  if (isSubUnit) return unit.data?.unit.name ?? search.parent;
  return provinces.data?.items.find((p) => p.code === search.parent)?.name ?? search.parent;
}

/** Every province's short name by code, for the list's province column. */
function useProvinceNames(scheme: RegistrySearch['scheme']): Map<string, string> {
  const provinces = useQuery(provincesQuery(scheme));
  return useMemo(() => new Map((provinces.data?.items ?? []).map((p) => [p.code, p.shortName])), [provinces.data]);
}

/** `value` once `isSettled`; meanwhile the value it had when last settled. */
function useSettledValue<T>(value: T, isSettled: boolean): T {
  const settled = useRef(value);
  if (isSettled) settled.current = value;
  return settled.current;
}

/** `/pages`: the registry of pages with search, filters, cursor paging, export and each page's details. */
export function RegistryPage() {
  return (
    <div className="registry-page">
      <RegistryScreen />
    </div>
  );
}

function RegistryScreen() {
  const { t, locale } = useLocale();
  const m = useMessages(registryMessages);
  const { search, history, go } = useRegistrySearch();
  const list = useQuery(pageListQuery(search));
  const placeName = usePlaceName(search);
  const provinceNames = useProvinceNames(search.scheme);
  const { data, error } = list;

  const changeFilters = useCallback((change: Partial<Filters>) => go((s) => withFilters(s, change), null), [go]);
  const detailsHref = useCallback((id: number) => `?${serializeRegistrySearch({ ...search, id }).toString()}`, [search]);
  const closeDetails = useCallback(() => go((s) => ({ ...s, id: null }), history, { replace: true }), [go, history]);

  // how many pages come before these: known when we paged here, unknown from a copied link with a cursor
  const requestedOffset = search.cursor === null ? 0 : history ? history.previous.length * search.limit : null;
  // while the next items load, the previous ones stay on screen (dimmed) with their own range
  const offset = useSettledValue(requestedOffset, data !== undefined && !list.isPlaceholderData);
  const answeredAsOf = data?.asOf ?? search.asOf ?? null;

  // a 401 sends the user to /sign-in (main.tsx); render nothing meanwhile
  if (error instanceof ApiError && error.isUnauthorized) return null;

  return (
    <>
      <h1>{m.title}</h1>
      <p className="muted">{m.lead}</p>
      <RegistryFilters search={search} answeredAsOf={data?.asOf} onChange={changeFilters} />
      <AsOfOutsideNote parsedAsOf={search.asOf} answeredAsOf={data?.asOf} />
      <DemoBanner demo={data?.demo} />

      <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
        <section className="registry-results" aria-labelledby="registry-count">
          {error && !data && <PanelError error={error} retry={() => void list.refetch()} />}
          {!data && !error && (
            <p id="registry-count" className="registry-loading" aria-live="polite">
              {t.loading}
            </p>
          )}
          {data && (
            <div aria-busy={list.isPlaceholderData} className={list.isPlaceholderData ? 'stale' : undefined}>
              <p id="registry-count" className="registry-count" aria-live="polite">
                {(() => {
                  const total = formatNumber(data.total, locale);
                  if (data.total === 0) return fill(m.total, { total });
                  const range = offset === null ? null : pageRange(offset, data.items.length, data.total);
                  return range
                    ? fill(m.range, { first: formatNumber(range.first, locale), last: formatNumber(range.last, locale), total })
                    : fill(m.rangeUnknown, { count: formatNumber(data.items.length, locale), total });
                })()}
              </p>
              {data.search && <SearchNotes search={data.search} isProvinceChosen={search.parent !== null} />}
              {data.items.length === 0 ? (
                <div className="panel empty">
                  <p>
                    <strong>{m.empty}</strong>
                  </p>
                  <p className="muted">{m.emptyHint}</p>
                </div>
              ) : (
                <RegistryTable items={data.items} asOf={data.asOf} sort={search.sort} provinceNames={provinceNames} detailsHref={detailsHref} linkState={history} />
              )}
              <nav className="pager" aria-label={m.paginationLabel}>
                {search.cursor !== null && history && (
                  <button
                    type="button"
                    disabled={list.isPlaceholderData}
                    onClick={() => {
                      const previous = history.previous.slice(0, -1);
                      const cursor = history.previous.at(-1) || null;
                      go((s) => ({ ...s, cursor, id: null }), { previous });
                    }}
                  >
                    ← {m.previous}
                  </button>
                )}
                {search.cursor !== null && !history && (
                  <button type="button" disabled={list.isPlaceholderData} onClick={() => go((s) => ({ ...s, cursor: null, id: null }), null)}>
                    ↞ {m.firstPage}
                  </button>
                )}
                {data.nextCursor && (
                  <button
                    type="button"
                    disabled={list.isPlaceholderData}
                    onClick={() => go((s) => ({ ...s, cursor: data.nextCursor, id: null }), { previous: [...(history?.previous ?? []), search.cursor ?? ''] })}
                  >
                    {m.next} →
                  </button>
                )}
              </nav>
            </div>
          )}
        </section>
      </ErrorBoundary>

      <section className="panel export" aria-labelledby="export-title">
        <h2 id="export-title">{m.exportTitle}</h2>
        <p>
          {fill(m.exportScope, {
            place: placeName ?? m.wholeCountry,
            date: answeredAsOf ? formatDate(answeredAsOf, locale) : '…',
          })}
        </p>
        <p className="export-links">
          <a className="button-link" href={exportPagesHref(search, answeredAsOf, 'csv', locale)} download>
            {m.exportCsv}
          </a>
          <a className="button-link" href={exportPagesHref(search, answeredAsOf, 'xlsx', locale)} download>
            {m.exportXlsx}
          </a>
        </p>
      </section>

      <PageDetailDialog id={search.id} onClose={closeDetails} />
    </>
  );
}
