import { SCHEME_IDS, type SchemeId, type Unit } from '@mttq/core';
import { listAllUnits, toUnit } from '../units/unit-queries';
import type { Db } from '../db/connection';
import { FigureEngine } from '../engine/figure-engine';
import { PageHistories } from '../coverage/page-histories';
import { QueryCache } from './query-cache';

/** What route handlers need: the database, the answer cache, configuration and the clock. */
export interface Services {
  db: Db;
  cache: QueryCache;
  /** DEFAULT_SCHEME when configured; otherwise requests without a scheme use the one in force today. */
  defaultScheme: SchemeId | undefined;
  /** Today's date, YYYY-MM-DD; replaceable in tests. */
  today(): string;
  /** Whether the database holds demo rows; every figure says so. */
  isDemo(): boolean;
  /** Every unit of the scheme, sorted by code; read when the app is created. */
  units(scheme: SchemeId): Unit[];
  /** Every page's coverage history in memory, kept up to date from the change log (coverage/page-histories.ts). */
  histories: PageHistories;
  /** The overview's figures, computed off the event loop when `figureWorker` is on (engine/figure-engine.ts). */
  figures: FigureEngine;
}

export interface ServicesOptions {
  defaultScheme?: SchemeId;
  today?: () => string;
  /** Compute figure reads in a worker thread on the database file (the server does; tests mostly do not). */
  figureWorker?: boolean;
}

export function createServices(db: Db, options: ServicesOptions = {}): Services {
  const cache = new QueryCache();
  // The registry is loaded before the app starts and changes only at start-up: read it once,
  // here, so no request pays for it.
  const units = new Map<SchemeId, Unit[]>(SCHEME_IDS.map((scheme) => [scheme, listAllUnits(db, scheme).map((row) => toUnit(scheme, row))]));
  const services: Services = {
    db,
    cache,
    defaultScheme: options.defaultScheme,
    today: options.today ?? (() => new Date().toISOString().slice(0, 10)),
    isDemo: () =>
      cache.get('demo', () => db.prepare('SELECT EXISTS (SELECT 1 FROM pages WHERE is_demo = 1) AS demo').get() as { demo: number }).demo === 1,
    units: (scheme) => units.get(scheme) ?? [],
    histories: new PageHistories(db),
    figures: null as unknown as FigureEngine,
  };
  services.figures = new FigureEngine(services, { databasePath: options.figureWorker && !db.memory ? db.name : null });
  cache.onInvalidate(() => services.figures.invalidate());
  return services;
}
