/**
 * The real server (start.ts, as `npm start` runs it) for load tests, with the web app served from
 * LOAD_WEB_DIST instead of apps/web/dist. Prints "listening <url>" once it accepts requests.
 */
import { loadConfig } from '../config';
import { startServer } from '../start';

const config = loadConfig();
const running = await startServer({ ...config, webDist: process.env.LOAD_WEB_DIST ?? config.webDist });
console.log(`listening ${running.url}`);
process.once('SIGTERM', () => void running.close().then(() => process.exit(0)));
