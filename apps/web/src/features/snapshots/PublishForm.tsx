import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SCHEME_IDS } from '@mttq/core/rules';
import type { CreateSnapshotBody, SchemeId, Snapshot } from '@mttq/core';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { useLocale, useMessages } from '../../i18n/locale';
import { formatDate } from '../../i18n/format';
import { fill } from '../../i18n/messages';
import { presentHref } from '../presentation/presentation-search';
import { snapshotMessages } from './messages';
import { publishSnapshot, snapshotKeys } from './queries';
import { splitServerErrors } from '../../api/server-errors';
import { asOfBounds, emptySnapshotForm, NAME_MAX, SNAPSHOT_FIELDS, validateSnapshotForm, type SnapshotField, type SnapshotFieldErrors, type SnapshotFormValues } from './snapshot-form';
import { vietnamToday } from './vietnam-time';
import { DateField } from '../../components/date-field/DateField';

/** "Công bố bản chốt số liệu" (admin, central staff): name, scheme and date, defaulting to the dashboard's view. */
export function PublishForm({ view }: { view: { scheme: SchemeId; asOf: string | null } }) {
  const { t, locale } = useLocale();
  const m = useMessages(snapshotMessages);
  const queryClient = useQueryClient();
  const id = useId();
  const today = vietnamToday();
  const [values, setValues] = useState<SnapshotFormValues>(() => emptySnapshotForm(view, today));
  const [errors, setErrors] = useState<SnapshotFieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [published, setPublished] = useState<Snapshot | null>(null);
  /** The body the server refused as a second snapshot of the same name and date, until confirmed or changed. */
  const [duplicate, setDuplicate] = useState<CreateSnapshotBody | null>(null);
  const fieldRefs = {
    name: useRef<HTMLInputElement>(null),
    scheme: useRef<HTMLSelectElement>(null),
  };

  const focusFirstError = (found: SnapshotFieldErrors) => {
    const first = (['name', 'scheme', 'asOf'] as const).find((field) => found[field]);
    if (first === 'asOf') document.getElementById(`${id}-asOf`)?.focus();
    else if (first) fieldRefs[first].current?.focus();
  };

  const publish = useMutation({
    mutationFn: publishSnapshot,
    onSuccess: async (snapshot) => {
      queryClient.setQueryData(snapshotKeys.detail(snapshot.id), snapshot);
      setPublished(snapshot);
      setValues((v) => ({ ...v, name: '' }));
      await queryClient.invalidateQueries({ queryKey: snapshotKeys.all });
    },
    onError: (error, body) => {
      if (!(error instanceof ApiError) || error.isUnauthorized) return;
      if (error.status === 409 && error.code === 'duplicate_snapshot') {
        setDuplicate(body);
        return;
      }
      const split = splitServerErrors(error, SNAPSHOT_FIELDS);
      setErrors(split.fields);
      setGeneral(split.general);
      focusFirstError(split.fields);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setPublished(null);
    setGeneral([]);
    setDuplicate(null);
    const result = validateSnapshotForm(values, today, m, locale);
    if (result.errors) {
      setErrors(result.errors);
      focusFirstError(result.errors);
      return;
    }
    setErrors({});
    publish.mutate(result.body);
  };

  const bounds = asOfBounds(values.scheme, today);
  const errorId = (field: SnapshotField) => `${id}-${field}-error`;
  const describedBy = (field: SnapshotField, hint?: string) => [hint, errors[field] ? errorId(field) : null].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: SnapshotField) =>
    errors[field] ? (
      <p id={errorId(field)} className="field-error">
        {errors[field]}
      </p>
    ) : null;
  const hasErrors = Object.keys(errors).length > 0 || general.length > 0;

  return (
    <section className="panel publish-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{m.publishTitle}</h2>
      <p className="muted">{m.publishLead}</p>
      <form onSubmit={onSubmit} noValidate>
        {hasErrors && (
          <div role="alert" className="form-errors">
            <p>{general.length > 0 ? fill(m.errGeneral, { message: general.join(' · ') }) : m.errSummary}</p>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-name`}>{m.fieldName}</label>
          <input
            ref={fieldRefs.name}
            id={`${id}-name`}
            name="name"
            type="text"
            maxLength={NAME_MAX + 40}
            value={values.name}
            onChange={(e) => {
              setDuplicate(null);
              setValues((v) => ({ ...v, name: e.target.value }));
            }}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy('name', `${id}-name-hint`)}
            autoComplete="off"
          />
          <small id={`${id}-name-hint`}>{m.fieldNameHint}</small>
          {fieldError('name')}
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-scheme`}>{m.fieldScheme}</label>
            <select
              ref={fieldRefs.scheme}
              id={`${id}-scheme`}
              name="scheme"
              value={values.scheme}
              onChange={(e) => {
                const scheme = e.target.value as SchemeId;
                setValues((v) => {
                  const next = asOfBounds(scheme, today);
                  const keep = v.asOf >= next.min && v.asOf <= next.max;
                  return { ...v, scheme, asOf: keep ? v.asOf : emptySnapshotForm({ scheme, asOf: null }, today).asOf };
                });
              }}
              aria-invalid={errors.scheme ? true : undefined}
              aria-describedby={describedBy('scheme')}
            >
              {SCHEME_IDS.map((scheme) => (
                <option key={scheme} value={scheme}>
                  {t[`scheme_${scheme}`]}
                </option>
              ))}
            </select>
            {fieldError('scheme')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-asOf`}>{m.fieldAsOf}</label>
            <DateField
              id={`${id}-asOf`}
              name="asOf"
              min={bounds.min}
              max={bounds.max}
              value={values.asOf}
              onChange={(asOf) => {
                setDuplicate(null);
                setValues((v) => ({ ...v, asOf }));
              }}
              aria-invalid={errors.asOf ? true : undefined}
              aria-describedby={describedBy('asOf')}
            />
            {fieldError('asOf')}
          </div>
        </div>
        {duplicate ? (
          <div role="alert" className="form-errors duplicate-warning">
            <p>{fill(m.duplicateWarning, { name: duplicate.name, date: formatDate(duplicate.asOf, locale) })}</p>
            <button type="button" className="primary" disabled={publish.isPending} onClick={() => publish.mutate({ ...duplicate, confirmDuplicate: true }, { onSuccess: () => setDuplicate(null) })}>
              {publish.isPending ? m.publishing : m.duplicateConfirm}
            </button>{' '}
            <button
              type="button"
              onClick={() => {
                setDuplicate(null);
                fieldRefs.name.current?.focus();
              }}
            >
              {m.duplicateRename}
            </button>
          </div>
        ) : (
          <button type="submit" className="primary" disabled={publish.isPending}>
            {publish.isPending ? m.publishing : m.publish}
          </button>
        )}
      </form>
      <div role="status" className="publish-status">
        {published && (
          <p>
            {fill(m.published, { name: published.name })} <Link to={`/snapshots/${published.id}`}>{m.view}</Link> ·{' '}
            <Link to={presentHref({ snapshot: published.id })}>{m.present}</Link>
          </p>
        )}
      </div>
    </section>
  );
}
