import { RegistrySourceError } from '@mttq/admin-units';
import { buildWhenChanged, viteBuild, WEB_BUILD_INPUTS } from './cli/web-build';
import { ConfigError, loadConfig, REPO_ROOT } from './config';
import { DatabaseStartupError } from './db/connection';
import { describeSignIn } from './demo/demo-accounts';
import { SHUTDOWN_TIMEOUT_MS, startServer } from './start';

/** `npm start`: one server for the API and the web app, with its SQLite database. */
async function main() {
  // `npm start` passes --build-web: build the web app first when its sources changed
  const webBuild = process.argv.includes('--build-web')
    ? buildWhenChanged({ repoRoot: REPO_ROOT, inputs: WEB_BUILD_INPUTS, dist: 'apps/web/dist', build: () => viteBuild(REPO_ROOT) })
    : null;
  const startedAt = performance.now();
  const config = loadConfig();
  const running = await startServer(config);
  const ms = Math.round(performance.now() - startedAt);
  console.log(`Community-page rollout dashboard (Trang cộng đồng MTTQ) is running at ${running.url}`);
  if (webBuild) console.log(`  web app: ${webBuild === 'built' ? 'built just now (its sources changed)' : 'up to date (its sources have not changed since the last build)'}`);
  console.log(`  database: ${config.databasePath}${running.registryLoaded ? ' (administrative units loaded)' : ''}`);
  console.log(
    running.demoSeeded
      ? `  demo data: seeded just now (synthetic, labelled as demo${config.demoSize.scale > 1 || config.demoSize.years !== 5 ? `; DEMO_SCALE=${config.demoSize.scale}, DEMO_YEARS=${config.demoSize.years}` : ''})`
      : config.seedDemo
        ? '  demo data: kept as found (the database was not empty)'
        : '  demo data: off (DEMO=0)',
  );
  if (running.reform && running.reform.derived > 0) console.log(`  across the 2025 reform: ${running.reform.derived} page assignments added through the crosswalk`);
  if (running.reform && running.reform.waiting > 0) console.log(`  across the 2025 reform: ${running.reform.waiting} pages of split communes wait for their province to choose the new commune`);
  console.log(describeSignIn(running.accounts, config.demoPassword));
  console.log(
    config.publicRead
      ? '  reading: open to everyone (PUBLIC_READ=1); changes need sign-in'
      : '  reading: sign-in required (set PUBLIC_READ=1 to show the dashboards to everyone)',
  );
  if (config.trustProxy) console.log('  client addresses: the last x-forwarded-for entry (TRUST_PROXY=1); only run behind a proxy that sets it');
  if (running.backups) console.log(`  backups: every ${config.backupIntervalHours} h into ${config.backupDir}, the newest ${config.backupKeep} kept`);
  console.log(`  logs: one JSON line per request (LOG_LEVEL=${config.logLevel})`);
  console.log(`  started in ${ms} ms; press Ctrl+C to stop`);

  // Graceful stop on SIGTERM (systemd, docker) and SIGINT (Ctrl+C). The handlers stay installed:
  // a repeated signal (npm and tsx relay them, Ctrl+C reaches the whole group) must not cut the
  // shutdown short; systemd's TimeoutStopSec ends a shutdown that hangs.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // close() stops listening at once, so when this line is out no new connection gets in.
    const closing = running.close();
    console.log(`${signal}: stopping; no new connections, requests under way get up to ${SHUTDOWN_TIMEOUT_MS / 1000} s`);
    closing.then(
      ({ forcedConnections, checkpoint }) => {
        const forced = forcedConnections > 0 ? `; ${forcedConnections} connection${forcedConnections === 1 ? '' : 's'} closed unanswered after the wait` : '';
        const wal = checkpoint === null ? '' : checkpoint.busy === 0 ? '; WAL checkpointed' : '; WAL checkpoint incomplete (another program was reading)';
        console.log(`Stopped${forced}${wal}; database closed.`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DatabaseStartupError || error instanceof RegistrySourceError;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Cannot start: ${message}`);
  if (!known && error instanceof Error && process.env.DEBUG) console.error(error.stack);
  process.exit(1);
});
