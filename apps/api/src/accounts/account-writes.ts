/**
 * Account changes made in the web app, each with its audit row in the same transaction. Passwords
 * are hashed (scrypt, through the hashing gate) before the transaction opens. A created or reset
 * account gets a temporary password that is answered once and must be replaced at sign-in.
 */
import { randomInt } from 'node:crypto';
import type { Account } from '@mttq/core';
import { AccountError, parseScope, recordAudit, setAccountDisabled, type Actor } from '../auth/accounts';
import { hashPassword } from '../auth/passwords';
import type { ScopeUnit } from '../auth/scope-image';
import { roleName, type Role, type SessionUser } from '../auth/user';
import { insertUser, parseScopesColumn, SCOPES_COLUMN, setUserScopes } from '../auth/users';
import type { Db } from '../db/connection';
import { ApiError, badRequest, notFound } from '../http/errors';
import type { Services } from '../http/services';
import { msg } from '../messages';

/** An account row with everything the API shows (never the password hash). */
interface DbAccount {
  id: number;
  username: string;
  role: Role;
  scopes: string;
  is_disabled: 0 | 1;
  must_change_password: 0 | 1;
  created_at: string;
}

const ACCOUNT_COLUMNS = `u.id, u.username, u.role, ${SCOPES_COLUMN}, u.is_disabled, u.must_change_password, u.created_at`;

export interface StoredAccount {
  id: number;
  username: string;
  role: Role;
  scopes: ScopeUnit[];
  isDisabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

const toStored = (row: DbAccount): StoredAccount => ({
  id: row.id,
  username: row.username,
  role: row.role,
  scopes: parseScopesColumn(row.scopes),
  isDisabled: row.is_disabled === 1,
  mustChangePassword: row.must_change_password === 1,
  createdAt: row.created_at,
});

export function listAccounts(db: Db): StoredAccount[] {
  return (db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM users u ORDER BY u.username COLLATE NOCASE`).all() as DbAccount[]).map(toStored);
}

/** The account with this id, or a 404. */
export function getAccount(db: Db, id: number): StoredAccount {
  const row = db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM users u WHERE u.id = ?`).get(id) as DbAccount | undefined;
  if (!row) throw notFound(msg('account_not_found', { id: String(id) }));
  return toStored(row);
}

/** The account as the API answers it, with its scope units' names and levels. */
export function toAccountJson(services: Services, account: StoredAccount): Account {
  const scopes = account.scopes.map((scope) => {
    const unit = services.units(scope.scheme).find((u) => u.code === scope.code);
    return { ...scope, name: unit?.name ?? scope.code, level: unit?.level ?? 'province' };
  });
  return { ...account, scopes };
}

/** The state the audit log keeps of an account (as the users CLI writes it, plus the temporary-password flag). */
const auditState = (account: Pick<StoredAccount, 'username' | 'role' | 'scopes' | 'isDisabled' | 'mustChangePassword'>) => ({
  username: account.username,
  role: account.role,
  scopes: account.scopes.map((s) => `${s.scheme}:${s.code}`),
  isDisabled: account.isDisabled,
  mustChangePassword: account.mustChangePassword,
});

// Letters and digits that cannot be mistaken for one another when read aloud or copied by hand.
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A temporary password such as 'k7mw-q2xh-9dfa' (about 59 bits), to be replaced at the next sign-in. */
export function temporaryPassword(): string {
  const groups = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join(''));
  return groups.join('-');
}

/**
 * 'reform34:51' texts → scope units, each an existing unit, duplicates dropped; a 400 naming
 * `path.<i>` otherwise. parseScopeTexts(db, ['reform34:51'], 'scopes') → [{ scheme: 'reform34', code: '51' }]
 */
export function parseScopeTexts(db: Db, texts: readonly string[], path: string): ScopeUnit[] {
  const scopes: ScopeUnit[] = [];
  texts.forEach((text, i) => {
    try {
      const { scheme, code } = parseScope(db, text);
      if (!scopes.some((s) => s.scheme === scheme && s.code === code)) scopes.push({ scheme, code });
    } catch (error) {
      if (error instanceof AccountError) throw badRequest(`${path}.${i}`, error.text);
      throw error;
    }
  });
  return scopes;
}

/** A 400 unless a province officer has scope units and the other roles none. */
export function checkScopesFitRole(role: Role, scopes: readonly ScopeUnit[], path = 'scopes'): void {
  if (role === 'province' && scopes.length === 0) {
    throw badRequest(path, msg('account_province_needs_unit'));
  }
  if (role !== 'province' && scopes.length > 0) throw badRequest(path, msg('account_scope_only_province', { role, roleName: roleName(role) }));
}

/** A 409 when the name is taken (names ignore case). */
export function assertUsernameFree(db: Db, username: string): void {
  const taken = db.prepare('SELECT username FROM users WHERE username = ?').pluck().get(username) as string | undefined;
  if (taken !== undefined) {
    throw new ApiError(409, 'conflict', msg('account_username_taken', { name: taken }), [{ path: 'username', message: msg('account_username_taken_field') }]);
  }
}

export interface NewAccountRow {
  username: string;
  role: Role;
  scopes: ScopeUnit[];
  passwordHash: string;
}

/** Inserts accounts with temporary passwords (hashed already) and their audit rows; call inside a transaction. */
export function insertAccounts(db: Db, actor: Actor, rows: readonly NewAccountRow[]): number[] {
  return rows.map((row) => {
    assertUsernameFree(db, row.username);
    const id = insertUser(db, row);
    db.prepare('UPDATE users SET must_change_password = 1 WHERE id = ?').run(id);
    const after = auditState({ ...row, isDisabled: false, mustChangePassword: true });
    recordAudit(db, actor, { action: 'create', entity: 'user', entityId: id, before: null, after });
    return id;
  });
}

/** Creates one account with a temporary password; answers it and the password. */
export async function createAccountWithTemporaryPassword(db: Db, actor: SessionUser, account: Omit<NewAccountRow, 'passwordHash'>): Promise<{ id: number; password: string }> {
  assertUsernameFree(db, account.username);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const [id] = db.transaction(() => insertAccounts(db, actor, [{ ...account, passwordHash }])).immediate();
  return { id: id!, password };
}

/** Changes role and scope units; audited as 'update'. */
export function updateAccount(db: Db, actor: SessionUser, before: StoredAccount, change: { role: Role; scopes: ScopeUnit[] }): void {
  db.transaction(() => {
    db.prepare('UPDATE users SET role = ? WHERE id = ?').run(change.role, before.id);
    setUserScopes(db, before.id, change.scopes);
    recordAudit(db, actor, { action: 'update', entity: 'user', entityId: before.id, before: auditState(before), after: auditState({ ...before, ...change }) });
  }).immediate();
}

/** Disables (ending every session at once) or enables; audited by auth/accounts.ts. */
export function setDisabled(db: Db, actor: SessionUser, account: StoredAccount, isDisabled: boolean): void {
  setAccountDisabled(db, actor, account.username, isDisabled);
}

/** A new temporary password: every session ends, sign-in waits are lifted; audited as 'reset_password'. */
export async function resetToTemporaryPassword(db: Db, actor: SessionUser, account: StoredAccount): Promise<string> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  db.transaction(() => {
    db.prepare('UPDATE users SET password_hash = ?, must_change_password = 1 WHERE id = ?').run(passwordHash, account.id);
    db.prepare('DELETE FROM sessions WHERE user_id = ?').run(account.id);
    db.prepare('DELETE FROM login_failures WHERE username = ?').run(account.username);
    recordAudit(db, actor, { action: 'reset_password', entity: 'user', entityId: account.id, before: auditState(account), after: auditState({ ...account, mustChangePassword: true }) });
  }).immediate();
  return password;
}
