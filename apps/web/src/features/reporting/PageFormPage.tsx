import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  assignPageBodySchema,
  createPageBodySchema,
  OWNERS,
  pageEventBodySchema,
  PLATFORMS,
  updatePageBodySchema,
  type PageDetail,
  type RecordableStatus,
  type SchemeId,
} from '@mttq/core';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { DemoBanner } from '../../components/DemoBanner';
import { PanelError } from '../../components/PanelError';
import { formatDate } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { todayIso } from '../../url/today';
import { isCentral } from './access';
import { splitServerErrors } from '../../api/server-errors';
import { toFieldErrors, type FieldErrors } from './form-errors';
import { emptyPageForm, namedExistingPage, PAGE_FIELD_KINDS, PAGE_FIELDS, pageFormFromDetail, platformOfUrl, toCreatePageInput, toUpdatePageInput, type PageFormValues } from './page-form';
import { assignPage, createPage, invalidateAfterWrite, recordPageEvent, updatePage } from './queries';
import { userSchemes, workingScheme } from '../../api/session';
import { queueMessages } from './queue-messages';
import { Done, Field, fieldErrorCount, FormAlert, SchemeSelect, useReportingMessages, useReportingUser } from './ui';
import { pageDetailQuery, queryKeys, unitDetailQuery } from '../../api/queries';
import { DateField } from '../../components/date-field/DateField';

const UNIT_CODE = /^\d{2}(\d|\d{3})?$/;

/** Server answers to a write, split between the fields and the alert above the form. */
function useServerErrors(fields: readonly string[]) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [forbidden, setForbidden] = useState<ApiError | null>(null);
  return {
    fieldErrors,
    general,
    forbidden,
    clear() {
      setFieldErrors({});
      setGeneral([]);
      setForbidden(null);
    },
    setLocal(errors: FieldErrors) {
      setFieldErrors(errors);
      setGeneral(errors[''] ? [errors['']] : []);
      setForbidden(null);
    },
    fromServer(error: unknown) {
      if (error instanceof ApiError && error.status === 403) {
        setForbidden(error);
        return;
      }
      if (error instanceof ApiError) {
        const split = splitServerErrors(error, fields);
        setFieldErrors(split.fields);
        setGeneral(split.general);
      } else {
        setGeneral([error instanceof Error ? error.message : String(error)]);
      }
    },
  };
}

/** The unit a code names, under the code field: its name and where it is, or that there is none. */
function UnitLookup({ scheme, code }: { scheme: SchemeId; code: string }) {
  const m = useReportingMessages();
  const isCode = UNIT_CODE.test(code);
  const unit = useQuery({ ...unitDetailQuery(scheme, code, null), enabled: isCode });
  if (!isCode) return null;
  if (unit.isPending) return <p className="muted unit-lookup">{m.unitLookupLoading}</p>;
  if (unit.isError) {
    return <p className="muted unit-lookup">{unit.error instanceof ApiError && unit.error.status === 404 ? fill(m.unitLookupUnknown, { code }) : unit.error.message}</p>;
  }
  const where = unit.data.ancestors.map((a) => a.name).reverse().join(', ');
  return (
    <p className="unit-lookup" aria-live="polite">
      <strong>{unit.data.unit.name}</strong>
      {where && <span className="muted"> — {where}</span>}
    </p>
  );
}

interface PageFieldsProps {
  values: PageFormValues;
  errors: FieldErrors;
  onChange: (values: PageFormValues) => void;
}

/** Name, platform, address, owner, launch date and platform id: the fields both forms share. */
function PageFields({ values, errors, onChange }: PageFieldsProps) {
  const m = useReportingMessages();
  const set = (changes: Partial<PageFormValues>) => onChange({ ...values, ...changes });
  return (
    <>
      <Field label={m.fieldName} error={errors.name}>
        {(props) => <input {...props} name="name" required maxLength={300} value={values.name} onChange={(e) => set({ name: e.target.value })} />}
      </Field>
      <Field label={m.fieldUrl} hint={m.fieldUrlHint} error={errors.url}>
        {(props) => (
          <input
            {...props}
            name="url"
            type="url"
            inputMode="url"
            required
            value={values.url}
            onChange={(e) => {
              const platform = platformOfUrl(e.target.value);
              set({ url: e.target.value, ...(platform ? { platform } : {}) });
            }}
          />
        )}
      </Field>
      <div className="field-row">
        <Field label={m.fieldPlatform} error={errors.platform}>
          {(props) => (
            <select {...props} name="platform" value={values.platform} onChange={(e) => set({ platform: e.target.value })}>
              {PLATFORMS.map((p) => (
                <option key={p} value={p}>
                  {m[`platform_${p}`]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={m.fieldOwner} error={errors.owner}>
          {(props) => (
            <select {...props} name="owner" value={values.owner} onChange={(e) => set({ owner: e.target.value })}>
              {OWNERS.map((o) => (
                <option key={o} value={o}>
                  {m[`owner_${o}`]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={m.fieldLaunchedOn} error={errors.launchedOn}>
          {(props) => <DateField {...props} name="launchedOn" required max={todayIso()} value={values.launchedOn} onChange={(value) => set({ launchedOn: value })} />}
        </Field>
      </div>
      <Field label={m.fieldPlatformId} optional error={errors.platformId}>
        {(props) => <input {...props} name="platformId" maxLength={200} value={values.platformId} onChange={(e) => set({ platformId: e.target.value })} />}
      </Field>
    </>
  );
}

/**
 * The answer to a 409 second_front_page: the unit already has an open Front page. Names it (with
 * a link to edit it) and offers "Vẫn lưu", which sends the same body with confirmSecondFrontPage.
 */
function SecondFrontPageWarning({ message, scheme, isPending, onConfirm }: { message: string; scheme: SchemeId; isPending: boolean; onConfirm: () => void }) {
  const q = useMessages(queueMessages);
  const m = useReportingMessages();
  const existing = namedExistingPage(message);
  return (
    <div role="alert" className="form-alert second-page-warning">
      <p>
        <strong>{q.secondPageTitle}</strong>
      </p>
      <p>{existing ? fill(q.secondPageLead, { name: existing.name }) : q.secondPageLeadUnnamed}</p>
      <p className="muted">
        {message}
      </p>
      {existing && (
        <p>
          <Link to={`/report/pages/${existing.id}/edit?scheme=${scheme}`}>{q.secondPageEdit}</Link>
        </p>
      )}
      <p className="muted">{q.saveAnywayHint}</p>
      <div className="form-actions">
        <button type="button" onClick={onConfirm} disabled={isPending}>
          {isPending ? m.saving : q.saveAnyway}
        </button>
      </div>
    </div>
  );
}

const isSecondFrontPage = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 409 && error.code === 'second_front_page';

/** `/report/pages/new?scheme&unit`: a new page for a unit. */
export function NewPagePage() {
  const m = useReportingMessages();
  const user = useReportingUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const scheme = workingScheme(user, params.get('scheme'));
  const [values, setValues] = useState<PageFormValues>(() => emptyPageForm(scheme, params.get('unit') ?? ''));
  const [secondPage, setSecondPage] = useState<{ message: string; body: Record<string, unknown> } | null>(null);
  const errors = useServerErrors(PAGE_FIELDS);
  const create = useMutation({
    mutationFn: createPage,
    onSuccess: async (page) => {
      queryClient.setQueryData(queryKeys.pageDetail(page.id), page);
      await invalidateAfterWrite(queryClient);
      await navigate(`/report/pages/${page.id}/edit?scheme=${values.unitScheme}`, { state: { created: page.name } });
    },
    onError: (error, body) => {
      if (isSecondFrontPage(error)) setSecondPage({ message: error.message, body: body as Record<string, unknown> });
      else errors.fromServer(error);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSecondPage(null);
    const parsed = createPageBodySchema.safeParse(toCreatePageInput(values));
    if (!parsed.success) {
      errors.setLocal(toFieldErrors(parsed.error.issues, PAGE_FIELD_KINDS, m));
      return;
    }
    errors.clear();
    create.mutate(parsed.data);
  };
  const changeValues = (next: PageFormValues) => {
    // the warning was about the values sent; a change asks again
    setSecondPage(null);
    setValues(next);
  };
  const fieldErrors = errors.fieldErrors;
  return (
    <>
      <h1>{m.newPageTitle}</h1>
      <form className="report-form panel" onSubmit={onSubmit} noValidate aria-labelledby="new-page-details">
        <h2 id="new-page-details">{m.pageDetailsTitle}</h2>
        {errors.forbidden ? <PanelError error={errors.forbidden} retry={() => errors.clear()} /> : <FormAlert messages={errors.general} fieldErrorCount={fieldErrorCount(fieldErrors)} />}
        <SchemeSelect value={values.unitScheme} onChange={(unitScheme) => changeValues({ ...values, unitScheme })} schemes={userSchemes(user)} />
        <Field label={m.fieldUnitCode} hint={m.fieldUnitHint} error={fieldErrors['unit.code'] ?? fieldErrors['unit.scheme']}>
          {(props) => (
            <input
              {...props}
              name="unitCode"
              inputMode="numeric"
              required
              maxLength={5}
              value={values.unitCode}
              onChange={(e) => changeValues({ ...values, unitCode: e.target.value.trim() })}
            />
          )}
        </Field>
        <UnitLookup scheme={values.unitScheme} code={values.unitCode} />
        <PageFields values={values} errors={fieldErrors} onChange={changeValues} />
        {secondPage && (
          <SecondFrontPageWarning
            message={secondPage.message}
            scheme={values.unitScheme}
            isPending={create.isPending}
            onConfirm={() => create.mutate({ ...secondPage.body, confirmSecondFrontPage: true })}
          />
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? m.saving : m.createButton}
          </button>
          <Link to="/report">{m.backToUnits}</Link>
        </div>
      </form>
    </>
  );
}

/** The page's own fields (PATCH: only what changed). */
function EditDetails({ page }: { page: PageDetail }) {
  const m = useReportingMessages();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const user = useReportingUser();
  const scheme = workingScheme(user, params.get('scheme'));
  const [values, setValues] = useState<PageFormValues>(() => pageFormFromDetail(page, scheme));
  const [isSaved, setSaved] = useState(false);
  const errors = useServerErrors(PAGE_FIELDS);
  const save = useMutation({
    mutationFn: (body: unknown) => updatePage(page.id, body),
    onSuccess: async (next) => {
      queryClient.setQueryData(queryKeys.pageDetail(next.id), next);
      setValues(pageFormFromDetail(next, scheme));
      setSaved(true);
      await invalidateAfterWrite(queryClient);
    },
    onError: (error) => errors.fromServer(error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = toUpdatePageInput(values, page);
    if (Object.keys(body).length === 0) {
      errors.setLocal({ '': m.errNoChange });
      return;
    }
    const parsed = updatePageBodySchema.safeParse(body);
    if (!parsed.success) {
      errors.setLocal(toFieldErrors(parsed.error.issues, PAGE_FIELD_KINDS, m));
      return;
    }
    errors.clear();
    save.mutate(parsed.data);
  };
  return (
    <form className="report-form panel" onSubmit={onSubmit} noValidate aria-labelledby="edit-page-details">
      <h2 id="edit-page-details">{m.pageDetailsTitle}</h2>
      {errors.forbidden ? (
        <PanelError error={errors.forbidden} retry={() => errors.clear()} />
      ) : (
        <FormAlert messages={errors.general} fieldErrorCount={fieldErrorCount(errors.fieldErrors)} />
      )}
      {isSaved && <Done>{m.pageSaved}</Done>}
      <PageFields values={values} errors={errors.fieldErrors} onChange={(next) => {
          setSaved(false);
          setValues(next);
        }} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? m.saving : m.saveButton}
        </button>
      </div>
    </form>
  );
}

/** The page's unit in each scheme, and a form to change it. */
function Assignments({ page }: { page: PageDetail }) {
  const m = useReportingMessages();
  const user = useReportingUser();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const schemes = userSchemes(user);
  const [scheme, setScheme] = useState<SchemeId>(() => workingScheme(user, params.get('scheme')));
  const current = page.assignments.find((a) => a.scheme === scheme);
  const [code, setCode] = useState(current?.code ?? '');
  const [isSaved, setSaved] = useState(false);
  const errors = useServerErrors(['unitCode']);
  const assign = useMutation({
    mutationFn: (unitCode: string) => assignPage(page.id, scheme, unitCode),
    onSuccess: async (next) => {
      queryClient.setQueryData(queryKeys.pageDetail(next.id), next);
      setSaved(true);
      await invalidateAfterWrite(queryClient);
    },
    onError: (error) => errors.fromServer(error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const parsed = assignPageBodySchema.safeParse({ unitCode: code.trim() });
    if (!parsed.success) {
      errors.setLocal(toFieldErrors(parsed.error.issues, { unitCode: 'unitCode' }, m));
      return;
    }
    errors.clear();
    assign.mutate(parsed.data.unitCode);
  };
  return (
    <section className="panel" aria-labelledby="assignments-title">
      <h2 id="assignments-title">{m.assignmentsTitle}</h2>
      <ul className="plain">
        {page.assignments.map((a) => (
          <li key={a.scheme}>
            <strong>{m[`scheme_${a.scheme}`]}</strong>: {fill(m.assignmentCurrent, { name: a.name, code: a.code, basis: m[`basis_${a.basis}`] })}
          </li>
        ))}
        {page.assignments.length === 0 && <li>{m.assignmentNone}</li>}
      </ul>
      <form className="report-form" onSubmit={onSubmit} noValidate aria-label={m.assignButton}>
        {errors.forbidden ? <PanelError error={errors.forbidden} retry={() => errors.clear()} /> : <FormAlert messages={errors.general} fieldErrorCount={0} />}
        {isSaved && <Done>{m.assignSaved}</Done>}
        {schemes.length > 1 && (
          <SchemeSelect
            value={scheme}
            onChange={(next) => {
              setScheme(next);
              setCode(page.assignments.find((a) => a.scheme === next)?.code ?? '');
            }}
          />
        )}
        <Field label={m.fieldUnitCode} hint={m.fieldUnitHint} error={errors.fieldErrors.unitCode}>
          {(props) => <input {...props} name="assignUnitCode" inputMode="numeric" maxLength={5} value={code} onChange={(e) => setCode(e.target.value.trim())} />}
        </Field>
        <UnitLookup scheme={scheme} code={code} />
        <div className="form-actions">
          <button type="submit" disabled={assign.isPending || code === current?.code}>
            {assign.isPending ? m.saving : m.assignButton}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The status history and a form to record the next status (verify / reject for central staff). */
function StatusSection({ page }: { page: PageDetail }) {
  const { locale } = useLocale();
  const m = useReportingMessages();
  const user = useReportingUser();
  const queryClient = useQueryClient();
  const actions: RecordableStatus[] = isCentral(user.role) ? ['reported', 'verified', 'rejected', 'closed', 'reopened'] : ['reported', 'closed', 'reopened'];
  const [status, setStatus] = useState<RecordableStatus>(actions[0]!);
  const [effectiveOn, setEffectiveOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const [recorded, setRecorded] = useState<RecordableStatus | null>(null);
  const errors = useServerErrors(['status', 'effectiveOn', 'note']);
  const record = useMutation({
    mutationFn: (body: unknown) => recordPageEvent(page.id, body),
    onSuccess: async (next, body) => {
      queryClient.setQueryData(queryKeys.pageDetail(next.id), next);
      setRecorded((body as { status: RecordableStatus }).status);
      setNote('');
      await invalidateAfterWrite(queryClient);
    },
    onError: (error) => errors.fromServer(error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setRecorded(null);
    if (status === 'rejected' && note.trim() === '') {
      errors.setLocal({ note: m.errRejectReason });
      return;
    }
    const parsed = pageEventBodySchema.safeParse({ status, effectiveOn, note: note.trim() === '' ? null : note });
    if (!parsed.success) {
      errors.setLocal(toFieldErrors(parsed.error.issues, { status: 'choice', effectiveOn: 'date', note: 'text' }, m));
      return;
    }
    errors.clear();
    record.mutate(parsed.data);
  };
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">{m.historyTitle}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="history-title">
        <table>
          <thead>
            <tr>
              <th scope="col">{m.colDate}</th>
              <th scope="col">{m.colStatus}</th>
              <th scope="col">{m.colBy}</th>
              <th scope="col">{m.colNote}</th>
            </tr>
          </thead>
          <tbody>
            {page.history.length === 0 && (
              <tr>
                <td colSpan={4}>{m.historyEmpty}</td>
              </tr>
            )}
            {page.history.map((event, i) => (
              <tr key={i}>
                <td>{formatDate(event.effectiveOn, locale)}</td>
                <td>{m[`status_${event.status}`]}</td>
                <td>{event.recordedBy}</td>
                <td>{event.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="report-form" onSubmit={onSubmit} noValidate aria-labelledby="status-actions-title">
        <h3 id="status-actions-title">{m.statusActionsTitle}</h3>
        {errors.forbidden ? (
          <PanelError error={errors.forbidden} retry={() => errors.clear()} />
        ) : (
          <FormAlert messages={errors.general} fieldErrorCount={fieldErrorCount(errors.fieldErrors)} />
        )}
        {recorded && <Done>{fill(m.eventRecorded, { status: m[`status_${recorded}`] })}</Done>}
        <div className="field-row">
          <Field label={m.fieldStatus} error={errors.fieldErrors.status}>
            {(props) => (
              <select {...props} name="status" value={status} onChange={(e) => setStatus(e.target.value as RecordableStatus)}>
                {actions.map((a) => (
                  <option key={a} value={a}>
                    {m[`action_${a}`]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={m.fieldEffectiveOn} error={errors.fieldErrors.effectiveOn}>
            {(props) => <DateField {...props} name="effectiveOn" max={todayIso()} value={effectiveOn} onChange={setEffectiveOn} />}
          </Field>
        </div>
        <Field label={status === 'rejected' ? m.fieldReason : m.fieldNote} optional={status !== 'rejected'} error={errors.fieldErrors.note}>
          {(props) => <textarea {...props} name="note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={record.isPending}>
            {record.isPending ? m.saving : m.recordButton}
          </button>
        </div>
      </form>
    </section>
  );
}

/** `/report/pages/:id/edit?scheme`: one page's fields, units and status. */
export function EditPagePage() {
  const { t } = useLocale();
  const m = useReportingMessages();
  const { id: rawId } = useParams();
  const location = useLocation();
  const [params] = useSearchParams();
  const id = /^[1-9]\d{0,14}$/.test(rawId ?? '') ? Number(rawId) : null;
  const page = useQuery({ ...pageDetailQuery(id ?? 0), enabled: id !== null });
  const created = (location.state as { created?: string } | null)?.created;
  const scheme = params.get('scheme');

  let body;
  if (id === null) body = <p role="alert">{m.pageIdBad}</p>;
  else if (page.isPending) body = <p aria-live="polite" className="reserve">{t.loading}</p>;
  else if (page.isError) body = page.error instanceof ApiError && page.error.isUnauthorized ? null : <PanelError error={page.error} retry={() => void page.refetch()} />;
  else
    body = (
      <>
        <DemoBanner demo={page.data.demo} />
        <p className="page-title-line">
          <strong>{page.data.name}</strong> <span className="muted">#{page.data.id}</span>
        </p>
        <p>
          <Link to={`/report/metrics?${new URLSearchParams({ ...(scheme ? { scheme } : {}), id: String(page.data.id) }).toString()}`}>{m.metricsForPage}</Link>
        </p>
        <EditDetails key={`details-${page.data.id}`} page={page.data} />
        <Assignments key={`assign-${page.data.id}`} page={page.data} />
        <StatusSection key={`status-${page.data.id}`} page={page.data} />
      </>
    );
  return (
    <>
      <h1>{m.editPageTitle}</h1>
      {created && <Done>{fill(m.pageCreated, { name: created })}</Done>}
      {body}
    </>
  );
}
