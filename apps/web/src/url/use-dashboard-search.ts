import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseDashboardSearch, serializeDashboardSearch, type DashboardSearch } from './dashboard-search';

const DASHBOARD_KEYS: readonly string[] = ['scheme', 'asOf', 'level', 'parent'];

/** The view state from the URL, and a navigation that takes an updater: setSearch(s => ({ ...s, parent })). */
export function useDashboardSearch(): [DashboardSearch, (update: (search: DashboardSearch) => DashboardSearch) => void] {
  const [params, setParams] = useSearchParams();
  const search = useMemo(() => parseDashboardSearch(params), [params]);
  const setSearch = useCallback(
    (update: (search: DashboardSearch) => DashboardSearch) =>
      setParams((current) => {
        const next = serializeDashboardSearch(update(parseDashboardSearch(current)));
        // a screen's own keys (measure, mode, status, q, …) survive a change of scheme or date
        for (const [key, value] of current) if (!DASHBOARD_KEYS.includes(key)) next.append(key, value);
        return next;
      }),
    [setParams],
  );
  return [search, setSearch];
}
