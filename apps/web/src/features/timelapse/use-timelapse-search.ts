import { useCallback, useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseTimelapseSearch, serializeTimelapseSearch, type TimelapseSearch } from './frames';

/**
 * The time-lapse's view state from the URL, and a navigation that takes an updater. Frames replace
 * the history entry (playing would otherwise fill it); a URL that is not canonical (no asOf or scheme, a date
 * inside a month, a date outside the scheme's frames) is rewritten once, so a copied link
 * always names the frame shown.
 */
export function useTimelapseSearch(today: string): [TimelapseSearch, (update: (search: TimelapseSearch) => TimelapseSearch) => void] {
  const [params, setParams] = useSearchParams();
  const search = useMemo(() => parseTimelapseSearch(params, today), [params, today]);
  const setSearch = useCallback(
    (update: (search: TimelapseSearch) => TimelapseSearch) =>
      setParams((current) => serializeTimelapseSearch(update(parseTimelapseSearch(current, today))), { replace: true }),
    [setParams, today],
  );
  const canonical = serializeTimelapseSearch(search).toString();
  useEffect(() => {
    if (params.toString() !== canonical) setParams(canonical, { replace: true });
  }, [canonical, params, setParams]);
  return [search, setSearch];
}
