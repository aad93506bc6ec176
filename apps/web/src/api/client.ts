/** The one way the web app talks to the API: same origin, session cookie, one error type. */
import { FIGURE_READ_HEADERS, STALE_FIGURES_HEADER } from '@mttq/core';

export const API_BASE = '/api/v1';

export interface ApiErrorDetail {
  path?: string;
  message: string;
}

/** A failed call, carrying the server's `{error: {code, message, details}}` envelope (DESIGN.md §6). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly ApiErrorDetail[] = [],
  ) {
    super(message);
  }

  /** Signed out (or the session expired) on a route that needs a session. */
  get isUnauthorized(): boolean {
    return this.status === 401;
  }
}

/** status 0: the request never got an answer (offline, server down). */
export const NETWORK_ERROR_STATUS = 0;

let csrfToken: string | null = null;

/** The language the server writes its messages in: the user's switch (set by the LocaleProvider). */
export type ApiLanguage = 'vi' | 'en';
let language: ApiLanguage = 'vi';

/** Ask the server for messages in `lang` from now on (the LocaleProvider calls it on every switch). */
export function setApiLanguage(lang: ApiLanguage): void {
  language = lang;
}

/** The language the server is asked to write in, e.g. for a download link's ?lang. */
export function apiLanguage(): ApiLanguage {
  return language;
}

/** Remember the session's CSRF token (from /auth/me or /auth/login) for state-changing calls. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type QueryValue = string | number | boolean | null | undefined;

/** { scheme: 'legacy63', asOf: undefined, level: 'province' } → '?scheme=legacy63&level=province' */
export function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** A figure read that welcomes the answer from before the latest write while a fresh one is computed (figures.ts). */
  acceptStaleFigures?: boolean;
}

/** Reads the error envelope if there is one; otherwise describes the status. */
async function toApiError(response: Response): Promise<ApiError> {
  try {
    const payload = (await response.json()) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    const error = payload.error;
    if (error && typeof error.code === 'string' && typeof error.message === 'string') {
      return new ApiError(response.status, error.code, error.message, Array.isArray(error.details) ? (error.details as ApiErrorDetail[]) : []);
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(response.status, `http_${response.status}`, `${response.status} ${response.statusText}`.trim());
}

/**
 * Calls `${API_BASE}${path}` and answers the parsed JSON (undefined for 204). Sends the session
 * cookie (same origin only) and, on anything but GET, the x-csrf-token header. Throws ApiError.
 */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await apiFetchWithFreshness<T>(path, options)).data;
}

/** apiFetch that also tells whether the server answered figures from before the latest write. */
export async function apiFetchWithFreshness<T>(path: string, options: RequestOptions = {}): Promise<{ data: T; isStale: boolean }> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  if (options.acceptStaleFigures) Object.assign(headers, FIGURE_READ_HEADERS);
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${toQueryString(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(NETWORK_ERROR_STATUS, 'network', cause instanceof Error ? cause.message : 'network error');
  }
  if (!response.ok) throw await toApiError(response);
  const isStale = response.headers.get(STALE_FIGURES_HEADER) === '1';
  if (response.status === 204) return { data: undefined as T, isStale };
  return { data: (await response.json()) as T, isStale };
}

/**
 * POSTs a multipart form (a file upload) to `${API_BASE}${path}` with the session cookie and the
 * x-csrf-token header; the browser sets the multipart content type. Answers the parsed JSON,
 * throws ApiError like apiFetch. apiUpload('/imports/dry-run', form)
 */
export async function apiUpload<T>(path: string, formData: FormData, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, { method: 'POST', headers, credentials: 'same-origin', body: formData, signal: signal ?? null });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(NETWORK_ERROR_STATUS, 'network', cause instanceof Error ? cause.message : 'network error');
  }
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}
