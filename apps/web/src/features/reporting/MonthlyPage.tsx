import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createReportingPeriodBodySchema, submitReportBodySchema, updateReportingPeriodBodySchema, type ReportingPeriod, type SchemeId } from '@mttq/core';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { DemoBanner } from '../../components/DemoBanner';
import { PanelError } from '../../components/PanelError';
import { formatDate, formatDateTime, formatMonth, formatNumber, formatPercent } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { todayIso } from '../../url/today';
import { isCentral } from './access';
import { splitServerErrors } from '../../api/server-errors';
import { toFieldErrors, type FieldErrors } from './form-errors';
import { defaultPeriodMonth } from './months';
import { changeDeadline, completenessQuery, invalidateAfterWrite, openPeriod, periodCompletenessQuery, periodsQuery, submitReport } from './queries';
import { isOfficer, scopeProvinces, userSchemes, workingProvince, workingScheme } from '../../api/session';
import { Done, Field, fieldErrorCount, FormAlert, ProvinceSelect, SchemeSelect, useReportingMessages, useReportingUser, WriteError } from './ui';
import { DateField } from '../../components/date-field/DateField';

const isHidden401 = (error: unknown) => error instanceof ApiError && error.isUnauthorized;


function PeriodsTable({ periods, selected, onSelect }: { periods: readonly ReportingPeriod[]; selected: number | null; onSelect: (id: number) => void }) {
  const { locale } = useLocale();
  const m = useReportingMessages();
  const n = (value: number) => formatNumber(value, locale);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={m.periodsTableName}>
      <table>
        <thead>
          <tr>
            <th scope="col">{m.colMonth}</th>
            <th scope="col">{m.colDeadline}</th>
            <th scope="col" className="num">{m.colSubmitted}</th>
            <th scope="col" className="num">{m.colOnTime}</th>
            <th scope="col" className="num">{m.colLate}</th>
            <th scope="col" className="num">{m.colMissing}</th>
            <th scope="col" className="num">{m.colRate}</th>
            <th scope="col">{m.colActions}</th>
          </tr>
        </thead>
        <tbody>
          {periods.map((period) => (
            <tr key={period.id} className={period.id === selected ? 'selected' : undefined}>
              <th scope="row">{formatMonth(period.month, locale)}</th>
              <td>
                {formatDate(period.deadline, locale)} <span className="muted">({period.isPastDeadline ? m.pastDeadline : m.openDeadline})</span>
              </td>
              <td className="num">
                {n(period.provinces.submitted)}/{n(period.provinces.total)}
              </td>
              <td className="num">{n(period.provinces.onTime)}</td>
              <td className="num">{n(period.provinces.late)}</td>
              <td className="num">{n(period.provinces.missing)}</td>
              <td className="num">{formatPercent(period.rate, locale)}</td>
              <td>
                <button type="button" aria-pressed={period.id === selected} onClick={() => onSelect(period.id)}>
                  {fill(m.viewPeriod, { month: formatMonth(period.month, locale) })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A province officer's submission for the selected period. */
function SubmitReport({ period, province }: { period: ReportingPeriod; province: string }) {
  const { t, locale } = useLocale();
  const m = useReportingMessages();
  const queryClient = useQueryClient();
  const completeness = useQuery(periodCompletenessQuery(period.id));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = useMutation({
    mutationFn: (body: unknown) => submitReport(period.id, body),
    onSuccess: () => invalidateAfterWrite(queryClient),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 400) setErrors(splitServerErrors(error, ['note', 'provinceCode']).fields);
    },
  });
  const row = completeness.data?.rows.find((r) => r.provinceCode === province);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = submitReportBodySchema.safeParse({ provinceCode: province, ...(note.trim() ? { note } : {}) });
    if (!parsed.success) {
      setErrors(toFieldErrors(parsed.error.issues, { note: 'text', provinceCode: 'unitCode' }, m));
      return;
    }
    setErrors({});
    submit.mutate(parsed.data);
  };
  const monthText = formatMonth(period.month, locale);
  return (
    <form className="panel report-form" onSubmit={onSubmit} noValidate aria-labelledby="submit-title">
      <h2 id="submit-title">{fill(m.submitTitle, { province: row?.name ?? province })}</h2>
      <p>{fill(m.submitLead, { month: monthText, deadline: formatDate(period.deadline, locale) })}</p>
      {completeness.isPending ? (
        <p aria-live="polite">{t.loading}</p>
      ) : completeness.isError ? (
        isHidden401(completeness.error) ? null : <PanelError error={completeness.error} retry={() => void completeness.refetch()} />
      ) : row?.submittedAt ? (
        <p className="done">
          {fill(m.submittedAlready, { time: formatDateTime(row.submittedAt, locale), user: row.submittedBy ?? m.none, timeliness: row.isOnTime ? m.onTime : m.late })}
          {row.note && <> — {row.note}</>}
        </p>
      ) : (
        <p>{m.notSubmitted}</p>
      )}
      {submit.isError && !isHidden401(submit.error) && fieldErrorCount(errors) === 0 && <WriteError error={submit.error} />}
      <FormAlert messages={[]} fieldErrorCount={fieldErrorCount(errors)} />
      {submit.isSuccess && <Done>{fill(m.reportSubmitted, { month: monthText })}</Done>}
      <Field label={m.fieldNote} optional error={errors.note}>
        {(props) => <textarea {...props} name="note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={submit.isPending}>
          {submit.isPending ? m.saving : row?.submittedAt ? m.resubmitButton : m.submitButton}
        </button>
      </div>
    </form>
  );
}

/** Central staff open a period for a month with its deadline. */
function OpenPeriod({ scheme, onOpened }: { scheme: SchemeId; onOpened: (period: ReportingPeriod) => void }) {
  const m = useReportingMessages();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const [month, setMonth] = useState(() => defaultPeriodMonth(scheme, todayIso()));
  const [deadline, setDeadline] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const open = useMutation({
    mutationFn: openPeriod,
    onSuccess: async (period) => {
      onOpened(period);
      await invalidateAfterWrite(queryClient);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status !== 403) {
        const split = splitServerErrors(error, ['scheme', 'month', 'deadline']);
        setErrors(split.fields);
        setGeneral(split.general);
      }
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createReportingPeriodBodySchema.safeParse({ scheme, month, deadline });
    if (!parsed.success) {
      setErrors(toFieldErrors(parsed.error.issues, { scheme: 'choice', month: 'periodMonth', deadline: 'deadline' }, m));
      setGeneral([]);
      return;
    }
    setErrors({});
    setGeneral([]);
    open.mutate(parsed.data);
  };
  return (
    <form className="panel report-form" onSubmit={onSubmit} noValidate aria-labelledby="open-period-title">
      <h2 id="open-period-title">{m.openPeriodTitle}</h2>
      {open.error instanceof ApiError && open.error.status === 403 ? <WriteError error={open.error} /> : <FormAlert messages={general} fieldErrorCount={fieldErrorCount(errors)} />}
      {open.isSuccess && <Done>{fill(m.periodOpened, { month: formatMonth(open.data.month, locale) })}</Done>}
      <p className="muted">{m[`scheme_${scheme}`]}</p>
      <div className="field-row">
        <Field label={m.fieldMonth} error={errors.month}>
          {(props) => <DateField {...props} kind="month" name="month" required value={month} onChange={setMonth} />}
        </Field>
        <Field label={m.fieldDeadline} error={errors.deadline}>
          {(props) => <DateField {...props} name="deadline" required value={deadline} onChange={setDeadline} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={open.isPending}>
          {open.isPending ? m.saving : m.openPeriodButton}
        </button>
      </div>
    </form>
  );
}

/** Central staff: the selected period's reports per province, and its deadline. */
function PeriodDetail({ period }: { period: ReportingPeriod }) {
  const { t, locale } = useLocale();
  const m = useReportingMessages();
  const queryClient = useQueryClient();
  const completeness = useQuery(periodCompletenessQuery(period.id));
  const [deadline, setDeadline] = useState(period.deadline);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (next: string) => changeDeadline(period.id, next),
    onSuccess: () => invalidateAfterWrite(queryClient),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 400) setErrors(splitServerErrors(error, ['deadline']).fields);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = updateReportingPeriodBodySchema.safeParse({ deadline });
    const problem = parsed.success && deadline < `${period.month}-01` ? m.errDeadline : null;
    if (!parsed.success || problem) {
      setErrors(problem ? { deadline: problem } : toFieldErrors(parsed.error!.issues, { deadline: 'deadline' }, m));
      return;
    }
    setErrors({});
    save.mutate(parsed.data.deadline);
  };
  const monthText = formatMonth(period.month, locale);
  const data = completeness.data;
  const n = (value: number) => formatNumber(value, locale);
  return (
    <section className="panel" aria-labelledby="period-detail-title">
      <h2 id="period-detail-title">{fill(m.completenessTitle, { month: monthText })}</h2>
      <form className="report-form inline-form" onSubmit={onSubmit} noValidate aria-label={fill(m.changeDeadlineTitle, { month: monthText })}>
        {save.isError && fieldErrorCount(errors) === 0 && !isHidden401(save.error) && <WriteError error={save.error} />}
        {save.isSuccess && <Done>{m.deadlineSaved}</Done>}
        <Field label={fill(m.changeDeadlineTitle, { month: monthText })} error={errors.deadline}>
          {(props) => <DateField {...props} name="deadline" required value={deadline} onChange={setDeadline} />}
        </Field>
        <button type="submit" disabled={save.isPending || deadline === period.deadline}>
          {save.isPending ? m.saving : m.changeDeadlineButton}
        </button>
      </form>
      {completeness.isPending ? (
        <p aria-live="polite" className="reserve">
          {t.loading}
        </p>
      ) : completeness.isError ? (
        isHidden401(completeness.error) ? null : <PanelError error={completeness.error} retry={() => void completeness.refetch()} />
      ) : (
        data && (
          <>
            <p>
              {fill(m.completenessSummary, {
                submitted: n(data.provinces.submitted),
                total: n(data.provinces.total),
                rate: formatPercent(data.rate, locale),
                onTime: n(data.provinces.onTime),
                late: n(data.provinces.late),
                missing: n(data.provinces.missing),
              })}
            </p>
            <div className="table-scroll" tabIndex={0} role="region" aria-label={m.completenessTableName}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{m.colProvince}</th>
                    <th scope="col">{m.colSubmittedAt}</th>
                    <th scope="col">{m.colSubmittedBy}</th>
                    <th scope="col">{m.colTimeliness}</th>
                    <th scope="col">{m.colNote}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((row) => (
                    <tr key={row.provinceCode} className={row.submittedAt ? undefined : 'missing'}>
                      <th scope="row">{row.name}</th>
                      <td>{row.submittedAt ? formatDateTime(row.submittedAt, locale) : m.colMissing}</td>
                      <td>{row.submittedBy ?? m.none}</td>
                      <td>{row.isOnTime === null ? m.none : row.isOnTime ? m.onTime : m.late}</td>
                      <td>{row.note ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )
      )}
    </section>
  );
}

/** Central staff: each province's completeness over every period of the scheme. */
function CompletenessByProvince({ scheme }: { scheme: SchemeId }) {
  const { t, locale } = useLocale();
  const m = useReportingMessages();
  const completeness = useQuery(completenessQuery(scheme));
  const n = (value: number) => formatNumber(value, locale);
  return (
    <section aria-labelledby="range-title">
      <h2 id="range-title">{m.rangeTitle}</h2>
      {completeness.isPending ? (
        <p aria-live="polite">{t.loading}</p>
      ) : completeness.isError ? (
        isHidden401(completeness.error) ? null : <PanelError error={completeness.error} retry={() => void completeness.refetch()} />
      ) : completeness.data.periods === 0 ? (
        <p>{m.noPeriods}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={m.rangeTableName}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.colProvince}</th>
                <th scope="col" className="num">{m.colPeriods}</th>
                <th scope="col" className="num">{m.colSubmitted}</th>
                <th scope="col" className="num">{m.colOnTime}</th>
                <th scope="col" className="num">{m.colLate}</th>
                <th scope="col" className="num">{m.colMissing}</th>
                <th scope="col" className="num">{m.colRate}</th>
                <th scope="col" className="num">{m.colOnTimeRate}</th>
              </tr>
            </thead>
            <tbody>
              {completeness.data.rows.map((row) => (
                <tr key={row.provinceCode}>
                  <th scope="row">{row.name}</th>
                  <td className="num">{n(row.periods)}</td>
                  <td className="num">{n(row.submitted)}</td>
                  <td className="num">{n(row.onTime)}</td>
                  <td className="num">{n(row.late)}</td>
                  <td className="num">{n(row.missing)}</td>
                  <td className="num">{row.periods === 0 ? m.none : formatPercent(row.rate, locale)}</td>
                  <td className="num">{row.periods === 0 ? m.none : formatPercent(row.onTimeRate, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** `/report/monthly?scheme&period`: reporting periods, the officer's submission, central staff's follow-up. */
export function MonthlyPage() {
  const { t } = useLocale();
  const m = useReportingMessages();
  const user = useReportingUser();
  const [params, setParams] = useSearchParams();
  const scheme = workingScheme(user, params.get('scheme'));
  const periods = useQuery(periodsQuery(scheme));
  const rawPeriod = params.get('period');
  const list = periods.data?.periods ?? [];
  const selected = list.find((p) => String(p.id) === rawPeriod) ?? list[0] ?? null;
  // an officer submits for one of their provinces in the scheme (most have one)
  const province = isOfficer(user) ? workingProvince(user, scheme, params.get('province')) : null;
  const ownProvinces = scopeProvinces(user, scheme);
  const central = isCentral(user.role);

  const update = (changes: Record<string, string | null>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });

  return (
    <>
      <h1>{m.monthlyTitle}</h1>
      <div className="report-controls">
        <SchemeSelect value={scheme} onChange={(next) => update({ scheme: next, period: null, province: null })} schemes={userSchemes(user)} />
        {ownProvinces && ownProvinces.length > 1 && <ProvinceSelect scheme={scheme} value={province} onChange={(code) => update({ province: code })} only={ownProvinces} />}
      </div>
      <DemoBanner demo={periods.data?.demo} />
      {central && <OpenPeriod key={scheme} scheme={scheme} onOpened={(period) => update({ period: String(period.id) })} />}
      <section aria-labelledby="periods-title">
        <h2 id="periods-title">{m.periodsTitle}</h2>
        {periods.isPending ? (
          <p aria-live="polite" className="reserve">
            {t.loading}
          </p>
        ) : periods.isError ? (
          isHidden401(periods.error) ? null : <PanelError error={periods.error} retry={() => void periods.refetch()} />
        ) : list.length === 0 ? (
          <p>{central ? m.noPeriods : m.noPeriodsOfficer}</p>
        ) : (
          <PeriodsTable periods={list} selected={selected?.id ?? null} onSelect={(id) => update({ period: String(id) })} />
        )}
      </section>
      {selected && province && <SubmitReport key={selected.id} period={selected} province={province} />}
      {selected && central && <PeriodDetail key={`${selected.id}|${selected.deadline}`} period={selected} />}
      {central && <CompletenessByProvince scheme={scheme} />}
    </>
  );
}
