/**
 * Child process of crash.test.ts: stores the plan of a nationwide import (one new page per
 * legacy63 commune) as the dry run does, printing "plan <planId>", then commits it into the
 * database at argv[2] as user argv[3] (argv[4] is the username), and stalls inside the
 * transaction once half the pages are written, printing "started <pid>", so the test can
 * SIGKILL it mid-transaction. Run: node node_modules/tsx/dist/cli.mjs crash-child.ts db userId username
 */
import { writeSync } from 'node:fs';
import { openDatabase } from '../db/connection';
import { createServices } from '../http/services';
import { commitImportPlan } from './commit';
import { buildImportPlan } from './plan';
import { planStoreOf } from './plan-store';
import { readImportTable } from './read-table';
import { csvFile } from './test-files';

const [path, userId, username] = process.argv.slice(2);
if (!path || !userId || !username) throw new Error('usage: crash-child.ts <database> <user id> <username>');

const db = openDatabase(path);
// A small page cache makes SQLite spill uncommitted pages into the WAL mid-transaction, so
// the kill leaves half-written frames behind for recovery to discard.
db.pragma('cache_size = 50');
const services = createServices(db, { today: () => '2026-11-27' });
const user = { id: Number(userId), username, role: 'admin' as const, scopes: [] };
const communes = services.units('legacy63').filter((u) => u.level === 'commune');
const rows = communes.map((u) => [u.code, `https://www.facebook.com/crash.${u.code}`, `MTTQ ${u.name}`, '2022-01-01', '2025-05', '100', '3', '40']);
const table = await readImportTable(csvFile([['Mã xã', 'URL', 'Tên trang', 'Ngày lập', 'Tháng', 'Lượt theo dõi', 'Số bài', 'Tương tác'], ...rows]));
const { plan } = buildImportPlan(services, user, 'legacy63', table, 'crash.csv');
if (plan.errorRows.length > 0 || plan.changes.length !== communes.length) throw new Error(`unexpected plan: ${plan.errorRows.length} errors, ${plan.changes.length} changes`);
await planStoreOf(services).put(plan);
writeSync(1, `plan ${plan.id}\n`);

let written = 0;
db.function('import_progress', () => {
  written += 1;
  if (written === Math.floor(communes.length / 2)) {
    writeSync(1, `started ${process.pid}\n`);
    // Stall inside the transaction until killed (a minute at most).
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  }
  return null;
});
// TEMP: lives in this connection only; the database file's schema is untouched.
db.exec('CREATE TEMP TRIGGER import_progress AFTER INSERT ON main.pages BEGIN SELECT import_progress(); END');
commitImportPlan(services, user, plan);
writeSync(1, 'finished\n');
