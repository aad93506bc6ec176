import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ACCOUNT_ROLES, roleRank, type Account, type AccountBulkResult, type AccountRole } from '@mttq/core';
import { useId, useState, type FormEvent } from 'react';
import type { SessionUser } from '../../api/queries';
import { describeScopes } from '../../api/session';
import { useLocale } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { accountKeys, accountListQuery, createAccount, resetAccountPassword, setAccountDisabled, splitScopes, updateAccount, uploadAccounts } from './queries';
import { LabelledInput, Notice, ServerError, useAccountMessages, useFields } from './ui';

/** The roles `user` may give: none above their own; a province officer only 'province'. */
export const grantableRoles = (user: Pick<SessionUser, 'role'>): AccountRole[] =>
  user.role === 'province' ? ['province'] : ACCOUNT_ROLES.filter((role) => roleRank(role) <= roleRank(user.role));

const scopeText = (account: Account) => account.scopes.map((s) => `${s.scheme}:${s.code}`).join(', ');

function RoleSelect({ user, value, onChange, label }: { user: SessionUser; value: AccountRole; onChange: (role: AccountRole) => void; label: string }) {
  const { t } = useLocale();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name="role" value={value} onChange={(e) => onChange(e.target.value as AccountRole)}>
        {grantableRoles(user).map((role) => (
          <option key={role} value={role}>
            {t[`role_${role}`]} ({role})
          </option>
        ))}
      </select>
    </div>
  );
}

/** Create one account; the temporary password is shown once. */
function CreateAccountForm({ user }: { user: SessionUser }) {
  const m = useAccountMessages();
  const queryClient = useQueryClient();
  const { fields, bind, reset } = useFields({ username: '', scopes: '' });
  const [role, setRole] = useState<AccountRole>('province');
  const create = useMutation({
    mutationFn: () => createAccount({ username: fields.username.trim(), role, scopes: role === 'province' ? splitScopes(fields.scopes) : [] }),
    onSuccess: async () => {
      reset();
      await queryClient.invalidateQueries({ queryKey: accountKeys.list });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="panel" onSubmit={onSubmit} aria-labelledby="create-account-title">
      <h2 id="create-account-title">{m.createTitle}</h2>
      <LabelledInput label={m.colUsername} autoComplete="off" required {...bind('username')} />
      <RoleSelect user={user} value={role} onChange={setRole} label={m.role} />
      {role === 'province' && <LabelledInput label={m.scopes} hint={m.scopesHint} required {...bind('scopes')} />}
      {create.isError && <ServerError error={create.error} />}
      {create.data && (
        <Notice>
          <p>{fill(m.created, { username: create.data.account.username })}</p>
          <p>
            {m.temporaryPasswordLabel} <code className="temporary-password">{create.data.temporaryPassword}</code>
          </p>
          <p>{m.temporaryPasswordNote}</p>
        </Notice>
      )}
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? m.creating : m.createButton}
      </button>
    </form>
  );
}

/** Many accounts from a file: a dry run lists every row and its errors; creating is offered once none has one. */
function BulkCreate() {
  const m = useAccountMessages();
  const queryClient = useQueryClient();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: (dryRun: boolean) => uploadAccounts(file!, dryRun),
    onSuccess: async (result) => {
      if (!result.dryRun) await queryClient.invalidateQueries({ queryKey: accountKeys.list });
    },
  });
  const result: AccountBulkResult | undefined = run.data;
  return (
    <section className="panel" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{m.bulkTitle}</h2>
      <p>{m.bulkLead}</p>
      <div className="field">
        <label htmlFor={fileId}>{m.bulkFile}</label>
        <input
          id={fileId}
          type="file"
          name="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            run.reset();
          }}
        />
      </div>
      <button type="button" disabled={!file || run.isPending} onClick={() => run.mutate(true)}>
        {run.isPending ? m.bulkChecking : m.bulkCheck}
      </button>
      {result?.dryRun && result.invalid === 0 && (
        <button type="button" disabled={run.isPending} onClick={() => run.mutate(false)}>
          {fill(m.bulkCreate, { count: result.rows.length })}
        </button>
      )}
      {run.isError && <ServerError error={run.error} />}
      {result && (
        <>
          <p role="status">
            {result.dryRun
              ? fill(result.invalid === 0 ? m.bulkSummaryOk : m.bulkSummaryBad, { invalid: result.invalid, total: result.rows.length })
              : fill(m.bulkCreated, { count: result.created })}
          </p>
          <table className="bulk-table">
            <thead>
              <tr>
                <th scope="col">{m.colRow}</th>
                <th scope="col">{m.colUsername}</th>
                <th scope="col">{m.role}</th>
                <th scope="col">{m.scopes}</th>
                <th scope="col">{result.dryRun ? m.colErrors : m.colTemporaryPassword}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={row.row} className={row.errors.length > 0 ? 'has-error' : undefined}>
                  <td>{row.row}</td>
                  <td>{row.username}</td>
                  <td>{row.role}</td>
                  <td>{row.scopes.join(', ')}</td>
                  <td>
                    {row.temporaryPassword !== null ? (
                      <code>{row.temporaryPassword}</code>
                    ) : row.errors.length === 0 ? (
                      m.noErrors
                    ) : (
                      <ul>
                        {row.errors.map((error) => (
                          <li key={`${error.column}:${error.message}`}>
                            {error.column}: {error.message}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** One account's row, its actions, and its change form when open. */
function AccountRow({ account, user, onDone }: { account: Account; user: SessionUser; onDone: (message: string | null, error: unknown) => void }) {
  const m = useAccountMessages();
  const { t } = useLocale();
  const queryClient = useQueryClient();
  const [isEditing, setEditing] = useState(false);
  const [role, setRole] = useState<AccountRole>(account.role);
  const [scopes, setScopes] = useState(scopeText(account));
  const settle = {
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.list }),
    onError: (error: unknown) => onDone(null, error),
  };
  const toggle = useMutation({ mutationFn: () => setAccountDisabled(account.id, !account.isDisabled), ...settle, onSuccess: () => onDone(null, null) });
  const reset = useMutation({
    mutationFn: () => resetAccountPassword(account.id),
    ...settle,
    onSuccess: (answer) => onDone(fill(m.passwordResetFor, { username: answer.account.username, password: answer.temporaryPassword }), null),
  });
  const save = useMutation({
    mutationFn: () => updateAccount(account.id, { role, scopes: role === 'province' ? splitScopes(scopes) : [] }),
    ...settle,
    onSuccess: () => {
      setEditing(false);
      onDone(null, null);
    },
  });
  const state = account.isDisabled ? m.state_disabled : account.mustChangePassword ? m.state_mustChange : m.state_active;
  const label = (action: string) => fill(m.actionFor, { action, username: account.username });
  return (
    <tr>
      <th scope="row">{account.username}</th>
      <td>{t[`role_${account.role}`]}</td>
      <td>{describeScopes(account.scopes) ?? t.scopeEverywhere}</td>
      <td>{state}</td>
      <td className="account-actions">
        {isEditing ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate();
            }}
          >
            <RoleSelect user={user} value={role} onChange={setRole} label={m.role} />
            {role === 'province' && <LabelledInput label={m.scopes} hint={m.scopesHint} value={scopes} onChange={(e) => setScopes(e.target.value)} />}
            <button type="submit" disabled={save.isPending}>
              {m.save}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {m.cancel}
            </button>
          </form>
        ) : (
          <>
            <button type="button" aria-label={label(m.edit)} onClick={() => setEditing(true)}>
              {m.edit}
            </button>
            <button
              type="button"
              aria-label={label(account.isDisabled ? m.enable : m.disable)}
              disabled={toggle.isPending}
              onClick={() => (account.isDisabled || window.confirm(fill(m.confirmDisable, { username: account.username }))) && toggle.mutate()}
            >
              {account.isDisabled ? m.enable : m.disable}
            </button>
            <button type="button" aria-label={label(m.resetPassword)} disabled={reset.isPending} onClick={() => reset.mutate()}>
              {m.resetPassword}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

/** Manage accounts: the list of those the user may manage, with row actions, and the create forms. */
export function AccountsPage({ user }: { user: SessionUser }) {
  const m = useAccountMessages();
  const { t } = useLocale();
  const accounts = useQuery(accountListQuery());
  const [outcome, setOutcome] = useState<{ message: string | null; error: unknown }>({ message: null, error: null });
  const who = user.role === 'province' ? fill(m.manageScope, { scope: describeScopes(user.scopes) ?? '' }) : m.manageAll;
  return (
    <>
      <h1>{m.manageTitle}</h1>
      <p>{fill(m.manageLead, { who })}</p>
      <CreateAccountForm user={user} />
      <BulkCreate />
      <section className="panel" aria-labelledby="accounts-title">
        <h2 id="accounts-title">{m.listTitle}</h2>
        {outcome.error !== null && <ServerError error={outcome.error} />}
        {outcome.message && <Notice>{outcome.message}</Notice>}
        {accounts.isPending && <p>{t.loading}</p>}
        {accounts.isError && <ServerError error={accounts.error} />}
        {accounts.data?.items.length === 0 && <p>{m.listEmpty}</p>}
        {accounts.data && accounts.data.items.length > 0 && (
          <div className="table-scroll">
            <table className="accounts-table">
              <thead>
                <tr>
                  <th scope="col">{m.colUsername}</th>
                  <th scope="col">{m.role}</th>
                  <th scope="col">{m.scopes}</th>
                  <th scope="col">{m.colState}</th>
                  <th scope="col">{m.colActions}</th>
                </tr>
              </thead>
              <tbody>
                {accounts.data.items.map((account) => (
                  <AccountRow key={account.id} account={account} user={user} onDone={(message, error) => setOutcome({ message, error })} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
