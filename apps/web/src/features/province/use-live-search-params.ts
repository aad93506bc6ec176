import { useCallback } from 'react';
import { useSearchParams, type NavigateOptions } from 'react-router';

/**
 * useSearchParams, with a setter whose updater starts from the address bar as it is now. The
 * router hands its updater the params of the last render, and renders after a navigation can
 * lag behind the user (a quick "clear the box, then pick a status" would bring the cleared text
 * back); the browser's location is updated as soon as a navigation is made.
 */
export function useLiveSearchParams(): [URLSearchParams, (update: (current: URLSearchParams) => URLSearchParams, options?: NavigateOptions) => void] {
  const [params, setParams] = useSearchParams();
  const setLive = useCallback(
    (update: (current: URLSearchParams) => URLSearchParams, options?: NavigateOptions) => setParams(update(new URLSearchParams(window.location.search)), options),
    [setParams],
  );
  return [params, setLive];
}
