import { RegistrySourceError } from '@mttq/admin-units';
import { ConfigError, loadConfig } from './config';
import { DatabaseStartupError } from './db/connection';
import { describeSignIn } from './demo/demo-accounts';
import { startServer } from './start';

/** `npm start`: one server for the API and the web app, with its SQLite database. */
async function main() {
  const startedAt = performance.now();
  const config = loadConfig();
  const running = await startServer(config);
  const ms = Math.round(performance.now() - startedAt);
  console.log(`Community-page rollout dashboard (Trang cộng đồng MTTQ) is running at ${running.url}`);
  console.log(`  database: ${config.databasePath}${running.registryLoaded ? ' (administrative units loaded)' : ''}`);
  console.log(
    running.demoSeeded
      ? '  demo data: seeded just now (synthetic, labelled as demo)'
      : config.seedDemo
        ? '  demo data: kept as found (the database was not empty)'
        : '  demo data: off (DEMO=0)',
  );
  if (running.reform.derived > 0) console.log(`  across the 2025 reform: ${running.reform.derived} page assignments added through the crosswalk`);
  if (running.reform.waiting > 0) console.log(`  across the 2025 reform: ${running.reform.waiting} pages of split communes wait for their province to choose the new commune`);
  console.log(describeSignIn(running.accounts, config.demoPassword));
  console.log(
    config.publicRead
      ? '  reading: open to everyone (PUBLIC_READ=1); changes need sign-in'
      : '  reading: sign-in required (set PUBLIC_READ=1 to show the dashboards to everyone)',
  );
  if (config.trustProxy) console.log('  client addresses: the last x-forwarded-for entry (TRUST_PROXY=1); only run behind a proxy that sets it');
  console.log(`  started in ${ms} ms; press Ctrl+C to stop`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DatabaseStartupError || error instanceof RegistrySourceError;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Cannot start: ${message}`);
  if (!known && error instanceof Error && process.env.DEBUG) console.error(error.stack);
  process.exit(1);
});
