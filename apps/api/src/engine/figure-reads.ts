/**
 * The figure reads the overview, map and slides ask for, by name, so that they can be computed
 * in the figure worker (figure-worker.ts) as well as in the request's own thread: each is a pure
 * function of the database, the services' clock and the validated query.
 */
import { getCoverage } from '../coverage/routes';
import { getTimeline } from '../coverage/timeline-routes';
import type { EncodedJson } from '../http/json-response';
import type { FigureReach } from './figure-reach';
import type { Services } from '../http/services';
import { getMetricsSummary } from '../metrics/routes';
import { getRankings } from '../rankings/routes';

export const FIGURE_READS = {
  coverage: getCoverage,
  timeline: getTimeline,
  metricsSummary: getMetricsSummary,
  rankings: getRankings,
} satisfies Record<string, (services: Services, query: never) => unknown>;

export type FigureRead = keyof typeof FIGURE_READS;
export type FigureQuery<N extends FigureRead> = Parameters<(typeof FIGURE_READS)[N]>[1];
export type FigureAnswer<N extends FigureRead> = ReturnType<(typeof FIGURE_READS)[N]>;

/** A request to the worker: compute `name` for `query` as of `today`, with the writes up to `generation`. */
export interface FigureJob {
  id: number;
  name: FigureRead;
  query: unknown;
  today: string;
  generation: number;
}

/** The worker's answer: the value's JSON (encodeJson) and what it read, an ApiError's parts (a bad query), or a failure. */
export type FigureResult =
  | { id: number; encoded: EncodedJson; reach: FigureReach }
  | { id: number; apiError: { status: number; code: string; text: unknown; details: unknown[]; headers: Record<string, string> } }
  | { id: number; failure: string };
