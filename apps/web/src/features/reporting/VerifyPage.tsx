import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { OWNERS, pageReviewsBodySchema, PLATFORMS, type DuplicateFrontPagesResponse, type SchemeId, type VerificationQueueResponse } from '@mttq/core';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { provincesQuery } from '../../api/queries';
import { workingScheme } from '../../api/session';
import { DemoBanner } from '../../components/DemoBanner';
import { PanelError } from '../../components/PanelError';
import { formatDate, formatNumber } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { todayIso } from '../../url/today';
import { invalidateAfterWrite } from './queries';
import { duplicateFrontPagesQuery, reviewPages, verificationQueueQuery } from './queue-queries';
import { queueMessages } from './queue-messages';
import { Field, ProvinceSelect, SchemeSelect, useReportingMessages, useReportingUser, WriteError } from './ui';
import {
  parseQueueSearch,
  QUEUE_PAGE_SIZE,
  reviewOutcome,
  selectAllState,
  toggleAll,
  toggleOne,
  waitingDays,
  type QueueSearch,
  type ReviewOutcome,
} from './verify-queue';
import './queue.css';
import { DateField } from '../../components/date-field/DateField';

const isHidden401 = (error: unknown) => error instanceof ApiError && error.isUnauthorized;

/** Sets (or, with null, removes) URL keys; any change but paging starts the list again. */
function useQueueParams(): [URLSearchParams, (changes: Record<string, string | null>) => void] {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | null>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(key);
        else next.set(key, value);
      }
      if (!('offset' in changes)) next.delete('offset');
      return next;
    });
  return [params, update];
}

/** The tabs: the queue and the units with several Front pages (`view=duplicates`), as links that keep the scheme and province. */
function QueueTabs({ search, scheme }: { search: QueueSearch; scheme: SchemeId }) {
  const q = useMessages(queueMessages);
  const href = (view: QueueSearch['view']) => {
    const params = new URLSearchParams({ scheme });
    if (search.province) params.set('province', search.province);
    if (view === 'duplicates') params.set('view', 'duplicates');
    return `/report/verify?${params.toString()}`;
  };
  return (
    <nav aria-label={q.tabsLabel} className="queue-tabs">
      {(['queue', 'duplicates'] as const).map((view) => (
        <Link key={view} to={href(view)} aria-current={search.view === view ? 'page' : undefined} className={search.view === view ? 'active' : undefined}>
          {q[`tab_${view}`]}
        </Link>
      ))}
    </nav>
  );
}

/** Pages waiting per province, most first; each sets the province filter (the whole country clears it). */
function ProvinceCounts({ data, province, onPick }: { data: VerificationQueueResponse; province: string | null; onPick: (code: string | null) => void }) {
  const { locale } = useLocale();
  const q = useMessages(queueMessages);
  return (
    <section aria-labelledby="by-province-title" className="province-counts">
      <h2 id="by-province-title">{q.byProvinceTitle}</h2>
      <ul>
        <li>
          <button type="button" aria-pressed={province === null} onClick={() => onPick(null)}>
            {q.byProvinceAll}
          </button>
        </li>
        {data.provinces.map((p) => (
          <li key={p.code}>
            <button type="button" aria-pressed={province === p.code} onClick={() => onPick(p.code)}>
              {fill(q.byProvinceOne, { name: p.name, count: formatNumber(p.count, locale) })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The checkbox that selects every page shown (mixed when some are). */
function SelectAllBox({ state, onChange, label }: { state: 'all' | 'some' | 'none'; onChange: () => void; label: string }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return <input ref={ref} type="checkbox" checked={state === 'all'} onChange={onChange} aria-label={label} />;
}

/** The queue table with a checkbox per page. */
function QueueTable({ data, selected, onSelected }: { data: VerificationQueueResponse; selected: ReadonlySet<number>; onSelected: (next: Set<number>) => void }) {
  const { locale } = useLocale();
  const m = useReportingMessages();
  const q = useMessages(queueMessages);
  const today = todayIso();
  const shown = data.items.map((item) => item.pageId);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={m.queueTableName}>
      <table className="queue-table">
        <thead>
          <tr>
            <th scope="col" className="check">
              <SelectAllBox state={selectAllState(selected, shown)} onChange={() => onSelected(toggleAll(selected, shown))} label={q.selectAllOnPage} />
            </th>
            <th scope="col">{q.colWaitingSince}</th>
            <th scope="col">{m.colProvince}</th>
            <th scope="col">{m.colUnit}</th>
            <th scope="col">{m.colPage}</th>
            <th scope="col">{m.colPlatform}</th>
            <th scope="col">{m.colOwner}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((item) => (
            <tr key={item.pageId} className={selected.has(item.pageId) ? 'selected' : undefined}>
              <td className="check">
                <input
                  type="checkbox"
                  checked={selected.has(item.pageId)}
                  onChange={() => onSelected(toggleOne(selected, item.pageId))}
                  aria-label={fill(q.selectPage, { name: item.name })}
                />
              </td>
              <td>
                {formatDate(item.waitingSince, locale)}
                <span className="muted sub-line">{fill(q.waitingDays, { days: formatNumber(waitingDays(item.waitingSince, today), locale) })}</span>
              </td>
              <td>{item.province?.name ?? m.none}</td>
              <td>{item.unit ? `${item.unit.name} (${item.unit.code})` : m.none}</td>
              <th scope="row">
                <a href={item.url} target="_blank" rel="noopener noreferrer" aria-label={fill(m.openPageExternal, { name: item.name })}>
                  {item.name}
                </a>
                <span className="sub-line">
                  <Link to={`/report/pages/${item.pageId}/edit?scheme=${data.scheme}`} aria-label={fill(m.editPageNamed, { name: item.name })}>
                    {m.editPage}
                  </Link>
                </span>
              </th>
              <td>{m[`platform_${item.platform}`]}</td>
              <td>{m[`owner_${item.owner}`]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One date and one note for every selected page; verify or reject them all (a rejection needs the note). */
function BulkReview({ selected, names, onDone }: { selected: ReadonlySet<number>; names: ReadonlyMap<number, string>; onDone: (outcome: ReviewOutcome) => void }) {
  const { locale } = useLocale();
  const m = useReportingMessages();
  const q = useMessages(queueMessages);
  const queryClient = useQueryClient();
  const id = useId();
  const [effectiveOn, setEffectiveOn] = useState(todayIso);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ selection?: string; note?: string; effectiveOn?: string }>({});
  const review = useMutation({
    mutationFn: reviewPages,
    onSuccess: async (answer, body) => {
      onDone(reviewOutcome(body.status, answer, names));
      if (answer.done > 0) setNote('');
      await invalidateAfterWrite(queryClient);
    },
  });
  const send = (status: 'verified' | 'rejected') => {
    const next: typeof errors = {};
    if (selected.size === 0) next.selection = q.errNoneSelected;
    if (status === 'rejected' && note.trim() === '') next.note = m.errRejectReason;
    const parsed = pageReviewsBodySchema.safeParse({ pageIds: [...selected], status, effectiveOn, ...(note.trim() ? { note } : {}) });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'effectiveOn') next.effectiveOn = m.errDate;
        if (issue.path[0] === 'note' && !next.note) next.note = status === 'rejected' ? m.errRejectReason : fill(m.errTooLong, { max: 2000 });
      }
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.success) return;
    review.mutate(parsed.data);
  };
  const onSubmit = (event: FormEvent) => event.preventDefault();
  // the "select a page" error goes as soon as a page is selected
  const selectionError = selected.size === 0 ? errors.selection : undefined;
  const count = fill(q.bulkCount, { count: formatNumber(selected.size, locale) });
  return (
    <form className="panel report-form bulk-review" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{q.bulkTitle}</h2>
      <p aria-live="polite" className={selectionError ? 'field-error' : undefined}>
        {selectionError ?? (selected.size === 0 ? q.noneSelected : fill(q.selectedCount, { count: formatNumber(selected.size, locale) }))}
      </p>
      {review.error && !isHidden401(review.error) && <WriteError error={review.error} />}
      <div className="field-row">
        <Field label={q.bulkDate} error={errors.effectiveOn}>
          {(props) => <DateField {...props} name="effectiveOn" max={todayIso()} value={effectiveOn} onChange={setEffectiveOn} />}
        </Field>
      </div>
      <Field label={q.bulkNote} hint={q.bulkNoteHint} error={errors.note}>
        {(props) => <textarea {...props} name="note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="button" className="primary" disabled={review.isPending} onClick={() => send('verified')}>
          {review.isPending && review.variables?.status === 'verified' ? m.saving : q.bulkVerify}
          <span className="visually-hidden"> {count}</span>
        </button>
        <button type="button" disabled={review.isPending} onClick={() => send('rejected')}>
          {review.isPending && review.variables?.status === 'rejected' ? m.saving : q.bulkReject}
          <span className="visually-hidden"> {count}</span>
        </button>
      </div>
    </form>
  );
}

/** What the last review did: how many pages, and the ones the server refused with its reason. */
function ReviewResults({ outcome }: { outcome: ReviewOutcome }) {
  const { locale } = useLocale();
  const q = useMessages(queueMessages);
  const summary = fill(outcome.status === 'verified' ? q.resultsVerified : q.resultsRejected, {
    done: formatNumber(outcome.done, locale),
    count: formatNumber(outcome.count, locale),
  });
  return (
    <div role="status" className={outcome.failed.length > 0 ? 'form-alert review-results' : 'done review-results'}>
      <p>{summary}</p>
      {outcome.failed.length > 0 && (
        <>
          <p>{q.resultsFailedTitle}</p>
          <ul>
            {outcome.failed.map((f) => (
              <li key={f.pageId}>
                {fill(q.resultFailed, { name: f.name })} {f.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The queue: filters, counts per province, the table with its selection, the bulk review and paging. */
function VerificationQueue({ scheme, search, update }: { scheme: SchemeId; search: QueueSearch; update: (changes: Record<string, string | null>) => void }) {
  const { t, locale } = useLocale();
  const m = useReportingMessages();
  const q = useMessages(queueMessages);
  const queue = useQuery(verificationQueueQuery({ scheme, province: search.province, platform: search.platform, owner: search.owner, limit: QUEUE_PAGE_SIZE, offset: search.offset }));
  const [selected, setSelected] = useState<Set<number>>(() => new Set());
  const [outcome, setOutcome] = useState<ReviewOutcome | null>(null);
  const data = queue.data;
  // names of every page seen, for the results of a review after the pages left the queue
  const names = useRef(new Map<number, string>());
  for (const item of data?.items ?? []) names.current.set(item.pageId, item.name);

  const filter = (changes: Record<string, string | null>) => {
    setOutcome(null);
    update(changes);
  };
  const first = search.offset + 1;
  const last = data ? search.offset + data.items.length : 0;

  return (
    <>
      <p className="lead">{q.queueLead}</p>
      <div className="report-controls">
        <SchemeSelect value={scheme} onChange={(next) => filter({ scheme: next, province: null })} />
        <ProvinceSelect scheme={scheme} value={search.province} onChange={(code) => filter({ province: code })} empty={m.allProvinces} />
        <div className="field">
          <label htmlFor="verify-platform">{m.platformFilter}</label>
          <select id="verify-platform" value={search.platform ?? ''} onChange={(e) => filter({ platform: e.target.value || null })}>
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
          <select id="verify-owner" value={search.owner ?? ''} onChange={(e) => filter({ owner: e.target.value || null })}>
            <option value="">{m.ownerAll}</option>
            {OWNERS.map((o) => (
              <option key={o} value={o}>
                {m[`owner_${o}`]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {outcome && <ReviewResults outcome={outcome} />}
      {queue.isError && !data ? (
        isHidden401(queue.error) ? null : <PanelError error={queue.error} retry={() => void queue.refetch()} />
      ) : !data ? (
        <p aria-live="polite" className="reserve">
          {t.loading}
        </p>
      ) : (
        <>
          <ProvinceCounts data={data} province={search.province} onPick={(code) => filter({ province: code })} />
          <section aria-busy={queue.isFetching} className={queue.isPlaceholderData ? 'stale' : undefined} aria-labelledby="queue-total">
            <p id="queue-total" aria-live="polite">
              {data.total === 0 ? m.queueEmpty : fill(m.queueTotal, { total: formatNumber(data.total, locale) })}
            </p>
            {(data.items.length > 0 || selected.size > 0) && (
              <BulkReview
                selected={selected}
                names={names.current}
                onDone={(next) => {
                  setOutcome(next);
                  // the pages the server refused stay selected, to try again
                  setSelected(new Set(next.failed.map((f) => f.pageId)));
                }}
              />
            )}
            {data.items.length > 0 && (
              <>
                <QueueTable data={data} selected={selected} onSelected={setSelected} />
                <p className="muted">{fill(q.rangeShown, { from: formatNumber(first, locale), to: formatNumber(last, locale), total: formatNumber(data.total, locale) })}</p>
              </>
            )}
            <div className="form-actions">
              {search.offset > 0 && (
                <button type="button" onClick={() => update({ offset: String(Math.max(0, search.offset - QUEUE_PAGE_SIZE)) })}>
                  {q.previousPage}
                </button>
              )}
              {last < data.total && (
                <button type="button" onClick={() => update({ offset: String(search.offset + QUEUE_PAGE_SIZE) })}>
                  {m.nextPage}
                </button>
              )}
            </div>
          </section>
        </>
      )}
    </>
  );
}

/** Units with more than one open Front page, each with its pages. */
function DuplicateFrontPages({ scheme, search, update }: { scheme: SchemeId; search: QueueSearch; update: (changes: Record<string, string | null>) => void }) {
  const { t, locale } = useLocale();
  const m = useReportingMessages();
  const q = useMessages(queueMessages);
  const duplicates = useQuery(duplicateFrontPagesQuery({ scheme, province: search.province }));
  const data: DuplicateFrontPagesResponse | undefined = duplicates.data;
  return (
    <>
      <p className="lead">{q.duplicatesLead}</p>
      <div className="report-controls">
        <SchemeSelect value={scheme} onChange={(next) => update({ scheme: next, province: null })} />
        <ProvinceSelect scheme={scheme} value={search.province} onChange={(code) => update({ province: code })} empty={m.allProvinces} />
      </div>
      {duplicates.isError && !data ? (
        isHidden401(duplicates.error) ? null : <PanelError error={duplicates.error} retry={() => void duplicates.refetch()} />
      ) : !data ? (
        <p aria-live="polite" className="reserve">
          {t.loading}
        </p>
      ) : (
        <section aria-busy={duplicates.isFetching} className={duplicates.isPlaceholderData ? 'stale' : undefined} aria-labelledby="duplicates-total">
          <p id="duplicates-total" aria-live="polite">
            {data.items.length === 0 ? q.duplicatesEmpty : fill(q.duplicatesTotal, { count: formatNumber(data.items.length, locale) })}{' '}
            <span className="muted">{fill(q.duplicatesAsOf, { date: formatDate(data.asOf, locale) })}</span>
          </p>
          {data.items.length > 0 && (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={q.duplicatesTableName}>
              <table className="duplicates-table">
                <thead>
                  <tr>
                    <th scope="col">{m.colUnit}</th>
                    <th scope="col">{m.colProvince}</th>
                    <th scope="col">{q.colPages}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <tr key={item.unit.code}>
                      <th scope="row">
                        {item.unit.name} ({item.unit.code})
                      </th>
                      <td>{item.province.name}</td>
                      <td>
                        <ul className="plain">
                          {item.pages.map((page) => (
                            <li key={page.id}>
                              <a href={page.url} target="_blank" rel="noopener noreferrer" aria-label={fill(m.openPageExternal, { name: page.name })}>
                                {page.name}
                              </a>{' '}
                              <span className="muted">
                                {m[`platform_${page.platform}`]}, {fill(q.launchedOn, { date: formatDate(page.launchedOn, locale) })}
                              </span>{' '}
                              <Link to={`/report/pages/${page.id}/edit?scheme=${data.scheme}`} aria-label={fill(m.editPageNamed, { name: page.name })}>
                                {m.editPage}
                              </Link>
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}

/**
 * `/report/verify?scheme&province&platform&owner&offset` (and `view=duplicates`): central staff's
 * work queue, oldest first, with bulk verification; and the units with several Front pages.
 */
export function VerifyPage() {
  const m = useReportingMessages();
  const user = useReportingUser();
  const [params, update] = useQueueParams();
  const search = useMemo(() => parseQueueSearch(params), [params]);
  const scheme = workingScheme(user, params.get('scheme'));
  return (
    <>
      <h1>{m.verifyTitle}</h1>
      <QueueTabs search={search} scheme={scheme} />
      <SchemeDemoBanner scheme={scheme} />
      {search.view === 'duplicates' ? (
        <DuplicateFrontPages key={scheme} scheme={scheme} search={search} update={update} />
      ) : (
        <VerificationQueue key={`${scheme}|${search.province}|${search.platform}|${search.owner}`} scheme={scheme} search={search} update={update} />
      )}
    </>
  );
}

/** The demo label: the queue answers carry no demo flag; the province list (fetched for the filter anyway) does. */
function SchemeDemoBanner({ scheme }: { scheme: SchemeId }) {
  const provinces = useQuery(provincesQuery(scheme));
  return <DemoBanner demo={provinces.data?.demo} />;
}
