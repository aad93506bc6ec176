/**
 * How fresh the dashboards' figures must be. After a write the server recomputes its figures
 * off the event loop; a request that sends these headers accepts the answer from before the
 * write for up to MAX_STALE_SECONDS while the fresh one is built. Such an answer carries
 * `X-Figures-Stale: 1`, and the web app asks again until it gets a fresh one.
 */
export const MAX_STALE_SECONDS = 60;
export const STALE_FIGURES_HEADER = 'x-figures-stale';
export const FIGURE_READ_HEADERS = { 'cache-control': `max-stale=${MAX_STALE_SECONDS}` } as const;
