import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IMPORT_ROW_FILTERS, type ImportCommitResponse, type ImportDryRunResponse, type ImportPlanStatus, type ImportProblem, type ImportRowFilter, type ImportRowResult, type SchemeId } from '@mttq/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { apiFetch, ApiError, NETWORK_ERROR_STATUS } from '../../api/client';
import { PanelError } from '../../components/PanelError';
import { DateField } from '../../components/date-field/DateField';
import { formatDate, formatDateTime, formatMonthName, formatNumber } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { fill, type Locale } from '../../i18n/messages';
import { ColumnMappingStep, SheetChoice } from './ImportColumns';
import { defaultRowFilter, filterImportRows, hasAmbiguousColumns, hasChanges, hasEveryRow } from './import-rows';
import { invalidateAfterWrite, templateUrl } from './queries';
import { checkImportFile, commitPlan, planFileUrl, planRows, type DryRunInput } from './upload';
import { workingProvince, workingScheme } from '../../api/session';
import { todayIso } from '../../url/today';
import { previousMonth } from './months';
import { Done, Field, ScopeControls, useReportingMessages, useReportingUser } from './ui';

const ROWS_PER_STEP = 100;
/** Row numbers listed per kind of problem; the rest are counted. */
const PROBLEM_ROWS_LISTED = 12;
/** Skipped rows listed; the rest are counted (the plan file has them all). */
const SKIPPED_ROWS_LISTED = 20;

/** GET /imports/{planId}: what became of a plan (pending, committed with its result, expired, replaced). */
const planStatus = (planId: string, locale: Locale, signal: AbortSignal) => apiFetch<ImportPlanStatus>(`/imports/${planId}?lang=${locale}`, { signal });

/**
 * A commit whose answer never came (the connection dropped) or was a server error: it may or
 * may not have been applied, so the wizard asks the server. Other failures say what happened.
 */
const isOutcomeUnknown = (error: unknown) => error instanceof ApiError && (error.status === NETWORK_ERROR_STATUS || error.status >= 500);

const OUTCOME_TOTALS = ['create', 'update', 'metrics', 'unchanged', 'error'] as const;

function ImportRow({ row }: { row: ImportRowResult }) {
  const m = useReportingMessages();
  const hasErrors = row.errors.length > 0;
  return (
    <tr className={hasErrors ? 'row-error' : undefined} aria-invalid={hasErrors || undefined}>
      <th scope="row" className="num" data-label={m.colRow}>
        {row.row}
        {hasErrors && <span className="visually-hidden"> — {fill(m.rowErrorLabel, { row: row.row })}</span>}
      </th>
      <td data-label={m.colOutcome}>
        <span className={`outcome outcome-${row.outcome}`}>{m[`outcome_${row.outcome}`]}</span>
      </td>
      <td data-label={m.colUnit}>{row.unit ? `${row.unit.name} (${row.unit.code})` : m.none}</td>
      <td className="url-cell" data-label={m.colPage}>
        {row.url ?? m.none}
      </td>
      <td data-label={m.colChanges}>
        {row.changes.length > 0 && (
          <ul className="cell-list">
            {row.changes.map((change, i) => (
              <li key={i}>{change}</li>
            ))}
          </ul>
        )}
        {row.warnings.length > 0 && (
          <ul className="cell-list muted">
            {row.warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
        )}
      </td>
      <td data-label={m.colErrors}>
        {hasErrors && (
          <ul className="cell-list row-errors">
            {row.errors.map((error, i) => (
              <li key={i}>
                <strong>{fill(m.rowError, { column: error.column })}</strong> <span>{error.message}</span>
                {error.candidates.length > 0 && (
                  <span className="muted">
                    {' '}
                    {fill(m.candidates, { list: error.candidates.map((c) => `${c.name} (${c.code}${c.parent ? `, ${c.parent}` : ''})`).join('; ') })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

/** Every problem of the file grouped by kind, errors first: where it is, how many rows, which, and what it says. */
function ProblemsSummary({ problems }: { problems: readonly ImportProblem[] }) {
  const { locale } = useLocale();
  const m = useReportingMessages();
  if (problems.length === 0) return null;
  const n = (value: number) => formatNumber(value, locale);
  const rowsOf = (problem: ImportProblem) => {
    const listed = problem.rows.slice(0, PROBLEM_ROWS_LISTED).map(n).join(', ');
    const more = problem.count - Math.min(problem.rows.length, PROBLEM_ROWS_LISTED);
    return more > 0 ? fill(m.problemMoreRows, { rows: listed, more: n(more) }) : listed;
  };
  return (
    <section className="import-problems" aria-labelledby="import-problems-title">
      <h3 id="import-problems-title">{m.problemsTitle}</h3>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.severity}|${problem.column ?? ''}|${problem.key}`} className={problem.severity === 'error' ? 'row-errors' : 'muted'}>
            <strong>
              {problem.severity === 'error' ? m.problemError : m.problemWarning}
              {problem.column !== null && ` — ${fill(m.problemColumn, { column: problem.column })}`}
            </strong>{' '}
            ({fill(m.problemRows, { count: n(problem.count), rows: rowsOf(problem) })}): {problem.example}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Rows under the header that are not data (totals, signature and date lines, a repeated header): listed, never read as units. */
function SkippedRows({ rows }: { rows: ImportDryRunResponse['skippedRows'] }) {
  const { locale } = useLocale();
  const m = useReportingMessages();
  if (rows.length === 0) return null;
  const more = rows.length - SKIPPED_ROWS_LISTED;
  return (
    <section className="import-skipped" aria-labelledby="import-skipped-title">
      <h3 id="import-skipped-title">{m.skippedTitle}</h3>
      <ul className="muted">
        {rows.slice(0, SKIPPED_ROWS_LISTED).map((row) => (
          <li key={row.row}>{fill(m.skippedRow, { row: row.row, reason: m[`skipped_${row.reason}`], text: row.text })}</li>
        ))}
      </ul>
      {more > 0 && <p className="muted">{fill(m.skippedMore, { more: formatNumber(more, locale) })}</p>}
    </section>
  );
}

/**
 * The rows the table shows under a filter, a step at a time: from the dry run's answer when it
 * holds every row (a small file), else read page by page from the plan (GET /imports/{planId}/rows).
 */
function usePlanRows(result: ImportDryRunResponse, filter: ImportRowFilter) {
  const { locale } = useLocale();
  const [shown, setShown] = useState(ROWS_PER_STEP);
  useEffect(() => setShown(ROWS_PER_STEP), [filter]);
  const isWhole = hasEveryRow(result);
  const pages = useInfiniteQuery({
    queryKey: ['imports', result.planId, 'rows', filter, locale],
    queryFn: ({ pageParam, signal }) => planRows({ planId: result.planId, filter, offset: pageParam, limit: ROWS_PER_STEP, locale }, signal),
    initialPageParam: 0,
    getNextPageParam: (last) => (last.offset + last.rows.length < last.total ? last.offset + last.rows.length : undefined),
    enabled: !isWhole,
    staleTime: Infinity,
  });
  if (isWhole) {
    const rows = filterImportRows(result.rows, filter);
    return { visible: rows.slice(0, shown), total: rows.length, hasMore: shown < rows.length, showMore: () => setShown((n) => n + ROWS_PER_STEP), pages: null };
  }
  const visible = pages.data?.pages.flatMap((page) => page.rows) ?? [];
  return { visible, total: pages.data?.pages[0]?.total ?? 0, hasMore: pages.hasNextPage, showMore: () => void pages.fetchNextPage(), pages };
}

/** The dry run: totals, the error summary, every row's outcome, and the commit button. */
function DryRunResult({ result, onCommit, isCommitting }: { result: ImportDryRunResponse; onCommit: () => void; isCommitting: boolean }) {
  const { locale, t } = useLocale();
  const m = useReportingMessages();
  const [filter, setFilter] = useState<ImportRowFilter>(() => defaultRowFilter(result));
  const { visible, total, hasMore, showMore, pages } = usePlanRows(result, filter);
  const errorRowCount = result.totals.error;
  const isEmpty = !hasChanges(result);
  const isAmbiguous = hasAmbiguousColumns(result);
  return (
    <section className="panel" aria-labelledby="dry-run-title">
      <h2 id="dry-run-title">{m.step3}</h2>
      <p>{fill(m.fileRead, { name: result.file.name, rows: formatNumber(result.totals.rows, locale), date: formatDate(result.effectiveOn, locale) })}</p>
      <ul className="totals">
        {OUTCOME_TOTALS.map((key) => (
          <li key={key} className={key === 'error' && result.totals.error > 0 ? 'has-errors' : undefined}>
            <span>{m[`totals_${key}`]}</span> <strong>{formatNumber(result.totals[key], locale)}</strong>
          </li>
        ))}
      </ul>
      {errorRowCount > 0 ? (
        <div role="alert" className="form-alert">
          <p>
            <strong>{fill(m.errorRowsAlert, { count: formatNumber(errorRowCount, locale) })}</strong>
          </p>
        </div>
      ) : (
        <p role="status" className="done">
          {isEmpty ? m.nothingToWrite : m.noErrorRows}
        </p>
      )}
      <p>{fill(m.importMonthUsed, { month: formatMonthName(result.month, locale) })}</p>
      <ProblemsSummary problems={result.problems} />
      <SkippedRows rows={result.skippedRows} />
      {result.ignoredColumns.length > 0 && <p className="muted">{fill(m.ignoredColumns, { columns: result.ignoredColumns.join(', ') })}</p>}
      <p className="downloads">
        <a href={planFileUrl(result.planId, locale)} download>
          {m.downloadPlanFile}
        </a>
        <small className="muted">{m.downloadPlanFileHint}</small>
      </p>
      <div className="field inline">
        <label htmlFor="rows-filter">{m.rowsFilterLabel}</label>
        <select
          id="rows-filter"
          value={filter}
          onChange={(e) => setFilter(e.target.value as ImportRowFilter)}
        >
          {IMPORT_ROW_FILTERS.map((f) => (
            <option key={f} value={f}>
              {m[`rowsFilter_${f}`]}
            </option>
          ))}
        </select>
      </div>
      <p className="muted" aria-live="polite">
        {pages?.isPending ? t.loading : fill(m.rowsShown, { shown: formatNumber(visible.length, locale), total: formatNumber(total, locale) })}
      </p>
      {pages?.isError && <PanelError error={pages.error} retry={() => void pages.refetch()} />}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={m.rowsTableName}>
        <table className="import-rows">
          <thead>
            <tr>
              <th scope="col" className="num">{m.colRow}</th>
              <th scope="col">{m.colOutcome}</th>
              <th scope="col">{m.colUnit}</th>
              <th scope="col">{m.colPage}</th>
              <th scope="col">{m.colChanges}</th>
              <th scope="col">{m.colErrors}</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <ImportRow key={row.row} row={row} />
            ))}
          </tbody>
        </table>
      </div>
      {hasMore && (
        <button type="button" onClick={showMore} disabled={pages?.isFetchingNextPage === true}>
          {m.showMore}
        </button>
      )}
      <div className="form-actions commit-actions">
        <button type="button" className="primary" disabled={!result.canCommit || isEmpty || isCommitting} aria-describedby="commit-hint" onClick={onCommit}>
          {isCommitting ? m.committing : m.commitButton}
        </button>
        <small id="commit-hint" className="muted">
          {isAmbiguous ? m.mappingAmbiguousHint : !result.canCommit ? m.commitDisabledHint : fill(m.planExpires, { time: formatDateTime(result.expiresAt, locale) })}
        </small>
      </div>
    </section>
  );
}

/**
 * After a commit that got no answer: the server's word on the plan. Committed shows the summary
 * (ImportPage); pending offers the retry, which sends the same planId (committing twice is
 * impossible: the server answers a committed plan's result again); expired and replaced say so.
 */
function CommitOutcome({
  status,
  isChecking,
  onRetry,
  onCheckAgain,
  isRetrying,
}: {
  status: ImportPlanStatus | undefined;
  isChecking: boolean;
  onRetry: () => void;
  onCheckAgain: () => void;
  isRetrying: boolean;
}) {
  const { locale } = useLocale();
  const m = useReportingMessages();
  const retry = (
    <button type="button" className="primary" onClick={onRetry} disabled={isRetrying}>
      {isRetrying ? m.committing : m.commitRetry}
    </button>
  );
  if (isChecking) {
    return (
      <p role="status" className="muted">
        {m.commitChecking}
      </p>
    );
  }
  if (!status) {
    return (
      <div role="alert" className="form-alert">
        <p>
          <strong>{m.commitUnknown}</strong>
        </p>
        <p>{m.commitUnknownLead}</p>
        <div className="form-actions">
          {retry}
          <button type="button" onClick={onCheckAgain}>
            {m.commitCheckAgain}
          </button>
        </div>
      </div>
    );
  }
  if (status.state === 'pending') {
    return (
      <div role="alert" className="form-alert">
        <p>
          <strong>{m.commitNotDone}</strong>
        </p>
        <p>{fill(m.commitNotDoneLead, { time: formatDateTime(status.expiresAt, locale) })}</p>
        <div className="form-actions">{retry}</div>
      </div>
    );
  }
  const text =
    status.state === 'replaced'
      ? fill(m.commitReplaced, { file: status.replacedBy?.fileName ?? '—', time: formatDateTime(status.replacedBy?.createdAt ?? status.endedAt ?? status.expiresAt, locale) })
      : fill(m.commitExpired, { time: formatDateTime(status.expiresAt, locale) });
  return (
    <div role="alert" className="form-alert">
      <p>
        <strong>{text}</strong>
      </p>
    </div>
  );
}

function CommitSummary({ result, scheme, onAgain }: { result: ImportCommitResponse; scheme: SchemeId; onAgain: () => void }) {
  const { locale } = useLocale();
  const m = useReportingMessages();
  const n = (value: number) => formatNumber(value, locale);
  const { totals } = result;
  return (
    <section className="panel committed" aria-labelledby="committed-title">
      <h2 id="committed-title">{m.committedTitle}</h2>
      <Done>
        {fill(m.committedAt, { time: formatDateTime(result.committedAt, locale) })}{' '}
        {fill(m.committedSummary, { create: n(totals.create), update: n(totals.update), metrics: n(totals.metrics), metricSnapshots: n(totals.metricSnapshots), statusEvents: n(totals.statusEvents) })}
      </Done>
      <p>{m.committedNext}</p>
      <div className="form-actions">
        <Link to={`/?scheme=${scheme}`}>{m.seeOverview}</Link>
        <button type="button" onClick={onAgain}>
          {m.importAnother}
        </button>
      </div>
    </section>
  );
}

/** `/report/import?scheme&province`: template → upload → dry run (row errors) → commit. */
export function ImportPage() {
  const m = useReportingMessages();
  const { locale } = useLocale();
  const user = useReportingUser();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  // an officer picks the scheme (reform34 by default) and one of their provinces in it
  const scheme = workingScheme(user, params.get('scheme'));
  const province = workingProvince(user, scheme, params.get('province'));
  const formRef = useRef<HTMLFormElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  /** The month of the figures of rows without a month column: the month just ended unless the user picks another. */
  const [month, setMonth] = useState(() => previousMonth(todayIso()));

  const commit = useMutation({
    mutationFn: (id: string) => commitPlan({ planId: id, locale }),
    onSuccess: () => invalidateAfterWrite(queryClient),
  });
  const dryRun = useMutation({
    mutationFn: (input: DryRunInput) => checkImportFile(input),
    onMutate: () => commit.reset(),
  });
  /** The same file checked again with a mapping or another sheet. */
  const checkAgain = (options: Pick<DryRunInput, 'mapping' | 'sheet'>) => {
    const last = dryRun.variables;
    if (last) dryRun.mutate({ file: last.file, scheme: last.scheme, locale, month: last.month, ...options });
  };

  const update = (changes: Record<string, string | null>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });

  const onCheck = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileError(m.fileMissing);
      return;
    }
    setFileError(null);
    dryRun.mutate({ file, scheme, locale, month: month || undefined });
  };

  const startOver = () => {
    formRef.current?.reset();
    setFile(null);
    dryRun.reset();
    commit.reset();
  };

  const dryRunError = dryRun.error instanceof ApiError && dryRun.error.isUnauthorized ? null : dryRun.error;
  const commitError = commit.error instanceof ApiError && commit.error.isUnauthorized ? null : commit.error;

  // The commit's answer was lost or a server error: ask the server what became of the plan
  // (once per attempt, hence submittedAt in the key).
  const planId = dryRun.data?.planId ?? null;
  const isUnsure = planId !== null && isOutcomeUnknown(commitError);
  const outcome = useQuery({
    queryKey: ['imports/plan', { planId, attempt: commit.submittedAt }],
    queryFn: ({ signal }) => planStatus(planId!, locale, signal),
    enabled: isUnsure,
    staleTime: Infinity,
    gcTime: 0,
    retry: 2,
  });
  const recovered = isUnsure && outcome.data?.state === 'committed' ? outcome.data.result : null;
  // Committed after all: every figure changed, as after a commit that answered.
  const recoveredPlanId = recovered?.planId ?? null;
  useEffect(() => {
    if (recoveredPlanId) void invalidateAfterWrite(queryClient);
  }, [recoveredPlanId, queryClient]);
  const retryCommit = () => {
    if (planId) commit.mutate(planId);
  };
  const committed = commit.data ?? recovered;

  return (
    <>
      <h1>{m.importTitle}</h1>
      <section className="panel" aria-labelledby="step1-title">
        <h2 id="step1-title">{m.step1}</h2>
        <p>{m.step1Lead}</p>
        <div className="report-controls">
          <ScopeControls scheme={scheme} province={province} onScheme={(next) => update({ scheme: next, province: null })} onProvince={(code) => update({ province: code })} />
        </div>
        {province && (
          <p className="downloads">
            <a href={templateUrl(scheme, province, 'csv')} download>
              {m.downloadCsv}
            </a>
            <a href={templateUrl(scheme, province, 'xlsx')} download>
              {m.downloadXlsx}
            </a>
          </p>
        )}
      </section>
      <form ref={formRef} className="panel report-form" onSubmit={onCheck} noValidate aria-labelledby="step2-title">
        <h2 id="step2-title">{m.step2}</h2>
        <p>{m.step2Lead}</p>
        <div className={fileError ? 'field has-error' : 'field'}>
          <label htmlFor="import-file">{m.fileLabel}</label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={Boolean(fileError)}
            aria-describedby={fileError ? 'import-file-error' : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFileError(null);
            }}
          />
          {fileError && (
            <p id="import-file-error" className="field-error">
              {fileError}
            </p>
          )}
        </div>
        <Field label={m.importMonthLabel} hint={m.importMonthHint}>
          {(props) => <DateField {...props} kind="month" name="month" max={todayIso().slice(0, 7)} value={month} onChange={setMonth} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={dryRun.isPending}>
            {dryRun.isPending ? m.dryRunning : m.dryRunButton}
          </button>
        </div>
        {dryRunError &&
          (dryRunError instanceof ApiError && dryRunError.status === 403 ? (
            <PanelError error={dryRunError} retry={() => dryRun.reset()} />
          ) : (
            <div role="alert" className="form-alert">
              <p>{m.dryRunFailed}</p>
              <p>{dryRunError.message}</p>
            </div>
          ))}
      </form>
      {committed ? (
        <CommitSummary result={committed} scheme={scheme} onAgain={startOver} />
      ) : (
        dryRun.data && (
          <>
            <SheetChoice result={dryRun.data} isChecking={dryRun.isPending} onSheet={(sheet) => checkAgain({ sheet })} />
            <ColumnMappingStep key={`mapping-${dryRun.data.planId}`} result={dryRun.data} isChecking={dryRun.isPending} onApply={(mapping) => checkAgain({ mapping, sheet: dryRun.data.file.sheet ?? undefined })} />
            <DryRunResult key={dryRun.data.planId} result={dryRun.data} isCommitting={commit.isPending} onCommit={retryCommit} />
            {isUnsure ? (
              <CommitOutcome
                status={outcome.data}
                isChecking={outcome.isFetching}
                isRetrying={commit.isPending}
                onRetry={retryCommit}
                onCheckAgain={() => void outcome.refetch()}
              />
            ) : (
              commitError && (
                <div role="alert" className="form-alert">
                  {commitError instanceof ApiError && commitError.status === 409 && <p>{m.commitConflict}</p>}
                  {commitError instanceof ApiError && (commitError.status === 404 || commitError.status === 410) && <p>{m.commitGone}</p>}
                  <p>{commitError.message}</p>
                </div>
              )
            )}
          </>
        )
      )}
    </>
  );
}
