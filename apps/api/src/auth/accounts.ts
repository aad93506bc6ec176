import { SCHEME_IDS, type SchemeId } from '@mttq/core';
import type { Db } from '../db/connection';
import { joinMessages } from '../http/errors';
import { msg, render, type Message } from '../messages';
import type { AuditEntry } from '../writes/run-write';
import { hashPassword } from './passwords';
import { ROLES, type Role } from './user';
import { getUserByName, insertUser, parseScopesColumn, type DbUser } from './users';

/**
 * Managing accounts (create, reset a password, disable, enable), each change written to the
 * audit log in the same transaction. The users CLI calls these; an admin API can reuse them.
 */

/** Shorter passwords are refused for created and reset accounts (the demo password is exempt). */
export const MIN_PASSWORD_LENGTH = 8;
/** Sign-in accepts at most this many characters, so no account may have a longer password. */
export const MAX_PASSWORD_LENGTH = 256;
export const MAX_USERNAME_LENGTH = 64;
const USERNAME = /^[\p{L}\p{N}._@-]+$/u;

/**
 * A request a person can fix: the message says what was wrong and what to do. `text` is the
 * catalogue Message the API answers in the reader's language; `message` its English, for the CLI
 * (which may also give a plain English text: the API then says only that the request is wrong).
 */
export class AccountError extends Error {
  override name = 'AccountError';
  readonly text: Message;
  constructor(text: Message | string) {
    super(typeof text === 'string' ? text : render(text, 'en'));
    this.text = typeof text === 'string' ? msg('bad_request') : text;
  }
}

/** Who makes a change, as the audit log records it; the CLI has no user row. */
export interface Actor {
  id: number | null;
  username: string;
}

export const CLI_ACTOR: Actor = { id: null, username: 'cli' };

/** An account's state as the audit log keeps it: never the password hash. */
export interface AccountState {
  username: string;
  role: Role;
  /** A province officer's units, 'scheme:code'; empty for the other roles. */
  scopes: string[];
  isDisabled: boolean;
}

const toAccountState = (row: Pick<DbUser, 'username' | 'role' | 'scopes' | 'is_disabled'>): AccountState => ({
  username: row.username,
  role: row.role,
  scopes: parseScopesColumn(row.scopes).map((s) => `${s.scheme}:${s.code}`),
  isDisabled: row.is_disabled === 1,
});

/** parseRole('central') → 'central'; an unknown role throws an AccountError listing the roles. */
export function parseRole(value: string | undefined): Role {
  if (value === undefined) throw new AccountError(msg('account_role_missing', { roles: ROLES.join(', ') }));
  if (!(ROLES as readonly string[]).includes(value)) throw new AccountError(msg('account_role_unknown', { value, roles: ROLES.join(', ') }));
  return value as Role;
}

export interface NamedScopeUnit {
  scheme: SchemeId;
  code: string;
  name: string;
}

/** parseScope(db, 'legacy63:51') → { scheme: 'legacy63', code: '51', name: 'Tỉnh Quảng Ngãi' }; needs the registries loaded. */
export function parseScope(db: Db, value: string): NamedScopeUnit {
  const match = /^([a-z0-9]+):(\d+)$/.exec(value.trim());
  if (!match) throw new AccountError(msg('account_scope_format', { value }));
  const [, scheme, code] = match as unknown as [string, string, string];
  if (!(SCHEME_IDS as readonly string[]).includes(scheme)) throw new AccountError(msg('account_scope_scheme_unknown', { scheme, schemes: joinMessages(SCHEME_IDS, 'auth_role_or') }));
  const unit = db.prepare('SELECT name FROM units WHERE scheme = ? AND code = ?').get(scheme, code) as { name: string } | undefined;
  if (!unit) {
    throw new AccountError(msg('account_scope_no_unit', { scheme, code }));
  }
  return { scheme: scheme as SchemeId, code, name: unit.name };
}

/**
 * One or more scope units, separated by commas; each checked as parseScope does.
 * parseScopes(db, 'legacy63:51, reform34:51') → [{ scheme: 'legacy63', code: '51', name: … }, { scheme: 'reform34', … }]
 */
export function parseScopes(db: Db, value: string): NamedScopeUnit[] {
  const parts = value.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0) throw new AccountError(msg('account_scope_empty'));
  const scopes = parts.map((part) => parseScope(db, part));
  return scopes.filter((scope, i) => scopes.findIndex((other) => other.scheme === scope.scheme && other.code === scope.code) === i);
}

/** Throws an AccountError unless `username` is 1 to 64 letters, digits, or . _ - @. */
export function checkUsername(username: string): void {
  if (username.length === 0 || username.length > MAX_USERNAME_LENGTH || !USERNAME.test(username)) {
    throw new AccountError(msg('account_username_format', { max: MAX_USERNAME_LENGTH, username }));
  }
}

/** Throws an AccountError unless a new password has 8 to 256 characters. */
export function checkNewPassword(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) throw new AccountError(msg('account_password_too_short', { min: MIN_PASSWORD_LENGTH }));
  if (length > MAX_PASSWORD_LENGTH) throw new AccountError(msg('account_password_too_long', { max: MAX_PASSWORD_LENGTH }));
}

function requireUser(db: Db, username: string): DbUser {
  const user = getUserByName(db, username);
  if (!user) throw new AccountError(msg('account_user_unknown', { username }));
  return user;
}

/** Writes one audit row; call inside the change's transaction. */
export function recordAudit(db: Db, actor: Actor, entry: AuditEntry): void {
  db.prepare(
    'INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    new Date().toISOString(),
    actor.id,
    actor.username,
    entry.action,
    entry.entity,
    entry.entityId === null ? null : String(entry.entityId),
    entry.before === null ? null : JSON.stringify(entry.before),
    entry.after === null ? null : JSON.stringify(entry.after),
  );
}

export interface NewAccount {
  username: string;
  password: string;
  role: Role;
  /** '<scheme>:<code>' (several separated by commas) for a province officer; absent for the other roles. */
  scope?: string | null;
}

export interface CreatedAccount extends AccountState {
  id: number;
  /** The scope units' names, in the order of scopes. */
  scopeNames: string[];
}

/** Creates an account after checking name, role, scope and password; audited as 'create'. */
export async function createAccount(db: Db, actor: Actor, account: NewAccount): Promise<CreatedAccount> {
  checkUsername(account.username);
  const role = parseRole(account.role);
  const scopeText = account.scope ?? null;
  if (role === 'province' && scopeText === null) {
    throw new AccountError(msg('account_cli_scope_needed'));
  }
  if (role !== 'province' && scopeText !== null) {
    throw new AccountError(msg('account_cli_scope_only_province', { role }));
  }
  const scopes = scopeText === null ? [] : parseScopes(db, scopeText);
  checkNewPassword(account.password);
  const duplicate = getUserByName(db, account.username);
  if (duplicate) throw duplicateError(account.username, duplicate.username);
  const passwordHash = await hashPassword(account.password);
  try {
    return db.transaction(() => {
      const id = insertUser(db, { username: account.username, role, scopes, passwordHash });
      const state: AccountState = { username: account.username, role, scopes: scopes.map((s) => `${s.scheme}:${s.code}`), isDisabled: false };
      recordAudit(db, actor, { action: 'create', entity: 'user', entityId: id, before: null, after: state });
      return { id, ...state, scopeNames: scopes.map((s) => s.name) };
    }).immediate();
  } catch (error) {
    // Someone else took the name while the password was hashing.
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw duplicateError(account.username, account.username);
    throw error;
  }
}

const duplicateError = (asked: string, existing: string) =>
  new AccountError(msg(asked === existing ? 'account_cli_duplicate' : 'account_cli_duplicate_case', { existing }));

/** Sets a new password, signs the user out everywhere and lifts a sign-in lockout; audited as 'reset_password'. */
export async function resetAccountPassword(db: Db, actor: Actor, username: string, password: string): Promise<AccountState> {
  const user = requireUser(db, username);
  checkNewPassword(password);
  const passwordHash = await hashPassword(password);
  return db.transaction(() => {
    db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, user.id);
    db.prepare('DELETE FROM sessions WHERE user_id = ?').run(user.id);
    db.prepare('DELETE FROM login_failures WHERE username = ?').run(user.username);
    const state = toAccountState(user);
    recordAudit(db, actor, { action: 'reset_password', entity: 'user', entityId: user.id, before: state, after: state });
    return state;
  }).immediate();
}

/**
 * Disables (ending every session) or enables an account; audited as 'disable' or 'enable'.
 * Returns whether anything changed: disabling a disabled account changes nothing and is not logged.
 */
export function setAccountDisabled(db: Db, actor: Actor, username: string, isDisabled: boolean): { changed: boolean; account: AccountState } {
  return db.transaction(() => {
    const user = requireUser(db, username);
    const before = toAccountState(user);
    if (before.isDisabled === isDisabled) return { changed: false, account: before };
    db.prepare('UPDATE users SET is_disabled = ? WHERE id = ?').run(isDisabled ? 1 : 0, user.id);
    if (isDisabled) db.prepare('DELETE FROM sessions WHERE user_id = ?').run(user.id);
    const after = { ...before, isDisabled };
    recordAudit(db, actor, { action: isDisabled ? 'disable' : 'enable', entity: 'user', entityId: user.id, before, after });
    return { changed: true, account: after };
  }).immediate();
}
