import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { metricBodySchema, metricParamsSchema, type PageDetail, type SchemeId } from '@mttq/core';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { DemoBanner } from '../../components/DemoBanner';
import { PanelError } from '../../components/PanelError';
import { formatDate, formatMonth, formatNumber } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { todayIso } from '../../url/today';
import { splitServerErrors } from '../../api/server-errors';
import { toFieldErrors, type FieldErrors } from './form-errors';
import { METRIC_FIELD_KINDS, METRIC_FIELDS, metricsFormFrom, toMetricInput, type MetricsFormValues } from './metrics-form';
import { previousMonth } from './months';
import { invalidateAfterWrite, pagesQuery, putMetrics } from './queries';
import { workingProvince, workingScheme } from '../../api/session';
import { Done, Field, fieldErrorCount, FormAlert, ScopeControls, useReportingMessages, useReportingUser } from './ui';
import { pageDetailQuery, queryKeys } from '../../api/queries';
import { DateField } from '../../components/date-field/DateField';

const PAGE_ID = /^[1-9]\d{0,14}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const PICKER_LIMIT = 20;
const RECENT_MONTHS = 6;

/** Search the pages the user reports on (an officer: inside the scope) and pick one. */
function PagePicker({ scheme, parent, onPick }: { scheme: SchemeId; parent: string | null; onPick: (id: number) => void }) {
  const { t, locale } = useLocale();
  const m = useReportingMessages();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const pages = useQuery(pagesQuery({ scheme, asOf: null, parent, status: null, platform: null, owner: null, q: q.trim() || null, sort: 'name', limit: PICKER_LIMIT, cursor: null }));
  return (
    <section className="panel" aria-labelledby="pick-page-title">
      <h2 id="pick-page-title">{m.pickPageTitle}</h2>
      <div className="field">
        <label htmlFor="page-search">{m.pageSearch}</label>
        <input
          id="page-search"
          type="search"
          value={q}
          onChange={(e) =>
            setParams(
              (current) => {
                const next = new URLSearchParams(current);
                if (e.target.value) next.set('q', e.target.value);
                else next.delete('q');
                return next;
              },
              { replace: true },
            )
          }
        />
      </div>
      <DemoBanner demo={pages.data?.demo} />
      <div className="picker-results" aria-busy={pages.isFetching}>
        {pages.isError && !(pages.error instanceof ApiError && pages.error.isUnauthorized) && <PanelError error={pages.error} retry={() => void pages.refetch()} />}
        {pages.isPending && <p aria-live="polite">{t.loading}</p>}
        {pages.data && (
          <>
            <p className="muted" aria-live="polite">
              {pages.data.total === 0 ? m.noPagesFound : fill(m.pagesFound, { total: formatNumber(pages.data.total, locale), shown: formatNumber(pages.data.items.length, locale) })}
            </p>
            <ul className="picker-list">
              {pages.data.items.map((page) => (
                <li key={page.id}>
                  <button type="button" aria-label={fill(m.pickPageNamed, { name: page.name })} onClick={() => onPick(page.id)}>
                    {m.pickButton}
                  </button>{' '}
                  <span>{page.name}</span>{' '}
                  <span className="muted">
                    {page.unit.name} · {m[`platform_${page.platform}`]}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}

/** The month's figures of one page. Remounted (key) for each page and month, so it starts from the stored figures. */
function MetricsForm({ page, month, onMonthError }: { page: PageDetail; month: string; onMonthError: (error: string | undefined) => void }) {
  const { locale } = useLocale();
  const m = useReportingMessages();
  const queryClient = useQueryClient();
  const stored = page.metrics.find((row) => row.month === month);
  const [values, setValues] = useState<MetricsFormValues>(() => metricsFormFrom(stored));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [forbidden, setForbidden] = useState<ApiError | null>(null);
  const [savedMonth, setSavedMonth] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: unknown) => putMetrics(page.id, month, body),
    onSuccess: async (metrics) => {
      setSavedMonth(metrics.month);
      await queryClient.invalidateQueries({ queryKey: queryKeys.pageDetail(page.id) });
      await invalidateAfterWrite(queryClient);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 403) return setForbidden(error);
      if (error instanceof ApiError) {
        const split = splitServerErrors(error, METRIC_FIELDS);
        onMonthError(split.fields.month);
        setErrors(split.fields);
        setGeneral(split.general);
      } else setGeneral([String(error)]);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSavedMonth(null);
    setForbidden(null);
    const paramsCheck = metricParamsSchema.safeParse({ id: String(page.id), month });
    const body = metricBodySchema.safeParse(toMetricInput(values));
    const issues = [...(paramsCheck.success ? [] : paramsCheck.error.issues.filter((i) => i.path[0] === 'month')), ...(body.success ? [] : body.error.issues)];
    if (issues.length > 0 || !body.success) {
      const local = toFieldErrors(issues, METRIC_FIELD_KINDS, m);
      onMonthError(local.month);
      setErrors(local);
      setGeneral(local[''] ? [local['']] : []);
      return;
    }
    onMonthError(undefined);
    setErrors({});
    setGeneral([]);
    save.mutate(body.data);
  };
  const set = (changes: Partial<MetricsFormValues>) => setValues({ ...values, ...changes });
  const count = (key: 'followers' | 'posts' | 'interactions' | 'views', label: string, optional = false) => (
    <Field label={label} error={errors[key]} optional={optional}>
      {(props) => <input {...props} name={key} inputMode="numeric" autoComplete="off" required={!optional} value={values[key]} onChange={(e) => set({ [key]: e.target.value })} />}
    </Field>
  );
  return (
    <form className="report-form panel" onSubmit={onSubmit} noValidate aria-labelledby="metrics-form-title">
      <h2 id="metrics-form-title">{fill(m.chosenPage, { name: page.name })}</h2>
      {forbidden ? <PanelError error={forbidden} retry={() => setForbidden(null)} /> : <FormAlert messages={general} fieldErrorCount={fieldErrorCount(errors)} />}
      {savedMonth && <Done>{fill(m.metricsSaved, { month: formatMonth(savedMonth, locale) })}</Done>}
      <p className="muted">{stored ? fill(m.metricsExisting, { source: m[`source_${stored.source}`] }) : m.metricsNone}</p>
      <p className="muted counts-hint">{m.countHint}</p>
      <div className="field-row">
        {count('followers', m.fieldFollowers)}
        {count('posts', m.fieldPosts)}
        {count('interactions', m.fieldInteractions)}
        {count('views', m.fieldViews, true)}
      </div>
      <Field label={m.fieldLastPostOn} optional error={errors.lastPostOn}>
        {(props) => <DateField {...props} name="lastPostOn" max={todayIso()} value={values.lastPostOn} onChange={(value) => set({ lastPostOn: value })} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? m.saving : m.metricsSaveButton}
        </button>
      </div>
    </form>
  );
}

function RecentMetrics({ page }: { page: PageDetail }) {
  const { locale } = useLocale();
  const m = useReportingMessages();
  const recent = page.metrics.slice(-RECENT_MONTHS).reverse();
  if (recent.length === 0) return null;
  return (
    <section aria-labelledby="recent-metrics-title">
      <h2 id="recent-metrics-title">{m.recentMetricsTitle}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="recent-metrics-title">
        <table>
          <thead>
            <tr>
              <th scope="col">{m.colMonth}</th>
              <th scope="col" className="num">{m.colFollowers}</th>
              <th scope="col" className="num">{m.colPosts}</th>
              <th scope="col" className="num">{m.colInteractions}</th>
              <th scope="col" className="num">{m.colViews}</th>
              <th scope="col">{m.fieldLastPostOn}</th>
              <th scope="col">{m.colSource}</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((row) => (
              <tr key={row.month}>
                <th scope="row">{formatMonth(row.month, locale)}</th>
                <td className="num">{formatNumber(row.followers, locale)}</td>
                <td className="num">{formatNumber(row.posts, locale)}</td>
                <td className="num">{formatNumber(row.interactions, locale)}</td>
                <td className="num">{row.views === null ? m.none : formatNumber(row.views, locale)}</td>
                <td>{row.lastPostOn ? formatDate(row.lastPostOn, locale) : m.none}</td>
                <td>{m[`source_${row.source}`]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** `/report/metrics?scheme&parent&q&id&month`: pick a page, then its figures for a month. */
export function MetricsPage() {
  const { t } = useLocale();
  const m = useReportingMessages();
  const user = useReportingUser();
  const [params, setParams] = useSearchParams();
  const scheme = workingScheme(user, params.get('scheme'));
  const rawId = params.get('id');
  const id = rawId && PAGE_ID.test(rawId) ? Number(rawId) : null;
  const rawMonth = params.get('month');
  const month = rawMonth !== null && (MONTH.test(rawMonth) || rawMonth === '') ? rawMonth : previousMonth(todayIso());
  const rawParent = params.get('parent');
  // an officer searches inside the scope; central staff in a province they pick, or everywhere
  const parent = workingProvince(user, scheme, rawParent);
  const page = useQuery({ ...pageDetailQuery(id ?? 0), enabled: id !== null });
  const [monthError, setMonthError] = useState<string | undefined>(undefined);

  const update = (changes: Record<string, string | null>, replace = false) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace },
    );

  return (
    <>
      <h1>{m.metricsTitle}</h1>
      <p className="lead">{m.metricsLead}</p>
      {id === null && (
        <div className="report-controls">
          <ScopeControls scheme={scheme} province={parent} onScheme={(next) => update({ scheme: next, parent: null })} onProvince={(code) => update({ parent: code })} empty={m.allProvinces} />
        </div>
      )}
      {id === null ? (
        <PagePicker scheme={scheme} parent={parent} onPick={(picked) => update({ id: String(picked), q: null })} />
      ) : page.isPending ? (
        <p aria-live="polite" className="reserve">
          {t.loading}
        </p>
      ) : page.isError ? (
        page.error instanceof ApiError && page.error.isUnauthorized ? null : <PanelError error={page.error} retry={() => void page.refetch()} />
      ) : (
        <>
          <DemoBanner demo={page.data.demo} />
          <p>
            <button type="button" onClick={() => update({ id: null })}>
              {m.changePage}
            </button>
          </p>
          <div className="panel month-picker">
            <Field label={m.fieldMonth} error={monthError}>
              {(props) => (
                <DateField
                  {...props}
                  kind="month"
                  name="month"
                  required
                  max={todayIso().slice(0, 7)}
                  value={month}
                  onChange={(value) => {
                    setMonthError(undefined);
                    if (value) update({ month: value }, true);
                  }}
                />
              )}
            </Field>
          </div>
          <MetricsForm key={`${page.data.id}|${month}`} page={page.data} month={month} onMonthError={setMonthError} />
          <RecentMetrics page={page.data} />
        </>
      )}
    </>
  );
}
