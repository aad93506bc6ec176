/**
 * Many accounts from one spreadsheet (CSV or XLSX): columns username (Tên đăng nhập), role (Vai
 * trò) and scope (Phạm vi, units separated by commas). The file is read with the import's readers
 * (imports/: decoding, CSV splitting, XLSX unpacking, cell cleaning) under tight limits: the
 * file is at most 60 KB, so it is read on the request's thread. Every row is checked (a dry run
 * stops there); a commit creates every account in one transaction, or none when a row is wrong.
 */
import { accountRoleSchema, foldDiacritics, MAX_ACCOUNT_ROWS, usernameSchema, type AccountBulkRow } from '@mttq/core';
import { AccountError, parseScope } from '../auth/accounts';
import { hashPassword } from '../auth/passwords';
import type { ScopeUnit } from '../auth/scope-image';
import { roleName, type Role, type SessionUser } from '../auth/user';
import type { Db } from '../db/connection';
import { ApiError, type ErrorText } from '../http/errors';
import { issueMessage } from '../http/router';
import type { Services } from '../http/services';
import { msg, render, type Lang, type Message } from '../messages';
import { decodeText, isLegacyExcel, isZip } from '../imports/decode';
import { splitCsv } from '../imports/parse-csv';
import { cleanCell, sniffSeparator, xlsxText } from '../imports/parse-table';
import { readXlsx } from '../imports/parse-xlsx';
import { DEFAULT_UPLOAD_LIMITS, UploadRefusal, type UploadLimits } from '../imports/upload-limits';
import { insertAccounts, temporaryPassword } from './account-writes';
import { assertMayGiveRole, assertScopesInside } from './policy';

/** A 60 KB file never needs more than this; a zip bomb is stopped while it inflates. */
const LIMITS: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, maxInflatedBytes: 4 * 1024 * 1024, maxCells: 50_000, maxCellLength: 2_000, maxTextLength: 1_000_000, timeoutMs: 2_000 };

const COLUMNS = {
  username: ['username', 'ten dang nhap', 'tai khoan'],
  role: ['role', 'vai tro'],
  scope: ['scope', 'scopes', 'pham vi'],
} as const;
type ColumnKey = keyof typeof COLUMNS;
const COLUMN_NAMES: Record<ColumnKey, string> = { username: 'Tên đăng nhập (username)', role: 'Vai trò (role)', scope: 'Phạm vi (scope)' };

const columnOf = (header: string): ColumnKey | undefined => {
  const folded = foldDiacritics(header).toLowerCase().trim();
  return (Object.keys(COLUMNS) as ColumnKey[]).find((key) => (COLUMNS[key] as readonly string[]).includes(folded));
};

const refuse = (message: Message) => new ApiError(422, 'unprocessable', message);

/** The file's rows as cleaned text cells, numbered as the spreadsheet shows them. */
function readRows(bytes: Uint8Array): Array<{ row: number; cells: string[] }> {
  if (bytes.byteLength === 0) throw refuse(msg('account_file_empty'));
  if (isLegacyExcel(bytes)) throw refuse(msg('account_file_old_excel'));
  try {
    if (isZip(bytes)) {
      return readXlsx(bytes, LIMITS, (rows) => rows.some((r) => r.values.some((v) => columnOf(xlsxText(v, undefined)) === 'username'))).map((r) => ({
        row: r.row,
        cells: r.values.map((v) => cleanCell(xlsxText(v, undefined))),
      }));
    }
    const { text } = decodeText(bytes);
    return splitCsv(text, sniffSeparator(text), LIMITS).map((cells, i) => ({ row: i + 1, cells: cells.map(cleanCell) }));
  } catch (error) {
    if (error instanceof UploadRefusal) throw new ApiError(error.status, error.code, error.text, error.details);
    throw error;
  }
}

interface CheckedRow extends Omit<AccountBulkRow, 'errors'> {
  errors: Array<{ column: string; message: ErrorText }>;
  account: { username: string; role: Role; scopes: ScopeUnit[] } | null;
}

/** Every data row checked against the manager's rights, the registry, the stored accounts and the rest of the file. */
export function checkAccountFile(services: Services, manager: SessionUser, bytes: Uint8Array): CheckedRow[] {
  const rows = readRows(bytes);
  const headerIndex = rows.findIndex((r) => r.cells.some((cell) => columnOf(cell) === 'username'));
  if (headerIndex < 0) throw refuse(msg('account_file_no_header', { columns: Object.values(COLUMN_NAMES).join(', ') }));
  const header = rows[headerIndex]!;
  const index = new Map<ColumnKey, number>();
  header.cells.forEach((cell, i) => {
    const key = columnOf(cell);
    if (key && !index.has(key)) index.set(key, i);
  });
  if (!index.has('role')) throw refuse(msg('account_file_no_role_column', { row: String(header.row), column: COLUMN_NAMES.role }));
  const data = rows.slice(headerIndex + 1).filter((r) => r.cells.some((cell) => cell !== ''));
  if (data.length === 0) throw refuse(msg('account_file_no_rows', { row: String(header.row) }));
  if (data.length > MAX_ACCOUNT_ROWS) throw refuse(msg('account_file_too_many_rows', { count: data.length, max: MAX_ACCOUNT_ROWS }));

  const seen = new Map<string, number>();
  return data.map(({ row, cells }) => {
    const cell = (key: ColumnKey) => (index.has(key) ? (cells[index.get(key)!] ?? '') : '');
    const errors: CheckedRow['errors'] = [];
    const fail = (key: ColumnKey, message: ErrorText) => errors.push({ column: COLUMN_NAMES[key], message });
    const scopeTexts = cell('scope').split(/[,;]/u).map((s) => s.trim()).filter((s) => s !== '');

    const username = usernameSchema.safeParse(cell('username'));
    if (!username.success) fail('username', username.error.issues[0] ? issueMessage(username.error.issues[0]) : msg('account_row_username_invalid'));
    else {
      const key = username.data.toLowerCase();
      const earlier = seen.get(key);
      if (earlier !== undefined) fail('username', msg('account_row_duplicate', { row: String(earlier) }));
      else seen.set(key, row);
      const taken = services.db.prepare('SELECT username FROM users WHERE username = ?').pluck().get(username.data) as string | undefined;
      if (taken !== undefined) fail('username', msg('account_row_username_exists', { name: taken }));
    }

    const role = accountRoleSchema.safeParse(cell('role').toLowerCase());
    if (!role.success) fail('role', msg('account_row_role_unknown', { value: cell('role') }));
    else rowCheck(() => assertMayGiveRole(manager, role.data), (message) => fail('role', message));

    const scopes: ScopeUnit[] = [];
    for (const text of scopeTexts) {
      rowCheck(
        () => {
          const { scheme, code } = parseScope(services.db, text);
          scopes.push({ scheme, code });
        },
        (message) => fail('scope', message),
      );
    }
    if (role.success) {
      if (role.data === 'province' && scopeTexts.length === 0) fail('scope', msg('account_row_province_needs_unit'));
      if (role.data !== 'province' && scopeTexts.length > 0) fail('scope', msg('account_row_scope_only_province', { role: role.data, roleName: roleName(role.data) }));
    }
    rowCheck(() => assertScopesInside(services, manager, scopes), (message) => fail('scope', message));

    const account = errors.length === 0 && username.success && role.success ? { username: username.data, role: role.data, scopes } : null;
    return { row, username: cell('username'), role: cell('role'), scopes: scopeTexts, errors, temporaryPassword: null, account };
  });
}

/** Runs a check, handing its refusal's message (a person can fix it) to `onFail`. */
function rowCheck(check: () => void, onFail: (message: ErrorText) => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof AccountError || error instanceof ApiError) onFail(error.text);
    else throw error;
  }
}

/**
 * Creates every account of checked rows that are all valid, in one transaction; each row gets its
 * temporary password. A 422 listing every bad row when any is wrong: nothing is created.
 */
export async function createCheckedAccounts(db: Db, manager: SessionUser, rows: CheckedRow[]): Promise<AccountBulkRow[]> {
  const bad = rows.filter((r) => r.errors.length > 0);
  if (bad.length > 0) {
    const details = bad.flatMap((r) => r.errors.map((e) => ({ path: `row ${r.row}, ${e.column}`, message: e.message })));
    throw new ApiError(422, 'unprocessable', msg('account_file_rows_have_errors', { bad: bad.length, total: rows.length }), details);
  }
  const prepared: Array<{ row: CheckedRow; password: string; passwordHash: string }> = [];
  for (const row of rows) {
    const password = temporaryPassword();
    prepared.push({ row, password, passwordHash: await hashPassword(password) });
  }
  db.transaction(() => insertAccounts(db, manager, prepared.map((p) => ({ ...p.row.account!, passwordHash: p.passwordHash })))).immediate();
  return prepared.map(({ row: { account: _account, ...row }, password }) => ({ ...row, errors: [], temporaryPassword: password }));
}

/** A checked row as a dry run answers it, its errors in `lang` with their keys and parameters. */
export function toBulkRow({ account: _account, errors, ...row }: CheckedRow, lang: Lang): AccountBulkRow {
  return {
    ...row,
    errors: errors.map(({ column, message }) =>
      typeof message === 'string' ? { column, message, key: 'unprocessable', params: {} } : { column, message: render(message, lang), key: message.key, params: message.params },
    ),
  };
}
