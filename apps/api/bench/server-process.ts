/** The real server in its own process, for benchmarks that load it from this one. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));
const STARTUP_TIMEOUT_MS = 60_000;

/** Starts `main.ts` in a child process (its own process group) and resolves with the URL it prints. */
export function startServer(databasePath: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [TSX, 'apps/api/src/main.ts'], {
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

/** SIGTERM to the child's process group (tsx runs main.ts in a grandchild), SIGKILL if it lingers. */
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

