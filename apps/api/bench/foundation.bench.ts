/**
 * `npm run bench` (foundation part): registry build and load, demo generation, and start-up
 * on a seeded database, each next to a baseline measured in the same run.
 *
 * Baselines: raw better-sqlite3 inserts of the very same rows, in one transaction, into a
 * table of the same columns with no constraints or indexes; and for start-up, the same Node +
 * tsx process that only prints and exits.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildRegistries } from '@mttq/admin-units';
import Database from 'better-sqlite3';
import { withoutChangeEntries } from '../src/db/figure-changes';
import { openDatabase, type Db } from '../src/db/connection';
import { seedDemoData } from '../src/demo/generate-demo';
import { makeTempDir } from '../src/test/temp-db';
import { writeRegistries } from '../src/units/load-registries';

const LAUNCH = fileURLToPath(new URL('../launch.mjs', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const RUNS = 3;
// Codes grow longer down the tree (2, 3, 5 digits), so this writes parents before children.
const UNITS_PARENTS_FIRST = 'SELECT * FROM units ORDER BY scheme, length(code), code';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

/**
 * Copies every row of `tables` from `source` into a fresh database, timed: with `schema`
 * 'same' into our migrated schema (same constraints and indexes), with 'bare' into tables
 * without constraints or indexes.
 */
function rawInsertBaseline(source: Db, tables: string[], dir: string, schema: 'same' | 'bare'): { ms: number; rows: number } {
  const path = `${dir}/baseline-${schema}-${Math.random().toString(36).slice(2)}.db`;
  let target: Db;
  if (schema === 'same') {
    target = openDatabase(path);
    // The copied tables reference units; copy those first, outside the timed part.
    if (!tables.includes('units')) {
      const units = source.prepare(UNITS_PARENTS_FIRST).raw().all() as unknown[][];
      const insertUnit = target.prepare('INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      target.transaction(() => units.forEach((row) => insertUnit.run(row)))();
    }
  } else {
    target = new Database(path);
    target.pragma('journal_mode = WAL');
    target.pragma('synchronous = NORMAL');
  }
  const data = tables.map((table) => {
    const rows = source.prepare(table === 'units' ? UNITS_PARENTS_FIRST : `SELECT * FROM ${table}`).raw().all() as unknown[][];
    const columns = source.prepare(`SELECT * FROM ${table} LIMIT 1`).columns().map((c) => c.name);
    if (schema === 'bare') target.exec(`CREATE TABLE ${table} (${columns.join(', ')})`);
    return { table, columns, rows };
  });
  const insertAll = () => {
    for (const { table, columns, rows } of data) {
      const insert = target.prepare(`INSERT INTO ${table} VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of rows) insert.run(row);
    }
  };
  // The same schema is loaded the way the demo seed loads it: without a change-log entry per row.
  const { ms } = time(() => target.transaction(() => (schema === 'same' ? withoutChangeEntries(target, insertAll) : insertAll()))());
  target.close();
  return { ms, rows: data.reduce((n, d) => n + d.rows.length, 0) };
}

/** Milliseconds from spawning `command` (default: plain node with `args`) to its first sign of life. */
function timeStartup(env: Record<string, string>, args: string[], command: string[] = [process.execPath]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command[0]!, [...command.slice(1), ...args], { cwd: REPO, env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let isStopping = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // Output can arrive in several chunks: stop the server once, on the first sign of life.
      if (!isStopping && /running at|^ready/m.test(out)) {
        isStopping = true;
        const ms = performance.now() - start;
        child.kill('SIGTERM');
        child.once('exit', () => resolve(ms));
      }
    });
    child.once('exit', (code) => (!isStopping && code !== 0 ? reject(new Error(`exit ${code}: ${out}`)) : undefined));
  });
}

async function main() {
  const temp = makeTempDir('mttq-bench-');
  try {
    // 1. Registry: build from the npm packages, then load into a fresh database.
    const build = [] as number[];
    const load = [] as number[];
    const baseline = [] as number[];
    const bareBaseline = [] as number[];
    let rows = 0;
    let seededPath = '';
    for (let run = 0; run < RUNS; run += 1) {
      const built = time(buildRegistries);
      build.push(built.ms);
      const db = openDatabase(temp.path(`registry-${run}.db`));
      const loaded = time(() => writeRegistries(db, built.value));
      load.push(loaded.ms);
      const raw = rawInsertBaseline(db, ['units', 'crosswalk', 'crosswalk_unmatched'], temp.dir, 'same');
      baseline.push(raw.ms);
      bareBaseline.push(rawInsertBaseline(db, ['units', 'crosswalk', 'crosswalk_unmatched'], temp.dir, 'bare').ms);
      rows = raw.rows;
      if (run === 0) seededPath = temp.path('registry-0.db');
      db.close();
    }
    const perSec = (ms: number) => fmt((rows / ms) * 1000);
    console.log(`registry: ${fmt(rows)} rows (units of both schemes + crosswalk), median of ${RUNS} runs`);
    console.log(`  build from npm packages             ${median(build).toFixed(0)} ms`);
    console.log(`  load into fresh database            ${median(load).toFixed(0)} ms  ${perSec(median(load))} rows/s`);
    console.log(`  baseline raw inserts, same schema   ${median(baseline).toFixed(0)} ms  ${perSec(median(baseline))} rows/s`);
    console.log(`  baseline raw inserts, bare tables   ${median(bareBaseline).toFixed(0)} ms  ${perSec(median(bareBaseline))} rows/s`);
    console.log(`  ratio load / same-schema baseline   ${(median(load) / median(baseline)).toFixed(2)}x  (bar: ≤ 2x)`);
    console.log(`  ratio load / bare-table baseline    ${(median(load) / median(bareBaseline)).toFixed(2)}x  (constraints and indexes included)`);

    // 2. Demo data on top of the loaded registry.
    const demo = [] as number[];
    const demoBaseline = [] as number[];
    const demoBareBaseline = [] as number[];
    let demoRows = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const db = openDatabase(temp.path(`registry-${run}.db`));
      demo.push(time(() => seedDemoData(db, { seed: 1, today: '2026-11-27' })).ms);
      const demoTables = ['pages', 'page_assignments', 'page_status_events', 'metric_snapshots'];
      const raw = rawInsertBaseline(db, demoTables, temp.dir, 'same');
      demoBaseline.push(raw.ms);
      demoBareBaseline.push(rawInsertBaseline(db, demoTables, temp.dir, 'bare').ms);
      demoRows = raw.rows;
      db.close();
    }
    const demoPerSec = (ms: number) => fmt((demoRows / ms) * 1000);
    console.log(`demo data: ${fmt(demoRows)} rows (pages, assignments, status events, monthly metrics), median of ${RUNS} runs`);
    console.log(`  generate and insert                 ${median(demo).toFixed(0)} ms  ${demoPerSec(median(demo))} rows/s`);
    console.log(`  baseline raw inserts, same schema   ${median(demoBaseline).toFixed(0)} ms  ${demoPerSec(median(demoBaseline))} rows/s`);
    console.log(`  baseline raw inserts, bare tables   ${median(demoBareBaseline).toFixed(0)} ms  ${demoPerSec(median(demoBareBaseline))} rows/s`);
    console.log(`  ratio generate / same-schema        ${(median(demo) / median(demoBaseline)).toFixed(2)}x`);
    console.log(`  ratio generate / bare tables        ${(median(demo) / median(demoBareBaseline)).toFixed(2)}x`);

    // 3. Start-up of the real server process on the seeded database, to its first "running at".
    const startup = [] as number[];
    const bare = [] as number[];
    // One start first, so the timed ones find the database as a running site has it (accounts
    // made) and the server bundle made (apps/api/launch.mjs).
    await timeStartup({ DATABASE_PATH: seededPath }, [LAUNCH]);
    // `npm start` as users type it, once untimed so the web app is built (the timed runs find it up to date).
    const npmStart = () => timeStartup({ DATABASE_PATH: seededPath }, ['start'], ['npm']);
    await npmStart();
    const fromNpm = [] as number[];
    for (let run = 0; run < RUNS; run += 1) {
      bare.push(await timeStartup({}, ['-e', 'console.log("ready")']));
      startup.push(await timeStartup({ DATABASE_PATH: seededPath }, [LAUNCH]));
      fromNpm.push(await npmStart());
    }
    console.log(`start-up on a seeded database, median of ${RUNS} runs`);
    console.log(`  server process to URL     ${median(startup).toFixed(0)} ms  (bar: < 1000 ms) ${median(startup) < 1000 ? 'met' : 'BELOW BAR'}`);
    console.log(`  npm start to URL, web app built ${median(fromNpm).toFixed(0)} ms  (bar: < 1500 ms) ${median(fromNpm) < 1500 ? 'met' : 'BELOW BAR'}`);
    console.log(`  baseline bare node process ${median(bare).toFixed(0)} ms`);
    console.log(`  ratio server / baseline   ${(median(startup) / median(bare)).toFixed(2)}x; npm start / baseline ${(median(fromNpm) / median(bare)).toFixed(2)}x`);
  } finally {
    temp.cleanup();
  }
}

await main();
