import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { OWNERS, pageEventBodySchema, PLATFORMS, type PageListItem } from '@mttq/core';
import { Fragment, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { DemoBanner } from '../../components/DemoBanner';
import { PanelError } from '../../components/PanelError';
import { formatDate, formatNumber } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { todayIso } from '../../url/today';
import { invalidateAfterWrite, pagesQuery, recordPageEvent } from './queries';
import { Done, Field, ProvinceSelect, SchemeSelect, useReportingMessages, useReportingUser, WriteError, workingScheme } from './ui';

const QUEUE_SIZE = 50;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Review {
  page: PageListItem;
  status: 'verified' | 'rejected';
  note: string | null;
}

/** The inline form asking for the reason of a rejection. */
function RejectForm({ page, onSend, onCancel, isPending }: { page: PageListItem; onSend: (note: string) => void; onCancel: () => void; isPending: boolean }) {
  const m = useReportingMessages();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim() === '') {
      setError(m.errRejectReason);
      return;
    }
    onSend(note);
  };
  return (
    <form className="report-form reject-form" onSubmit={onSubmit} noValidate aria-label={fill(m.rejectNamed, { name: page.name })}>
      <Field label={m.fieldReason} error={error}>
        {(props) => <textarea {...props} name="note" rows={2} maxLength={2000} autoFocus value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" disabled={isPending}>
          {m.rejectConfirm}
        </button>
        <button type="button" onClick={onCancel}>
          {m.cancel}
        </button>
      </div>
    </form>
  );
}

/** `/report/verify?scheme&asOf&parent&platform&owner&cursor`: live pages not yet verified; verify or reject each. */
export function VerifyPage() {
  const { t, locale } = useLocale();
  const m = useReportingMessages();
  const user = useReportingUser();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const scheme = workingScheme(user, params.get('scheme'));
  const rawAsOf = params.get('asOf');
  const asOf = rawAsOf && ISO_DATE.test(rawAsOf) ? rawAsOf : null;
  const rawParent = params.get('parent');
  const parent = rawParent && /^\d{2}$/.test(rawParent) ? rawParent : null;
  const platform = PLATFORMS.find((p) => p === params.get('platform')) ?? null;
  const owner = OWNERS.find((o) => o === params.get('owner')) ?? null;
  const cursor = params.get('cursor');
  const queue = useQuery(pagesQuery({ scheme, asOf, parent, status: 'unverified', platform, owner, q: null, sort: 'launchedOn', limit: QUEUE_SIZE, cursor }));
  const [date, setDate] = useState<string>('');
  const [rejecting, setRejecting] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const effectiveOn = date || queue.data?.asOf || todayIso();

  const review = useMutation({
    mutationFn: ({ page, status, note }: Review) => {
      const body = pageEventBodySchema.parse({ status, effectiveOn, note });
      return recordPageEvent(page.id, body);
    },
    onSuccess: async (_detail, { page, status }) => {
      setRejecting(null);
      setDone(fill(status === 'verified' ? m.pageVerified : m.pageRejected, { name: page.name }));
      await invalidateAfterWrite(queryClient);
    },
  });

  const update = (changes: Record<string, string | null>) => {
    setDone(null);
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      // a filter change starts the list again
      if (!('cursor' in changes)) next.delete('cursor');
      return next;
    });
  };

  const data = queue.data;
  const reviewError = review.error instanceof ApiError && review.error.isUnauthorized ? null : review.error;

  return (
    <>
      <h1>{m.verifyTitle}</h1>
      {data && <p className="lead">{fill(m.verifyLead, { date: formatDate(data.asOf, locale) })}</p>}
      <div className="report-controls">
        <SchemeSelect value={scheme} onChange={(next) => update({ scheme: next, parent: null, asOf: null })} />
        <ProvinceSelect scheme={scheme} value={parent} onChange={(code) => update({ parent: code })} empty={m.allProvinces} />
        <div className="field">
          <label htmlFor="verify-platform">{m.platformFilter}</label>
          <select id="verify-platform" value={platform ?? ''} onChange={(e) => update({ platform: e.target.value || null })}>
            <option value="">{m.platformAll}</option>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {m[`platform_${p}`]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="verify-owner">{m.ownerFilter}</label>
          <select id="verify-owner" value={owner ?? ''} onChange={(e) => update({ owner: e.target.value || null })}>
            <option value="">{m.ownerAll}</option>
            {OWNERS.map((o) => (
              <option key={o} value={o}>
                {m[`owner_${o}`]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="verify-date">{m.verifyDate}</label>
          <input id="verify-date" type="date" max={todayIso()} value={effectiveOn} onChange={(e) => setDate(e.target.value)} />
        </div>
      </div>
      <DemoBanner demo={data?.demo} />
      {done && <Done>{done}</Done>}
      {reviewError && <WriteError error={reviewError} />}
      {queue.isError && !data ? (
        queue.error instanceof ApiError && queue.error.isUnauthorized ? null : <PanelError error={queue.error} retry={() => void queue.refetch()} />
      ) : !data ? (
        <p aria-live="polite" className="reserve">
          {t.loading}
        </p>
      ) : (
        <section aria-busy={queue.isFetching} className={queue.isPlaceholderData ? 'stale' : undefined} aria-labelledby="queue-total">
          <p id="queue-total" aria-live="polite">
            {data.total === 0 ? m.queueEmpty : fill(m.queueTotal, { total: formatNumber(data.total, locale) })}
          </p>
          {data.items.length > 0 && (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={m.queueTableName}>
              <table className="queue-table">
                <thead>
                  <tr>
                    <th scope="col">{m.colPage}</th>
                    <th scope="col">{m.colUnit}</th>
                    <th scope="col">{m.colLaunched}</th>
                    <th scope="col">{m.colLatest}</th>
                    <th scope="col">{m.colActions}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((page) => {
                    const isBusy = review.isPending && review.variables?.page.id === page.id;
                    return (
                      <Fragment key={page.id}>
                        <tr>
                          <th scope="row">
                            <a href={page.url} target="_blank" rel="noopener noreferrer" aria-label={fill(m.openPageExternal, { name: page.name })}>
                              {page.name}
                            </a>
                            <span className="muted sub-line">
                              {m[`platform_${page.platform}`]} · {m[`owner_${page.owner}`]}
                            </span>
                          </th>
                          <td>
                            {page.unit.name} ({page.unit.code})
                          </td>
                          <td>{formatDate(page.launchedOn, locale)}</td>
                          <td>{m[`status_${page.status.latest}`]}</td>
                          <td className="actions">
                            <button
                              type="button"
                              className="primary"
                              disabled={review.isPending}
                              aria-label={fill(m.verifyNamed, { name: page.name })}
                              onClick={() => review.mutate({ page, status: 'verified', note: null })}
                            >
                              {isBusy && review.variables?.status === 'verified' ? m.saving : m.verifyButton}
                            </button>
                            <button
                              type="button"
                              disabled={review.isPending}
                              aria-expanded={rejecting === page.id}
                              aria-label={fill(m.rejectNamed, { name: page.name })}
                              onClick={() => setRejecting(rejecting === page.id ? null : page.id)}
                            >
                              {m.rejectButton}
                            </button>
                            <Link to={`/report/pages/${page.id}/edit?scheme=${scheme}`} aria-label={fill(m.editPageNamed, { name: page.name })}>
                              {m.editPage}
                            </Link>
                          </td>
                        </tr>
                        {rejecting === page.id && (
                          <tr className="reject-row">
                            <td colSpan={5}>
                              <RejectForm
                                page={page}
                                isPending={review.isPending}
                                onCancel={() => setRejecting(null)}
                                onSend={(note) => review.mutate({ page, status: 'rejected', note })}
                              />
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <div className="form-actions">
            {cursor && (
              <button type="button" onClick={() => update({ cursor: null })}>
                {m.firstPage}
              </button>
            )}
            {data.nextCursor && (
              <button type="button" onClick={() => update({ cursor: data.nextCursor })}>
                {m.nextPage}
              </button>
            )}
          </div>
        </section>
      )}
    </>
  );
}
