import { parseArgs } from 'node:util';
import { RegistrySourceError } from '@mttq/admin-units';
import {
  AccountError,
  CLI_ACTOR,
  createAccount,
  parseRole,
  resetAccountPassword,
  setAccountDisabled,
  type AccountState,
} from '../auth/accounts';
import { unlockSignIn } from '../auth/throttle';
import { getUserByName, listUsers, parseScopesColumn } from '../auth/users';
import { ConfigError, loadConfig } from '../config';
import { DatabaseStartupError, openDatabase, type Db } from '../db/connection';
import { maybeLoadRegistries } from '../units/load-registries';

/**
 * `npm run users -- <command>`: manages accounts without the web app, on the database at
 * DATABASE_PATH (the server's). Every change is written to the audit log as user 'cli'.
 * Passwords are read from stdin or typed at a hidden prompt, never taken from the command line,
 * where any user of the machine can read them with ps.
 */

const USAGE = `Manage the accounts of the dashboard (database: DATABASE_PATH, as for the server).

Usage: npm run users -- <command> [options]

  create <username> --role <role> [--scope <scheme>:<code>[,<scheme>:<code>…]] [--password-stdin]
      roles: admin (everything, manages users), central (reads all, verifies pages,
      manages reporting periods), province (reads all, writes inside --scope, e.g.
      --scope reform34:51 for Quảng Ngãi; a scope in one scheme also covers its
      successors or predecessors in the other), viewer (reads only)
  reset-password <username> [--password-stdin]
      also signs the user out everywhere and ends their sign-in waits (as unlock)
  unlock <username>       forgets the user's failed sign-ins from every address, so the
      waits they caused end now (the password stays)
  disable <username>      stops the user signing in and ends their sessions
  enable <username>
  list

The password (at least 8 characters) is asked for twice, hidden; with --password-stdin the
first line of standard input is used instead, e.g. printf '%s\\n' "$PW" | npm run users -- create ...`;

/** A mistake in the command line: printed with a pointer to the usage. */
class UsageError extends Error {
  override name = 'UsageError';
}

const COMMANDS = ['create', 'reset-password', 'unlock', 'disable', 'enable', 'list', 'help'] as const;
type Command = (typeof COMMANDS)[number];

interface Parsed {
  command: Command;
  username: string | null;
  role?: string;
  scope?: string;
  isPasswordStdin: boolean;
}

/** parseCommandLine(['create', 'alice', '--role', 'admin']) → { command: 'create', username: 'alice', role: 'admin', … } */
function parseCommandLine(argv: string[]): Parsed {
  if (argv.some((arg) => /^--?(password|pw|pass)(=|$)/.test(arg))) {
    throw new UsageError(
      'Passwords are never given on the command line (anyone on this machine can read it with ps). Type it when asked, or pipe it in with --password-stdin.',
    );
  }
  let parsed: ReturnType<typeof parseCommandLineStrict>;
  try {
    parsed = parseCommandLineStrict(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || command === undefined || command === 'help') return { command: 'help', username: null, isPasswordStdin: false };
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`Unknown command "${command}": use one of ${COMMANDS.join(', ')}.`);
  const { role, scope } = parsed.values;
  const isPasswordStdin = parsed.values['password-stdin'] ?? false;
  const takesUsername = command !== 'list';
  if (takesUsername && rest.length !== 1) throw new UsageError(`${command} takes one username${rest.length > 1 ? `, not ${rest.length} (${rest.join(' ')})` : ''}.`);
  if (!takesUsername && rest.length > 0) throw new UsageError(`${command} takes no arguments; got ${rest.join(' ')}.`);
  if (command !== 'create' && (role !== undefined || scope !== undefined)) throw new UsageError(`--role and --scope belong to create, not ${command}.`);
  if (command !== 'create' && command !== 'reset-password' && isPasswordStdin) throw new UsageError(`--password-stdin belongs to create and reset-password, not ${command}.`);
  return { command: command as Command, username: rest[0] ?? null, role, scope, isPasswordStdin };
}

const parseCommandLineStrict = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      role: { type: 'string' },
      scope: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });

/** The first line of standard input, without its line ending. */
async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (password === '') throw new AccountError('No password on standard input: send it as the first line, e.g. printf \'%s\\n\' "$PW" | npm run users -- …');
  return password;
}

/** Asks on the terminal without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (outcome: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      outcome();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(value));
        if (ch === '\u0003' || ch === '\u0004') return finish(() => reject(new AccountError('Cancelled; nothing was changed.')));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    process.stderr.write(question);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

async function readNewPassword(username: string, isPasswordStdin: boolean): Promise<string> {
  if (isPasswordStdin) return readPasswordFromStdin();
  if (!process.stdin.isTTY) {
    throw new UsageError('No terminal to type the password on: pipe it in and add --password-stdin.');
  }
  const password = await promptHidden(`New password for ${username} (at least 8 characters): `);
  const repeated = await promptHidden('Type it again: ');
  if (password !== repeated) throw new AccountError('The two passwords differ; nothing was changed. Run the command again.');
  return password;
}

/** 'admin', 'province officer for reform34:51 (Tỉnh Quảng Ngãi)' */
const describeRole = (state: AccountState, scopeNames: readonly string[]) =>
  state.role === 'province' ? `province officer for ${state.scopes.map((scope, i) => (scopeNames[i] ? `${scope} (${scopeNames[i]})` : scope)).join(', ')}` : state.role;

function printList(db: Db, databasePath: string): void {
  const users = listUsers(db);
  if (users.length === 0) {
    console.log(`No accounts yet in ${databasePath}. Create the first admin with: npm run users -- create <name> --role admin`);
    return;
  }
  const unitName = db.prepare('SELECT name FROM units WHERE scheme = ? AND code = ?').pluck();
  const rows = users.map((u) => [
    u.username,
    u.role,
    parseScopesColumn(u.scopes).map((s) => `${s.scheme}:${s.code} ${unitName.get(s.scheme, s.code) ?? ''}`.trim()).join(', ') || '-',
    [u.is_disabled ? 'disabled' : 'enabled', ...(u.is_demo ? ['demo'] : [])].join(', '),
    u.created_at.slice(0, 10),
  ]);
  const header = ['username', 'role', 'scope', 'status', 'created'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  console.log(`${users.length} account${users.length === 1 ? '' : 's'} in ${databasePath}:`);
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

async function run(argv: string[]): Promise<void> {
  const parsed = parseCommandLine(argv);
  if (parsed.command === 'help') {
    console.log(USAGE);
    return;
  }
  // Check what needs no database first, so a typo fails before anything is opened.
  if (parsed.command === 'create') parseRole(parsed.role);
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  try {
    // Scopes refer to units: a new database needs the registries before the first account.
    maybeLoadRegistries(db);
    const username = parsed.username ?? '';
    switch (parsed.command) {
      case 'list':
        printList(db, config.databasePath);
        return;
      case 'create': {
        const role = parseRole(parsed.role);
        const password = await readNewPassword(username, parsed.isPasswordStdin);
        const created = await createAccount(db, CLI_ACTOR, { username, password, role, scope: parsed.scope ?? null });
        console.log(`Created "${created.username}": ${describeRole(created, created.scopeNames)}. They can sign in now.`);
        return;
      }
      case 'reset-password': {
        // Fail on an unknown name before asking for a password.
        if (!getUserByName(db, username)) {
          throw new AccountError(`No user named "${username}". List the accounts with: npm run users -- list`);
        }
        const password = await readNewPassword(username, parsed.isPasswordStdin);
        const account = await resetAccountPassword(db, CLI_ACTOR, username, password);
        console.log(`New password set for "${account.username}"; their open sessions were signed out.`);
        return;
      }
      case 'unlock': {
        const { username: name, failures, addresses } = unlockSignIn(db, CLI_ACTOR, username);
        if (failures === 0) console.log(`"${name}" has no failed sign-ins to forget; they can sign in now.`);
        else console.log(`Forgot ${failures} failed sign-in${failures === 1 ? '' : 's'} of "${name}" from ${addresses} address${addresses === 1 ? '' : 'es'}; they can sign in now.`);
        return;
      }
      case 'disable':
      case 'enable': {
        const isDisabled = parsed.command === 'disable';
        const { changed, account } = setAccountDisabled(db, CLI_ACTOR, username, isDisabled);
        if (!changed) console.log(`"${account.username}" is already ${parsed.command}d; nothing changed.`);
        else if (isDisabled) console.log(`Disabled "${account.username}": they can no longer sign in, and their open sessions were ended.`);
        else console.log(`Enabled "${account.username}": they can sign in again.`);
        return;
      }
    }
  } finally {
    db.close();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError) {
    console.error(`Error: ${message}\nSee: npm run users -- help`);
  } else {
    const known = error instanceof AccountError || error instanceof ConfigError || error instanceof DatabaseStartupError || error instanceof RegistrySourceError;
    console.error(`Error: ${message}`);
    if (!known && error instanceof Error && process.env.DEBUG) console.error(error.stack);
  }
  process.exitCode = 1;
});
