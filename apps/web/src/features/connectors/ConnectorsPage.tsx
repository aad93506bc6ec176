import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectorCredential, ConnectorRun, ConnectorStatus, CredentialCreateBody, CredentialKind } from '@mttq/core';
import { useId, useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../../api/client';
import { meQuery } from '../../api/queries';
import { Forbidden } from '../../components/Forbidden';
import { PanelError } from '../../components/PanelError';
import { formatDateTime, formatMonth, formatNumber } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { registryMessages } from '../registry/messages';
import { connectorMessages } from './messages';
import { addCredential, checkCredential, connectorKeys, connectorRunQuery, connectorStatusQuery, removeCredential, runPagesQuery, startRun } from './queries';
import './connectors.css';

const useM = () => useMessages(connectorMessages);

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
};

function Progress({ run }: { run: ConnectorRun }) {
  const m = useM();
  const { locale } = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  const month = formatMonth(run.month, locale);
  return (
    <div className="run-progress" data-status={run.status}>
      <p aria-live="polite">
        <strong>{run.status === 'running' ? fill(m.running, { month }) : run.status === 'finished' ? fill(m.finished, { month }) : m.runFailed}</strong>
        <br />
        <span className="run-counts">{fill(m.progress, { done: n(run.done), total: n(run.total), collected: n(run.collected), skipped: n(run.skipped), failed: n(run.failed) })}</span>
      </p>
      <progress max={Math.max(run.total, 1)} value={run.done} aria-label={fill(m.running, { month })} />
      {run.quota.youtubeUnits > 0 && <p className="muted">{fill(m.quota, { units: n(run.quota.youtubeUnits), daily: n(run.quota.youtubeDailyUnits) })}</p>}
      {run.message && run.status !== 'running' && (
        <p className="muted">
          {run.message}
        </p>
      )}
    </div>
  );
}

function RunProblems({ runId }: { runId: number }) {
  const m = useM();
  const r = useMessages(registryMessages);
  const failed = useQuery(runPagesQuery(runId, 'failed'));
  if (failed.error) return <PanelError error={failed.error} retry={() => void failed.refetch()} />;
  if (!failed.data) return null;
  return (
    <section aria-labelledby={`failed-${runId}`}>
      <h3 id={`failed-${runId}`}>
        {m.failedPages} ({failed.data.total})
      </h3>
      {failed.data.total === 0 ? (
        <p className="muted">{m.noProblems}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={m.failedPages}>
          <table className="run-pages">
            <thead>
              <tr>
                <th scope="col">{m.colPage}</th>
                <th scope="col">{m.colPlatform}</th>
                <th scope="col">{m.colReason}</th>
                <th scope="col">{m.colMessage}</th>
                <th scope="col" className="num">
                  {m.colAttempts}
                </th>
              </tr>
            </thead>
            <tbody>
              {failed.data.items.map((item) => (
                <tr key={item.pageId}>
                  <th scope="row">
                    <a href={`/pages?id=${item.pageId}`}>{item.pageName}</a>
                  </th>
                  <td>{r[`platform_${item.platform}`]}</td>
                  <td>{item.reason ? m[`reason_${item.reason}`] : ''}</td>
                  <td>{item.message}</td>
                  <td className="num">{item.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CollectNow({ status }: { status: ConnectorStatus }) {
  const m = useM();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const [month, setMonth] = useState(status.defaultMonth);
  const [runId, setRunId] = useState<number | null>(status.currentRun?.id ?? null);
  const selectId = useId();
  const start = useMutation({
    mutationFn: () => startRun(month),
    onSuccess: (run) => {
      setRunId(run.id);
      void queryClient.invalidateQueries({ queryKey: connectorKeys.status });
    },
  });
  const shownId = runId ?? status.currentRun?.id ?? null;
  const run = useQuery({ ...connectorRunQuery(shownId ?? 0), enabled: shownId !== null });
  const running = status.currentRun !== null || run.data?.status === 'running';
  const conflict = start.error instanceof ApiError && start.error.status === 409 ? start.error.message : null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate();
  };
  return (
    <section aria-labelledby="collect-title" className="panel">
      <h2 id="collect-title">{m.collectTitle}</h2>
      <form onSubmit={onSubmit} className="collect-form">
        <label htmlFor={selectId}>{m.monthLabel}</label>
        <select id={selectId} value={month} onChange={(e) => setMonth(e.target.value)}>
          <option value={status.defaultMonth}>{fill(m.monthPrevious, { month: formatMonth(status.defaultMonth, locale) })}</option>
          <option value={nextMonth(status.defaultMonth)}>{fill(m.monthCurrent, { month: formatMonth(nextMonth(status.defaultMonth), locale) })}</option>
        </select>
        <button type="submit" disabled={!status.enabled || running || start.isPending}>
          {start.isPending ? m.starting : m.collectNow}
        </button>
      </form>
      {conflict && <p role="alert">{conflict}</p>}
      {start.error && !conflict && <PanelError error={start.error} retry={() => start.mutate()} />}
      {run.data && <Progress run={run.data} />}
      {run.data && run.data.status !== 'running' && <RunProblems runId={run.data.id} />}
    </section>
  );
}

function RunHistory({ runs }: { runs: ConnectorRun[] }) {
  const m = useM();
  const { locale } = useLocale();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section aria-labelledby="runs-title">
      <h2 id="runs-title">{m.historyTitle}</h2>
      {runs.length === 0 ? (
        <p className="muted">{m.noRuns}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={m.historyTitle}>
          <table className="run-history">
            <thead>
              <tr>
                <th scope="col">{m.colRun}</th>
                <th scope="col">{m.colMonth}</th>
                <th scope="col">{m.colTrigger}</th>
                <th scope="col">{m.colStarted}</th>
                <th scope="col">{m.colStatus}</th>
                <th scope="col">{m.colResult}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <th scope="row">{run.id}</th>
                  <td>{formatMonth(run.month, locale)}</td>
                  <td>{run.trigger === 'schedule' ? m.trigger_schedule : fill(m.trigger_manual, { by: run.startedBy ?? '?' })}</td>
                  <td>{formatDateTime(run.startedAt, locale)}</td>
                  <td>{m[`status_${run.status}`]}</td>
                  <td>
                    {fill(m.progress, {
                      done: formatNumber(run.done, locale),
                      total: formatNumber(run.total, locale),
                      collected: formatNumber(run.collected, locale),
                      skipped: formatNumber(run.skipped, locale),
                      failed: formatNumber(run.failed, locale),
                    })}
                    {run.failed > 0 && run.status !== 'running' && (
                      <>
                        {' '}
                        <button type="button" className="link-button" onClick={() => setOpen(open === run.id ? null : run.id)} aria-expanded={open === run.id}>
                          {m.showFailures}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open !== null && <RunProblems runId={open} />}
    </section>
  );
}

const KINDS: { kind: CredentialKind; platform: 'facebook' | 'youtube' | 'zalo' }[] = [
  { kind: 'system_user_token', platform: 'facebook' },
  { kind: 'page_token', platform: 'facebook' },
  { kind: 'api_key', platform: 'youtube' },
  { kind: 'oa_token', platform: 'zalo' },
];

function Field({ label, name, type = 'text', required = true }: { label: string; name: string; type?: string; required?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type={type} required={required} autoComplete="off" spellCheck={false} />
    </div>
  );
}

function AddCredential() {
  const m = useM();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<CredentialKind>('system_user_token');
  const [done, setDone] = useState<string | null>(null);
  const kindId = useId();
  const add = useMutation({
    mutationFn: addCredential,
    onSuccess: (credential) => {
      setDone(fill(m.added, { label: credential.label }));
      void queryClient.invalidateQueries({ queryKey: connectorKeys.status });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const platform = KINDS.find((k) => k.kind === kind)!.platform;
    const body = { ...data, platform, kind, ...(data.pageId ? { pageId: Number(data.pageId) } : {}) } as unknown as CredentialCreateBody;
    setDone(null);
    add.mutate(body, { onSuccess: () => form.reset() });
  };
  return (
    <form onSubmit={onSubmit} className="credential-form" aria-labelledby="add-credential-title">
      <h3 id="add-credential-title">{m.addTitle}</h3>
      <div className="field">
        <label htmlFor={kindId}>{m.kindLabel}</label>
        <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as CredentialKind)}>
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {m[`kind_${k.kind}`]}
            </option>
          ))}
        </select>
      </div>
      <Field label={m.labelLabel} name="label" />
      {(kind === 'page_token' || kind === 'oa_token') && <Field label={m.pageIdLabel} name="pageId" type="number" />}
      {kind === 'api_key' ? <Field label={m.apiKeyLabel} name="apiKey" type="password" /> : <Field label={m.tokenLabel} name="accessToken" type="password" />}
      {kind === 'oa_token' && (
        <>
          <Field label={m.refreshTokenLabel} name="refreshToken" type="password" />
          <Field label={m.appIdLabel} name="appId" />
          <Field label={m.secretKeyLabel} name="secretKey" type="password" />
        </>
      )}
      <button type="submit" disabled={add.isPending}>
        {m.add}
      </button>
      {add.error instanceof ApiError && (
        <p role="alert" className="field-error">
          {add.error.message}
        </p>
      )}
      {done && <p role="status">{done}</p>}
    </form>
  );
}

function CredentialRow({ credential }: { credential: ConnectorCredential }) {
  const m = useM();
  const r = useMessages(registryMessages);
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: connectorKeys.status });
  const check = useMutation({ mutationFn: () => checkCredential(credential.id), onSettled: refresh });
  const remove = useMutation({ mutationFn: () => removeCredential(credential.id), onSettled: refresh });
  const last = check.data ?? credential.lastCheck;
  return (
    <tr>
      <th scope="row">{credential.label}</th>
      <td>{r[`platform_${credential.platform}`]}</td>
      <td>{m[`kind_${credential.kind}`]}</td>
      <td>{credential.pageName ?? m.allPages}</td>
      <td aria-live="polite">
        {last ? (
          <>
            <strong className={last.ok ? 'check-ok' : 'check-failed'}>{last.ok ? m.checkOk : m.checkFailed}</strong> <span className="muted">{formatDateTime(last.at, locale)}</span>
            <br />
            <span>{last.message}</span>
          </>
        ) : (
          m.neverChecked
        )}
      </td>
      <td className="actions">
        <button type="button" onClick={() => check.mutate()} disabled={check.isPending}>
          {m.check}
        </button>{' '}
        <button
          type="button"
          onClick={() => {
            if (window.confirm(fill(m.confirmRemove, { label: credential.label }))) remove.mutate();
          }}
          disabled={remove.isPending}
        >
          {m.remove}
        </button>
      </td>
    </tr>
  );
}

function Credentials({ credentials }: { credentials: ConnectorCredential[] }) {
  const m = useM();
  const r = useMessages(registryMessages);
  return (
    <section aria-labelledby="credentials-title">
      <h2 id="credentials-title">{m.credentialsTitle}</h2>
      <p className="muted">{m.credentialsLead}</p>
      {credentials.length === 0 ? (
        <p className="muted">{m.noCredentials}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={m.credentialsTitle}>
          <table className="credentials">
            <thead>
              <tr>
                <th scope="col">{m.colLabel}</th>
                <th scope="col">{r.colPlatform}</th>
                <th scope="col">{m.colKind}</th>
                <th scope="col">{m.colForPage}</th>
                <th scope="col">{m.colCheck}</th>
                <th scope="col">
                  <span className="visually-hidden">{m.check}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {credentials.map((credential) => (
                <CredentialRow key={credential.id} credential={credential} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddCredential />
    </section>
  );
}

function ConnectorsView({ isAdmin }: { isAdmin: boolean }) {
  const m = useM();
  const r = useMessages(registryMessages);
  const { t } = useLocale();
  const status = useQuery(connectorStatusQuery());
  if (status.error) return <PanelError error={status.error} retry={() => void status.refetch()} />;
  if (!status.data) return <p aria-live="polite">{t.loading}</p>;
  const data = status.data;
  return (
    <>
      {!data.enabled && (
        <div className="panel notice" role="note">
          <h2>{m.off}</h2>
          <p>{data.disabledReason}</p>
        </div>
      )}
      {data.enabled && <p>{data.collectDay === null ? m.noSchedule : fill(m.schedule, { day: data.collectDay })}</p>}
      <section aria-labelledby="platforms-title">
        <h2 id="platforms-title">{m.platformsTitle}</h2>
        <ul className="platforms">
          {data.platforms.map((p) => (
            <li key={p.platform} data-platform={p.platform}>
              <strong>{r[`platform_${p.platform}`]}</strong>
              {p.collectable ? ` — ${fill(m.credentialsCount, { count: p.credentials })}` : ` — ${m.manualOnly}`}
              <br />
              <span className="muted">
                {p.note}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <CollectNow status={data} />
      <RunHistory runs={data.runs} />
      {isAdmin && <Credentials credentials={data.credentials} />}
    </>
  );
}

/** `/connectors`: automatic collection for central staff and admins; credentials for admins. */
export function ConnectorsPage() {
  const m = useM();
  const { t } = useLocale();
  const { pathname, search } = useLocation();
  const me = useQuery(meQuery());
  if (me.error) return <PanelError error={me.error} retry={() => void me.refetch()} />;
  if (!me.data) return <p aria-live="polite">{t.loading}</p>;
  const user = me.data.user;
  if (!user) return <Navigate to={`/sign-in?next=${encodeURIComponent(pathname + search)}`} replace />;
  return (
    <div className="connectors-page">
      <h1>{m.title}</h1>
      <p className="lead">{m.lead}</p>
      {user.role === 'admin' || user.role === 'central' ? <ConnectorsView isAdmin={user.role === 'admin'} /> : <Forbidden needs={m.needsStaff} />}
    </div>
  );
}

