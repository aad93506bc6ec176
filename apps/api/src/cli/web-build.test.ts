import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test/temp-db';
import { buildWhenChanged, sourceHash, WEB_BUILD_INPUTS, type WebBuild } from './web-build';

let temp: ReturnType<typeof makeTempDir>;
let builds: number;
let setup: WebBuild;

const write = (path: string, content: string) => {
  mkdirSync(dirname(join(temp.dir, path)), { recursive: true });
  writeFileSync(join(temp.dir, path), content);
};

beforeEach(() => {
  temp = makeTempDir();
  builds = 0;
  write('apps/web/src/main.tsx', 'render(<App />)');
  write('apps/web/index.html', '<div id="root"></div>');
  write('packages/core/src/index.ts', 'export {}');
  write('data/province-tiles.json', '[]');
  setup = {
    repoRoot: temp.dir,
    inputs: WEB_BUILD_INPUTS,
    dist: 'apps/web/dist',
    // a real build's observable effect: a fresh output folder with index.html
    build: () => {
      builds += 1;
      rmSync(join(temp.dir, 'apps/web/dist'), { recursive: true, force: true });
      write('apps/web/dist/index.html', `build ${builds}`);
    },
  };
});
afterEach(() => temp.cleanup());

describe('npm start builds the web app only when needed', () => {
  it('builds on the first start and not on the next one', () => {
    expect(buildWhenChanged(setup)).toBe('built');
    expect(buildWhenChanged(setup)).toBe('up to date');
    expect(builds).toBe(1);
    expect(readFileSync(join(temp.dir, 'apps/web/dist/index.html'), 'utf8')).toBe('build 1');
  });

  it.each([
    ['a web source', 'apps/web/src/main.tsx'],
    ['a new web file', 'apps/web/src/features/new.tsx'],
    ['shared code', 'packages/core/src/index.ts'],
    ['the lockfile', 'package-lock.json'],
    ['a JSON fact the app imports', 'data/province-tiles.json'],
  ])('builds again after %s changed', (_what, path) => {
    buildWhenChanged(setup);
    write(path, 'changed');
    expect(buildWhenChanged(setup)).toBe('built');
    expect(builds).toBe(2);
  });

  it('does not build for tests, the database or its backups', () => {
    buildWhenChanged(setup);
    write('apps/web/src/main.test.ts', 'it()');
    write('data/app.db', 'SQLite format 3');
    write('data/app.db-wal', '…');
    write('data/backups/app-2026-12-02.db', 'SQLite format 3');
    expect(buildWhenChanged(setup)).toBe('up to date');
  });

  it('builds when the output was removed or replaced by a plain `npm run build`', () => {
    buildWhenChanged(setup);
    rmSync(join(temp.dir, 'apps/web/dist/index.html'));
    expect(buildWhenChanged(setup)).toBe('built');
    setup.build();
    expect(buildWhenChanged(setup)).toBe('built');
  });

  it('hashes content, not timestamps: a fresh clone of the same sources hashes the same', () => {
    const before = sourceHash(temp.dir, WEB_BUILD_INPUTS);
    write('apps/web/src/main.tsx', 'render(<App />)');
    expect(sourceHash(temp.dir, WEB_BUILD_INPUTS)).toBe(before);
  });
});
