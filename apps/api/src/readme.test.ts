/**
 * Every API route and every command written in README.md exists: routes in the OpenAPI document
 * the app serves (or, outside /api/v1, answered by the app with something else than 404),
 * commands among package.json scripts and files on disk. A synthetic README proves the checks fail.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoApp } from './test/demo-app';

const ROOT = join(import.meta.dirname, '../../..');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

interface RouteRef {
  line: number;
  /** null: written without a method (any method will do). */
  method: string | null;
  /** As written, without its query string. */
  path: string;
}

interface CommandRef {
  line: number;
  text: string;
  kind: 'script' | 'file';
  /** The script name, or the file path relative to the repository root. */
  name: string;
  /** The workspace a script is run in (-w / --workspace), or null for the root package. */
  workspace: string | null;
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;
/** '/pages/{id}.' → '/pages/{id}'; '/coverage?scheme&asOf' → '/coverage' */
const cleanPath = (path: string) => path.split('?')[0]!.replace(/[.:;]+$/u, '');

/** Routes written with a method ('GET /pages/{id}') and paths under /api written without one ('/api/health'). */
export function extractRoutes(text: string): RouteRef[] {
  const routes: RouteRef[] = [];
  const taken: Array<[number, number]> = [];
  for (const match of text.matchAll(new RegExp(`\\b(${METHODS.join('|')})\\s+(/[^\\s\`'"<>|,)\\\\]*)`, 'gu'))) {
    routes.push({ line: lineOf(text, match.index), method: match[1]!, path: cleanPath(match[2]!) });
    taken.push([match.index, match.index + match[0].length]);
  }
  // A path beginning /api, not inside a longer path such as apps/api/src.
  for (const match of text.matchAll(/(?<![A-Za-z_.\-/])\/api(?:\/[^\s`'"<>|,)\\]*)?/gu)) {
    if (taken.some(([start, end]) => match.index >= start && match.index < end)) continue;
    routes.push({ line: lineOf(text, match.index), method: null, path: cleanPath(match[0]) });
  }
  return routes;
}

/** npm start, npm test, npm run X (with -w WORKSPACE), npx tsx FILE, node FILE. */
export function extractCommands(text: string): CommandRef[] {
  const commands: CommandRef[] = [];
  const add = (match: RegExpMatchArray, kind: CommandRef['kind'], name: string, workspace: string | null = null) =>
    commands.push({ line: lineOf(text, match.index!), text: match[0], kind, name, workspace });
  const workspace = String.raw`(?:\s+(?:-w|--workspace)[=\s]\s*([^\s\x60'"]+))?`;
  for (const match of text.matchAll(new RegExp(String.raw`\bnpm run ([\w:.-]+)${workspace}`, 'gu'))) add(match, 'script', match[1]!, match[2] ?? null);
  for (const match of text.matchAll(new RegExp(String.raw`\bnpm (start|test)\b${workspace}`, 'gu'))) add(match, 'script', match[1]!, match[2] ?? null);
  for (const match of text.matchAll(/\bnpx tsx ([^\s`'"]+)/gu)) add(match, 'file', match[1]!);
  for (const match of text.matchAll(/\bnode ([^\s`'"]+\.(?:[cm]?js|[cm]?ts))\b/gu)) add(match, 'file', match[1]!);
  return commands;
}

const scriptsOf = (dir: string): Record<string, string> => {
  const file = join(ROOT, dir, 'package.json');
  return existsSync(file) ? ((JSON.parse(readFileSync(file, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {}) : {};
};

/** The commands that do not exist, as 'line N: text'. */
export function missingCommands(commands: readonly CommandRef[]): string[] {
  return commands
    .filter((command) => (command.kind === 'script' ? !(command.name in scriptsOf(command.workspace ?? '.')) : !existsSync(join(ROOT, command.name))))
    .map((command) => `line ${command.line}: ${command.text}`);
}

type OpenApiPaths = Record<string, Record<string, unknown>>;

/** '/pages/{id}/assignments/reform34' matches '/pages/{id}/assignments/{scheme}'; a written {param} matches any parameter. */
const samePath = (written: string, documented: string) => {
  const a = written.split('/');
  const b = documented.split('/');
  return a.length === b.length && a.every((segment, i) => segment === b[i] || /^\{\w+\}$/u.test(b[i]!) && (segment !== '' || b[i] === ''));
};

/** The routes that do not exist, as 'line N: METHOD path'. `request` asks the app about paths outside /api/v1. */
export async function missingRoutes(routes: readonly RouteRef[], paths: OpenApiPaths, request: (method: string, path: string) => Promise<number>): Promise<string[]> {
  const missing: string[] = [];
  for (const route of routes) {
    const label = `line ${route.line}: ${route.method === null ? '' : `${route.method} `}${route.path}`;
    const v1Path = route.path.startsWith('/api/v1') ? route.path.slice('/api/v1'.length) : route.path.startsWith('/api') ? null : route.path;
    if (v1Path === '' || v1Path === '/') continue; // the base path itself
    if (v1Path === null) {
      if ((await request(route.method ?? 'GET', route.path)) === 404) missing.push(label);
      continue;
    }
    const documented = Object.entries(paths).filter(([path]) => samePath(v1Path, path));
    const hasMethod = documented.some(([, operations]) => route.method === null || route.method.toLowerCase() in operations);
    if (!hasMethod) missing.push(label);
  }
  return missing;
}

let demo: ReturnType<typeof openDemoApp>;
let paths: OpenApiPaths;
const request = async (method: string, path: string) => (await demo.app.request(path, { method })).status;

beforeAll(async () => {
  demo = openDemoApp();
  paths = ((await (await demo.app.request('/api/openapi.json')).json()) as { paths: OpenApiPaths }).paths;
});
afterAll(() => demo.close());

describe('README.md', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('names only API routes the app has', async () => {
    const routes = extractRoutes(readme);
    expect(routes.length).toBeGreaterThan(20);
    expect(await missingRoutes(routes, paths, request)).toEqual([]);
  });

  it('names only commands that exist: npm scripts and files on disk', () => {
    const commands = extractCommands(readme);
    expect(commands.length).toBeGreaterThan(10);
    expect(missingCommands(commands)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const synthetic = [
    'Sign in with `POST /api/v1/auth/login`, read `GET /pages/{id}` and `PUT /pages/{id}/assignments/reform34`;',
    'the health check is /api/health (see http://localhost:3000/api/openapi.json), code in apps/api/src.',
    'Wrong: `POST /auth/login` is fine but `GET /auth/login` is not, nor `DELETE /units/{scheme}/{code}`,',
    'nor /api/v1/nowhere?x=1 or /api/nothing.',
    '```sh',
    'npm start && npm run users -- list && npm run backup',
    'npm run deploy-everything',
    'npm run build -w apps/web && npm run nope -w apps/web',
    'npx tsx apps/api/src/main.ts && npx tsx apps/api/src/missing.ts && node scripts/gone.mjs',
    '```',
  ].join('\n');

  it('finds routes with and without a method, and no file path that merely contains /api', () => {
    expect(extractRoutes(synthetic).map((r) => `${r.line} ${r.method ?? '*'} ${r.path}`)).toEqual([
      '1 POST /api/v1/auth/login',
      '1 GET /pages/{id}',
      '1 PUT /pages/{id}/assignments/reform34',
      '3 POST /auth/login',
      '3 GET /auth/login',
      '3 DELETE /units/{scheme}/{code}',
      '2 * /api/health',
      '2 * /api/openapi.json',
      '4 * /api/v1/nowhere',
      '4 * /api/nothing',
    ]);
  });

  it('reports each route that does not exist, by line', async () => {
    expect(await missingRoutes(extractRoutes(synthetic), paths, request)).toEqual([
      'line 3: GET /auth/login',
      'line 3: DELETE /units/{scheme}/{code}',
      'line 4: /api/v1/nowhere',
      'line 4: /api/nothing',
    ]);
  });

  it('reports each command that does not exist, by line', () => {
    expect(missingCommands(extractCommands(synthetic))).toEqual([
      'line 7: npm run deploy-everything',
      'line 8: npm run nope -w apps/web',
      'line 9: npx tsx apps/api/src/missing.ts',
      'line 9: node scripts/gone.mjs',
    ]);
  });
});
