/**
 * Test helpers: the real server (`npm run serve`) and the backup / restore CLIs as processes of
 * their own, run as npm runs them.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { inject } from 'vitest';
import { signInAs, type TestSession } from '../test/auth';
import { openDatabase } from '../db/connection';

export const TSX = fileURLToPath(new URL('../../../../node_modules/tsx/dist/cli.mjs', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const LAUNCH = fileURLToPath(new URL('../../launch.mjs', import.meta.url));
const CLI = { backup: fileURLToPath(new URL('./backup.ts', import.meta.url)), restore: fileURLToPath(new URL('./restore.ts', import.meta.url)) };

export interface ServerProcess {
  url: string;
  child: ChildProcessWithoutNullStreams;
  /** Everything the process wrote to stdout so far. */
  stdout(): string;
  /** Resolves with the first stdout line matching `pattern`, now or once it is written. */
  waitForLine(pattern: RegExp): Promise<string>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Sends `signal` (SIGTERM by default) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the server as `npm run serve` does (`node apps/api/launch.mjs`: the bundled server in
 * one process, so signals reach it directly) with `env`, and resolves once it prints its URL.
 */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [LAUNCH], { cwd: REPO_ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const findLine = (pattern: RegExp) => stdout.split('\n').find((line) => pattern.test(line));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      for (const waiter of [...waiters]) {
        const line = findLine(waiter.pattern);
        if (line !== undefined) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
      const match = /running at (http:\/\/\S+)/.exec(stdout);
      if (match && stdout.includes('press Ctrl+C')) {
        resolve({
          url: match[1]!,
          child,
          stdout: () => stdout,
          waitForLine: (pattern) => {
            const line = findLine(pattern);
            return line !== undefined ? Promise.resolve(line) : new Promise((done) => waiters.push({ pattern, resolve: done }));
          },
          exited,
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    void exited.then((code) => reject(Object.assign(new Error(`the server exited with ${code} before starting: ${stderr}`), { code, stderr, stdout })));
  });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run backup|restore -- …args` as a real process. */
export function runCli(name: keyof typeof CLI, args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn(process.execPath, [TSX, CLI[name], ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end();
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/**
 * A private copy of the shared demo database at `path` (migrated), with a signed-in admin and
 * `count` pages launched before `month` to write figures to.
 */
export async function prepareDemoCopy(path: string, count: number, month: string): Promise<{ admin: TestSession; pageIds: number[] }> {
  copyFileSync(inject('demoDbPath'), path);
  const db = openDatabase(path);
  try {
    const admin = await signInAs(db, 'admin');
    const pageIds = db.prepare('SELECT id FROM pages WHERE launched_on < ? ORDER BY id LIMIT ?').pluck().all(`${month}-01`, count) as number[];
    return { admin, pageIds };
  } finally {
    db.close();
  }
}

/** A PUT of a page's figures for a month through the real server. */
export function putMetric(url: string, admin: TestSession, pageId: number, month: string, followers: number, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(new URL(`/api/v1/pages/${pageId}/metrics/${month}`, url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...admin.headers, ...headers },
    body: JSON.stringify({ followers, posts: 1, interactions: 2 }),
  });
}

/** Reads rows from a database file with a read-only connection of its own. */
export function readRows<T = Record<string, unknown>>(path: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
