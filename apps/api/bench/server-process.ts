/** The real server in its own process, for benchmarks that load it from this one. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const STARTUP_TIMEOUT_MS = 60_000;

/** Starts the server as `npm run serve` does (apps/api/launch.mjs) in a child process of its own group, and resolves with the URL it prints. */
export function startServer(databasePath: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['apps/api/launch.mjs'], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: databasePath, DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`the server printed no URL within ${STARTUP_TIMEOUT_MS} ms:\n${out}`)), STARTUP_TIMEOUT_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      stopServer(child);
      reject(error);
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!.replace(/\/$/, '') });
      }
    });
    child.once('exit', (code, signal) => fail(new Error(`the server exited (${code ?? signal}) before printing its URL:\n${out}`)));
  });
}

/** SIGTERM to the child's process group, SIGKILL if it lingers. */
export function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      child.kill(name);
    }
  };
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => signal('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    signal('SIGTERM');
  });
}


/** Signs `username` in through the API (demo password unless DEMO_PASSWORD is set): the session cookie and CSRF token. */
export async function signIn(url: string, username: string): Promise<{ cookie: string; csrfToken: string }> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: process.env.DEMO_PASSWORD ?? 'demo' }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username} answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { csrfToken: string };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, csrfToken: body.csrfToken };
}

/**
 * A real write over HTTP by province-01: a monthly figure of a Front page of Hà Nội that counts
 * in both schemes, one more follower each time. A write makes stale only the figures it can move
 * (engine/figure-reach.ts), so the month decides what is computed again: July 2022 (the default)
 * moves every national figure dated from 1 July 2022 on in both schemes, the 2022 conference
 * overview and today's included, so every figure the benches read meets a cold server cache;
 * a month of today moves only today's figures. Returns a function that makes one such write and
 * resolves with its HTTP status.
 */
export async function figureWriter(url: string, databasePath: string, month = '2022-07'): Promise<() => Promise<number>> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(databasePath, { readonly: true });
  const pageId = db
    .prepare(
      `SELECT p.id FROM pages p
       JOIN page_assignments a ON a.page_id = p.id AND a.scheme = 'reform34'
       JOIN units u ON u.scheme = 'reform34' AND u.code = a.unit_code AND u.province_code = '01'
       JOIN page_assignments l ON l.page_id = p.id AND l.scheme = 'legacy63'
       WHERE p.owner = 'front' AND substr(p.launched_on, 1, 7) <= ? ORDER BY p.launched_on, p.id LIMIT 1`,
    )
    .pluck()
    .get(month) as number | undefined;
  db.close();
  if (pageId === undefined) throw new Error(`no Front page of Hà Nội in both schemes launched by ${month}`);
  const officer = await signIn(url, 'province-01');
  let followers = 10_000;
  return async () => {
    followers += 1;
    const response = await fetch(`${url}/api/v1/pages/${pageId}/metrics/${month}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: officer.cookie, 'x-csrf-token': officer.csrfToken },
      body: JSON.stringify({ followers, posts: 12, interactions: 340 }),
    });
    await response.arrayBuffer();
    return response.status;
  };
}
