import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { verifyPassword } from '../auth/passwords';
import { createSession } from '../auth/sessions';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from '../test/temp-db';

const CLI = fileURLToPath(new URL('./users.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../../../node_modules/tsx/dist/cli.mjs', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run users -- …args` as a real process on the test database; `input` goes to stdin. */
function runUsers(args: string[], input = ''): Promise<Run> {
  const child = spawn(process.execPath, [TSX, CLI, ...args], { env: { ...process.env, DATABASE_PATH: temp.path() }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

let temp: ReturnType<typeof makeTempDir>;
let db: Db;

beforeAll(async () => {
  temp = makeTempDir('mttq-cli-');
  // The first run creates the database and loads the registries that scopes refer to.
  const first = await runUsers(['list']);
  expect(first).toEqual({ code: 0, stdout: `No accounts yet in ${temp.path()}. Create the first admin with: npm run users -- create <name> --role admin\n`, stderr: '' });
  db = openDatabase(temp.path());
});
afterAll(() => {
  db.close();
  temp.cleanup();
});

interface DbAuditRow {
  user_id: number | null;
  username: string;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
}

const auditRows = () => db.prepare('SELECT user_id, username, action, entity, entity_id, before_json, after_json FROM audit_log ORDER BY id').all() as DbAuditRow[];
const passwordHash = (username: string) => db.prepare('SELECT password_hash FROM users WHERE username = ?').pluck().get(username) as string;

async function signInStatus(username: string, password: string): Promise<number> {
  const response = await createApp({ db }).request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return response.status;
}

describe('npm run users', () => {
  it('creates an admin with the password from stdin, hashed with scrypt, and audits it as cli', async () => {
    const run = await runUsers(['create', 'root', '--role', 'admin', '--password-stdin'], 'first-password\n');
    expect(run).toEqual({ code: 0, stdout: 'Created "root": admin. They can sign in now.\n', stderr: '' });
    expect(passwordHash('root')).toMatch(/^scrypt\$/);
    expect(await verifyPassword('first-password', passwordHash('root'))).toBe(true);
    expect(auditRows()).toEqual([
      {
        user_id: null,
        username: 'cli',
        action: 'create',
        entity: 'user',
        entity_id: expect.any(String),
        before_json: null,
        after_json: JSON.stringify({ username: 'root', role: 'admin', scopes: [], isDisabled: false }),
      },
    ]);
    expect(await signInStatus('root', 'first-password')).toBe(200);
  });

  it('creates a province officer scoped to a unit, named in the answer', async () => {
    const run = await runUsers(['create', 'qn-officer', '--role', 'province', '--scope', 'legacy63:51', '--password-stdin'], 'officer-password\r\n');
    expect(run.stdout).toBe('Created "qn-officer": province officer for legacy63:51 (Tỉnh Quảng Ngãi). They can sign in now.\n');
    expect(run.code).toBe(0);
    expect(db.prepare("SELECT u.role, s.scheme, s.code FROM users u JOIN user_scopes s ON s.user_id = u.id WHERE u.username = 'qn-officer'").all()).toEqual([
      { role: 'province', scheme: 'legacy63', code: '51' },
    ]);
    // Only the first line of stdin is the password; a Windows line ending is not part of it.
    expect(await signInStatus('qn-officer', 'officer-password')).toBe(200);
  });

  it('creates an officer with several scope units of either scheme, named in the answer', async () => {
    const run = await runUsers(['create', 'two-scopes', '--role', 'province', '--scope', 'legacy63:62, reform34:01', '--password-stdin'], 'officer-password\n');
    expect(run.stdout).toBe('Created "two-scopes": province officer for legacy63:62 (Tỉnh Kon Tum), reform34:01 (Thành phố Hà Nội). They can sign in now.\n');
    expect(db.prepare("SELECT s.scheme, s.code FROM users u JOIN user_scopes s ON s.user_id = u.id WHERE u.username = 'two-scopes' ORDER BY s.scheme").all()).toEqual([
      { scheme: 'legacy63', code: '62' },
      { scheme: 'reform34', code: '01' },
    ]);
    db.prepare("DELETE FROM users WHERE username = 'two-scopes'").run();
  });

  it.each([
    ['an unknown role', ['create', 'x', '--role', 'boss'], '', 'Error: Unknown role "boss": use one of admin, central, province, viewer.'],
    ['no role', ['create', 'x'], '', 'Error: Give a role with --role: one of admin, central, province, viewer.'],
    ['an unknown scope unit', ['create', 'x', '--role', 'province', '--scope', 'legacy63:99', '--password-stdin'], 'long-enough\n', 'Error: No unit legacy63:99. Province codes are two digits'],
    ['an unknown scheme in the scope', ['create', 'x', '--role', 'province', '--scope', 'legacy64:51', '--password-stdin'], 'long-enough\n', 'Error: Unknown scheme "legacy64" in the scope: use legacy63 or reform34.'],
    ['a scope without a scheme', ['create', 'x', '--role', 'province', '--scope', '51', '--password-stdin'], 'long-enough\n', 'Error: A scope is written <scheme>:<unit code>, e.g. legacy63:51 (Quảng Ngãi); got "51".'],
    ['a province officer without a scope', ['create', 'x', '--role', 'province', '--password-stdin'], 'long-enough\n', 'Error: A province officer needs a scope: add --scope <scheme>:<unit code>, e.g. --scope reform34:51 (several separated by commas).'],
    ['a scope for another role', ['create', 'x', '--role', 'viewer', '--scope', 'legacy63:51', '--password-stdin'], 'long-enough\n', 'Error: Only province officers have a scope'],
    ['a duplicate username (in another case)', ['create', 'ROOT', '--role', 'viewer', '--password-stdin'], 'long-enough\n', 'Error: A user named "root" already exists (names ignore case). Choose another name, or set a new password with: npm run users -- reset-password root'],
    ['a 7-character password', ['create', 'x', '--role', 'viewer', '--password-stdin'], 'seven77\n', 'Error: The password is too short: use at least 8 characters.'],
    ['a 257-character password', ['create', 'x', '--role', 'viewer', '--password-stdin'], `${'p'.repeat(257)}\n`, 'Error: The password is too long: sign-in accepts at most 256 characters.'],
    ['an empty stdin', ['create', 'x', '--role', 'viewer', '--password-stdin'], '', 'Error: No password on standard input'],
    ['a username with a space', ['create', 'two words', '--role', 'viewer', '--password-stdin'], 'long-enough\n', 'Error: A username has 1 to 64 letters, digits, dots, hyphens, underscores or @, and no spaces; got "two words".'],
    ['no terminal and no --password-stdin', ['create', 'x', '--role', 'viewer'], '', 'Error: No terminal to type the password on: pipe it in and add --password-stdin.'],
    ['a password on the command line', ['create', 'x', '--role', 'viewer', '--password', 'hunter22'], '', 'Error: Passwords are never given on the command line'],
    ['no username', ['create', '--role', 'viewer'], '', 'Error: create takes one username.'],
    ['reset-password of an unknown user', ['reset-password', 'nobody', '--password-stdin'], 'long-enough\n', 'Error: No user named "nobody". List the accounts with: npm run users -- list'],
    ['disable of an unknown user', ['disable', 'nobody'], '', 'Error: No user named "nobody".'],
    ['enable of an unknown user', ['enable', 'nobody'], '', 'Error: No user named "nobody".'],
    ['unlock of an unknown user', ['unlock', 'nobody'], '', 'Error: No user named "nobody". List the accounts with: npm run users -- list'],
    ['unlock without a username', ['unlock'], '', 'Error: unlock takes one username.'],
    ['list with an argument', ['list', 'extra'], '', 'Error: list takes no arguments; got extra.'],
    ['an unknown command', ['promote', 'root'], '', 'Error: Unknown command "promote": use one of create, reset-password, unlock, disable, enable, list, help.'],
    ['an unknown option', ['list', '--verbose'], '', "Error: Unknown option '--verbose'"],
  ])('refuses %s with exit code 1, a clear message and no change', async (_, args, input, message) => {
    const before = { users: db.prepare('SELECT * FROM users ORDER BY id').all(), audit: auditRows().length };
    const run = await runUsers(args, input);
    expect(run.code).toBe(1);
    expect(run.stderr.startsWith(message)).toBe(true);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect({ users: db.prepare('SELECT * FROM users ORDER BY id').all(), audit: auditRows().length }).toEqual(before);
  });

  it('lists the accounts with role, scope and status', async () => {
    const run = await runUsers(['list']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`2 accounts in ${temp.path()}:`);
    expect(lines[1]).toMatch(/^username\s+role\s+scope\s+status\s+created$/);
    expect(lines[2]).toMatch(/^qn-officer\s+province\s+legacy63:51 Tỉnh Quảng Ngãi\s+enabled\s+\d{4}-\d\d-\d\d$/);
    expect(lines[3]).toMatch(/^root\s+admin\s+-\s+enabled\s+\d{4}-\d\d-\d\d$/);
  });

  it('resets a password: the old one stops working, open sessions and a lockout end, and it is audited', async () => {
    const rootId = db.prepare("SELECT id FROM users WHERE username = 'root'").pluck().get() as number;
    createSession(db, rootId);
    db.prepare('INSERT INTO login_failures (username, failed_at) VALUES (?, ?)').run('root', new Date().toISOString());
    const run = await runUsers(['reset-password', 'ROOT', '--password-stdin'], 'second-password\n');
    expect(run).toEqual({ code: 0, stdout: 'New password set for "root"; their open sessions were signed out.\n', stderr: '' });
    expect(await verifyPassword('first-password', passwordHash('root'))).toBe(false);
    expect(await verifyPassword('second-password', passwordHash('root'))).toBe(true);
    expect(db.prepare('SELECT count(*) FROM sessions WHERE user_id = ?').pluck().get(rootId)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM login_failures WHERE username = 'root'").pluck().get()).toBe(0);
    expect(auditRows().at(-1)).toMatchObject({ username: 'cli', action: 'reset_password', entity: 'user', entity_id: String(rootId) });
    expect(auditRows().at(-1)!.after_json).not.toContain('scrypt');
  });

  it("unlocks: forgets the user's failed sign-ins from every address so the waits end at once, and audits it", async () => {
    const insert = db.prepare('INSERT INTO login_failures (username, client, failed_at) VALUES (?, ?, ?)');
    // In-process requests have no socket: their address is 'unknown'.
    for (const client of ['unknown', '198.51.100.7']) for (let i = 0; i < 12; i += 1) insert.run('root', client, new Date().toISOString());
    expect(await signInStatus('root', 'second-password')).toBe(429);
    const run = await runUsers(['unlock', 'Root']);
    expect(run).toEqual({ code: 0, stdout: 'Forgot 24 failed sign-ins of "root" from 2 addresses; they can sign in now.\n', stderr: '' });
    expect(db.prepare("SELECT count(*) FROM login_failures WHERE username = 'root'").pluck().get()).toBe(0);
    expect(auditRows().at(-1)).toMatchObject({ username: 'cli', action: 'unlock', entity: 'user', after_json: '{"failures":0,"addresses":0}' });
    expect(await signInStatus('root', 'second-password')).toBe(200);
    const again = await runUsers(['unlock', 'root']);
    expect(again).toEqual({ code: 0, stdout: '"root" has no failed sign-ins to forget; they can sign in now.\n', stderr: '' });
  });

  it('disables an account (no sign-in, sessions ended) and enables it again, auditing each change once', async () => {
    const officerId = db.prepare("SELECT id FROM users WHERE username = 'qn-officer'").pluck().get() as number;
    createSession(db, officerId);
    const disabled = await runUsers(['disable', 'qn-officer']);
    expect(disabled).toEqual({ code: 0, stdout: 'Disabled "qn-officer": they can no longer sign in, and their open sessions were ended.\n', stderr: '' });
    expect(await signInStatus('qn-officer', 'officer-password')).toBe(403);
    expect(db.prepare('SELECT count(*) FROM sessions WHERE user_id = ?').pluck().get(officerId)).toBe(0);
    const audited = auditRows().length;
    expect(await runUsers(['disable', 'qn-officer'])).toMatchObject({ code: 0, stdout: '"qn-officer" is already disabled; nothing changed.\n' });
    expect(auditRows()).toHaveLength(audited);
    expect((await runUsers(['list'])).stdout).toMatch(/qn-officer\s+province\s+legacy63:51 Tỉnh Quảng Ngãi\s+disabled/);

    expect(await runUsers(['enable', 'qn-officer'])).toEqual({ code: 0, stdout: 'Enabled "qn-officer": they can sign in again.\n', stderr: '' });
    expect(await signInStatus('qn-officer', 'officer-password')).toBe(200);
    expect(auditRows().slice(-2).map((row) => [row.username, row.action, JSON.parse(row.before_json!).isDisabled, JSON.parse(row.after_json!).isDisabled])).toEqual([
      ['cli', 'disable', false, true],
      ['cli', 'enable', true, false],
    ]);
  });

  it('prints its usage with help', async () => {
    const run = await runUsers(['help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: npm run users -- <command> [options]');
    expect(run.stdout).toContain('create <username> --role <role> [--scope <scheme>:<code>[,<scheme>:<code>…]] [--password-stdin]');
  });
});
