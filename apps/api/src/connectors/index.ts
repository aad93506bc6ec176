/** Connectors: monthly figures collected from the platforms (see runtime.ts and each platform's module). */
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { configureConnectors, defaultSettings, type ConnectorRuntime } from './runtime';

export { connectorRuntime, configureConnectors, defaultSettings, type ConnectorRuntime, type ConnectorSettings } from './runtime';

/**
 * At start-up: the runtime with the configured key, platform URLs and schedule; runs left
 * 'running' by a previous process are marked interrupted; the monthly schedule starts
 * (COLLECT_DAY; nothing happens without CONNECTOR_KEY and credentials).
 */
export function startConnectors(db: Db, config: Pick<Config, 'connectorKey' | 'collectDay' | 'platformUrls'>): ConnectorRuntime {
  const runtime = configureConnectors(db, defaultSettings({ key: config.connectorKey, collectDay: config.collectDay, urls: { ...config.platformUrls } }));
  runtime.markInterrupted();
  runtime.startSchedule();
  return runtime;
}
