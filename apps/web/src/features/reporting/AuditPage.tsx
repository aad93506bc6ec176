import { useQuery } from '@tanstack/react-query';
import { auditQuerySchema, type AuditLogEntry } from '@mttq/core';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { PanelError } from '../../components/PanelError';
import { useLocale } from '../../i18n/locale';
import { toFieldErrors, type FieldErrors } from './form-errors';
import { auditQuery, type AuditInput } from './queries';
import { Field, FormAlert, fieldErrorCount, useReportingMessages } from './ui';
import { DateField } from '../../components/date-field/DateField';
import { formatDateTime } from '../../i18n/format';
import { fill } from '../../i18n/messages';

const AUDIT_PAGE_SIZE = 50;
export const AUDIT_ENTITIES = ['page', 'page_assignment', 'page_status_event', 'metric_snapshot', 'reporting_period', 'province_report', 'import', 'snapshot', 'user'] as const;
const AUDIT_ACTIONS = ['create', 'update', 'delete', 'import', 'reset_password', 'disable', 'enable'] as const;
const FILTER_KEYS = ['entity', 'entityId', 'username', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Record<FilterKey, string>;

const readFilters = (params: URLSearchParams): Filters =>
  Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? ''])) as Filters;

function Snapshot({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <div className="snapshot">
      <strong>{label}</strong>
      <pre lang="en">{JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}

/** What an entry is about, by name (page, unit with province, account, file); each id on hover. */
function AuditSubjectNames({ entry, label }: { entry: AuditLogEntry; label: string }) {
  const m = useReportingMessages();
  const { page, unit, user, label: named } = entry.subject;
  const idTitle = (id: string | number) => fill(m.auditIdTitle, { id: String(id) });
  const names = [
    page && { key: 'page', text: page.name, title: idTitle(page.id) },
    unit && { key: 'unit', text: unit.province ? `${unit.name}, ${unit.province}` : unit.name, title: idTitle(`${unit.scheme}:${unit.code}`) },
    user && { key: 'user', text: user.username, title: idTitle(user.id) },
    named && { key: 'label', text: named, title: idTitle(entry.entityId ?? '') },
  ].filter((name) => !!name);
  return (
    <>
      <span title={entry.entityId ? idTitle(entry.entityId) : undefined}>{label}</span>
      {names.length === 0
        ? entry.entityId && <span className="muted"> {entry.entityId}</span>
        : names.map((name) => (
            <div key={name.key} className="audit-name" title={name.title}>
              {name.text}
            </div>
          ))}
    </>
  );
}

function AuditRow({ entry }: { entry: AuditLogEntry }) {
  const { locale } = useLocale();
  const m = useReportingMessages();
  const entityLabel = (AUDIT_ENTITIES as readonly string[]).includes(entry.entity) ? m[`entity_${entry.entity as (typeof AUDIT_ENTITIES)[number]}`] : entry.entity;
  const actionLabel = (AUDIT_ACTIONS as readonly string[]).includes(entry.action) ? m[`action_${entry.action as (typeof AUDIT_ACTIONS)[number]}`] : entry.action;
  return (
    <tr>
      <td>
        <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
      </td>
      <td>{entry.username}</td>
      <td>{actionLabel}</td>
      <td>
        <AuditSubjectNames entry={entry} label={entityLabel} />
      </td>
      <td>
        <details>
          <summary>{m.showBeforeAfter}</summary>
          <Snapshot label={m.before} value={entry.before} />
          <Snapshot label={m.after} value={entry.after} />
        </details>
      </td>
    </tr>
  );
}

/** `/report/audit?entity&entityId&username&from&to&cursor`: who changed what, newest first. */
export function AuditPage() {
  const { t } = useLocale();
  const m = useReportingMessages();
  const [params, setParams] = useSearchParams();
  const applied = readFilters(params);
  const [draft, setDraft] = useState<Filters>(applied);
  const [errors, setErrors] = useState<FieldErrors>({});
  const cursor = params.get('cursor');
  const input: AuditInput = {
    entity: applied.entity || null,
    entityId: applied.entityId || null,
    username: applied.username || null,
    from: applied.from || null,
    to: applied.to || null,
    limit: AUDIT_PAGE_SIZE,
    cursor,
  };
  const audit = useQuery(auditQuery(input));

  const apply = (filters: Filters, nextCursor: string | null = null) =>
    setParams(() => {
      const next = new URLSearchParams();
      for (const key of FILTER_KEYS) if (filters[key].trim()) next.set(key, filters[key].trim());
      if (nextCursor) next.set('cursor', nextCursor);
      return next;
    });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = auditQuerySchema.safeParse(Object.fromEntries(FILTER_KEYS.filter((k) => draft[k].trim()).map((k) => [k, draft[k].trim()])));
    if (!parsed.success) {
      setErrors(toFieldErrors(parsed.error.issues, { entity: 'text', entityId: 'text', username: 'text', from: 'date', to: 'date' }, m));
      return;
    }
    if (parsed.data.from && parsed.data.to && parsed.data.from > parsed.data.to) {
      setErrors({ to: m.errDate });
      return;
    }
    setErrors({});
    apply(draft);
  };

  const set = (key: FilterKey, value: string) => setDraft({ ...draft, [key]: value });
  const data = audit.data;
  const isUnauthorized = audit.error instanceof ApiError && audit.error.isUnauthorized;

  return (
    <>
      <h1>{m.auditTitle}</h1>
      <p className="lead">{m.auditLead}</p>
      <form className="panel report-form audit-filters" onSubmit={onSubmit} noValidate aria-label={m.applyFilters}>
        <FormAlert messages={[]} fieldErrorCount={fieldErrorCount(errors)} />
        <div className="field-row">
          <Field label={m.fieldEntity} error={errors.entity}>
            {(props) => (
              <select {...props} name="entity" value={draft.entity} onChange={(e) => set('entity', e.target.value)}>
                <option value="">{m.entityAll}</option>
                {AUDIT_ENTITIES.map((entity) => (
                  <option key={entity} value={entity}>
                    {m[`entity_${entity}`]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={m.fieldEntityId} hint={m.fieldEntityIdHint} error={errors.entityId}>
            {(props) => <input {...props} name="entityId" maxLength={200} value={draft.entityId} onChange={(e) => set('entityId', e.target.value)} />}
          </Field>
          <Field label={m.fieldUsername} error={errors.username}>
            {(props) => <input {...props} name="username" maxLength={64} value={draft.username} onChange={(e) => set('username', e.target.value)} />}
          </Field>
          <Field label={m.fieldFrom} error={errors.from}>
            {(props) => <DateField {...props} name="from" value={draft.from} onChange={(value) => set('from', value)} />}
          </Field>
          <Field label={m.fieldTo} error={errors.to}>
            {(props) => <DateField {...props} name="to" value={draft.to} onChange={(value) => set('to', value)} />}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary">
            {m.applyFilters}
          </button>
          <button
            type="button"
            onClick={() => {
              const empty = readFilters(new URLSearchParams());
              setDraft(empty);
              setErrors({});
              apply(empty);
            }}
          >
            {m.clearFilters}
          </button>
        </div>
      </form>
      {isUnauthorized ? null : audit.isError && !data ? (
        <PanelError error={audit.error} retry={() => void audit.refetch()} />
      ) : !data ? (
        <p aria-live="polite" className="reserve">
          {t.loading}
        </p>
      ) : (
        <section aria-busy={audit.isFetching} className={audit.isPlaceholderData ? 'stale' : undefined}>
          {data.items.length === 0 ? (
            <p>{m.auditEmpty}</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={m.auditTableName}>
              <table className="audit-table">
                <thead>
                  <tr>
                    <th scope="col">{m.colAt}</th>
                    <th scope="col">{m.colUser}</th>
                    <th scope="col">{m.colAction}</th>
                    <th scope="col">{m.colEntity}</th>
                    <th scope="col">{m.colDetail}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((entry) => (
                    <AuditRow key={entry.id} entry={entry} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="form-actions">
            {cursor && (
              <button type="button" onClick={() => apply(applied)}>
                {m.newestEntries}
              </button>
            )}
            {data.nextCursor && (
              <button type="button" onClick={() => apply(applied, data.nextCursor)}>
                {m.olderEntries}
              </button>
            )}
          </div>
        </section>
      )}
    </>
  );
}
