import { queryOptions } from '@tanstack/react-query';
import type { SchemeId } from '@mttq/core';
import { ApiError, NETWORK_ERROR_STATUS } from '../../api/client';
import type { BoundaryShapes } from './geo-drawing';

/** GET /api/web-config: the deployment's optional map tile layer (outside /api/v1, no session needed). */
export interface WebConfig {
  /** A Leaflet URL template such as https://tile.openstreetmap.org/{z}/{x}/{y}.png; null: no tiles. */
  mapTileUrl: string | null;
  mapTileAttribution: string | null;
}

export const mapKeys = {
  webConfig: ['web-config', {}] as const,
  boundaries: (scheme: SchemeId) => ['boundaries', { scheme }] as const,
};

/**
 * The scheme's province boundaries, decoded from the boundary file: a chunk of its own (the data
 * and topojson-client, about 20 KB gzip) fetched the first time a map needs it, then kept.
 */
export const boundaryShapesQuery = (scheme: SchemeId) =>
  queryOptions({
    queryKey: mapKeys.boundaries(scheme),
    queryFn: async (): Promise<BoundaryShapes> => (await import('./boundary-shapes')).boundaryShapes(scheme),
    staleTime: Infinity,
    gcTime: Infinity,
  });

/** Read once per visit: it changes only when the server restarts with other settings. */
export const webConfigQuery = () =>
  queryOptions({
    queryKey: mapKeys.webConfig,
    queryFn: async ({ signal }): Promise<WebConfig> => {
      let response: Response;
      try {
        response = await fetch('/api/web-config', { headers: { accept: 'application/json' }, credentials: 'same-origin', signal });
      } catch (cause) {
        if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
        throw new ApiError(NETWORK_ERROR_STATUS, 'network', cause instanceof Error ? cause.message : 'network error');
      }
      if (!response.ok) throw new ApiError(response.status, `http_${response.status}`, `${response.status} ${response.statusText}`.trim());
      const body = (await response.json()) as Partial<WebConfig>;
      return {
        mapTileUrl: typeof body.mapTileUrl === 'string' && body.mapTileUrl ? body.mapTileUrl : null,
        mapTileAttribution: typeof body.mapTileAttribution === 'string' && body.mapTileAttribution ? body.mapTileAttribution : null,
      };
    },
    staleTime: Infinity,
  });
