import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseDashboardSearch, serializeDashboardSearch, type DashboardSearch } from './dashboard-search';

/** The view state from the URL, and a navigation that takes an updater: setSearch(s => ({ ...s, parent })). */
export function useDashboardSearch(): [DashboardSearch, (update: (search: DashboardSearch) => DashboardSearch) => void] {
  const [params, setParams] = useSearchParams();
  const search = useMemo(() => parseDashboardSearch(params), [params]);
  const setSearch = useCallback(
    (update: (search: DashboardSearch) => DashboardSearch) => setParams((current) => serializeDashboardSearch(update(parseDashboardSearch(current)))),
    [setParams],
  );
  return [search, setSearch];
}
