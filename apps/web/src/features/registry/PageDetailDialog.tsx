import { useQuery } from '@tanstack/react-query';
import type { MonthlySource, PageDetail, PageDetailWithSources } from '@mttq/core';
import { useEffect, useId, useRef } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { PanelError } from '../../components/PanelError';
import { formatDate, formatDateTime, formatMonth, formatNumber } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { connectorMessages } from '../connectors/messages';
import { registryMessages } from './messages';
import { serializeRegistrySearch, DEFAULT_REGISTRY_SEARCH } from './registry-search';
import { pageDetailQuery } from '../../api/queries';

function PageDetailView({ page, titleId }: { page: PageDetail; titleId: string }) {
  const { t, locale } = useLocale();
  const m = useMessages(registryMessages);
  return (
    <>
      <h2 id={titleId}>{page.name}</h2>
      {page.demo && (
        <p className="demo-banner" role="note">
          {m.demoPage}
        </p>
      )}
      <dl className="page-facts">
        <dt>{m.colPlatform}</dt>
        <dd>{m[`platform_${page.platform}`]}</dd>
        <dt>{m.detailUrl}</dt>
        <dd>
          <a href={page.url} target="_blank" rel="noopener noreferrer" className="break">
            {page.url}
            <span className="visually-hidden"> {fill(m.openPage, { platform: m[`platform_${page.platform}`] })}</span>
          </a>
        </dd>
        {page.platformId && (
          <>
            <dt>{m.detailPlatformId}</dt>
            <dd>{page.platformId}</dd>
          </>
        )}
        <dt>{m.colOwner}</dt>
        <dd>{m[`owner_${page.owner}`]}</dd>
        <dt>{m.colLaunched}</dt>
        <dd>{formatDate(page.launchedOn, locale)}</dd>
        <dt>{m.detailAssignments}</dt>
        <dd>
          <ul className="plain">
            {page.assignments.map((a) => (
              <li key={a.scheme}>
                <Link to={{ pathname: '/pages', search: serializeRegistrySearch({ ...DEFAULT_REGISTRY_SEARCH, scheme: a.scheme, parent: a.code }).toString() }}>
                  {a.name}
                </Link>{' '}
                <span className="muted">
                  ({t[`scheme_${a.scheme}`]}; {m[`assignment_${a.basis}`]})
                </span>
              </li>
            ))}
          </ul>
        </dd>
      </dl>

      <h3>{m.detailHistory}</h3>
      {page.history.length === 0 ? (
        <p className="muted">{m.noHistory}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={m.detailHistory}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.colDate}</th>
                <th scope="col">{m.colEvent}</th>
                <th scope="col">{m.colBy}</th>
                <th scope="col">{m.colNote}</th>
              </tr>
            </thead>
            <tbody>
              {page.history.map((event, i) => (
                <tr key={i}>
                  <td>{formatDate(event.effectiveOn, locale)}</td>
                  <td>{m[`event_${event.status}`]}</td>
                  <td>{event.recordedBy}</td>
                  <td>{event.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>{m.detailMetrics}</h3>
      <MonthlyFigures page={page} />
    </>
  );
}

const FIGURES = ['followers', 'posts', 'interactions', 'views'] as const;

/**
 * The page's monthly figures, newest first: the collected figure where there is one (its source
 * says which platform and when), else the reported one (who reported it); where both exist the
 * reported figure and the difference are shown under the collected one.
 */
function MonthlyFigures({ page }: { page: PageDetail & Partial<Pick<PageDetailWithSources, 'monthlySources'>> }) {
  const { locale } = useLocale();
  const m = useMessages(registryMessages);
  const c = useMessages(connectorMessages);
  const sources = new Map<string, MonthlySource>((page.monthlySources ?? []).map((s) => [s.month, s]));
  const lastPost = new Map(page.metrics.map((row) => [row.month, row.lastPostOn]));
  const months = [...new Set([...page.metrics.map((row) => row.month), ...sources.keys()])].sort().reverse();
  if (months.length === 0) return <p className="muted">{m.noMetrics}</p>;
  const n = (value: number | null | undefined) => (value === null || value === undefined ? '–' : formatNumber(value, locale));
  const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${formatNumber(Math.abs(value), locale)}`;
  return (
    <div className="table-scroll metrics-scroll" tabIndex={0} role="region" aria-label={m.detailMetrics}>
      <table className="monthly-figures">
        <thead>
          <tr>
            <th scope="col">{m.colMonth}</th>
            <th scope="col" className="num">
              {m.colFollowers}
            </th>
            <th scope="col" className="num">
              {m.colPosts}
            </th>
            <th scope="col" className="num">
              {m.colInteractions}
            </th>
            <th scope="col" className="num">
              {m.colViews}
            </th>
            <th scope="col">{m.colLastPost}</th>
            <th scope="col">{c.colSource}</th>
          </tr>
        </thead>
        <tbody>
          {months.map((month) => {
            const source = sources.get(month);
            const metric = page.metrics.find((row) => row.month === month);
            const shown = source?.collected ?? source?.reported ?? metric ?? null;
            const reported = source?.collected ? source.reported : null;
            return (
              <tr key={month} data-month={month} data-source={source?.collected ? 'collected' : 'reported'}>
                <th scope="row">{formatMonth(month, locale)}</th>
                {FIGURES.map((figure) => {
                  const difference = source?.difference?.[figure];
                  return (
                    <td key={figure} className="num">
                      {n(shown?.[figure])}
                      {reported && (
                        <span className="reported-figure muted">
                          <br />
                          {fill(c.reportedValue, { value: n(reported[figure]) })}
                          {difference !== null && difference !== undefined && difference !== 0 && ` (${signed(difference)})`}
                        </span>
                      )}
                    </td>
                  );
                })}
                <td>{lastPost.get(month) ? formatDate(lastPost.get(month)!, locale) : '–'}</td>
                <td className="figure-source">
                  {source?.collected ? (
                    <>
                      {fill(c.sourceCollected, { platform: m[`platform_${source.collected.platform}`], at: formatDateTime(source.collected.collectedAt, locale) })}
                      {source.collected.skipped.length > 0 && (
                        <span className="muted">
                          <br />
                          {source.collected.skipped.map((s) => `${m[`col${s.metric[0]!.toUpperCase()}${s.metric.slice(1)}` as 'colFollowers']}: ${c[`reason_${s.reason}`]}`).join('; ')}
                        </span>
                      )}
                      {source.reported && (
                        <span className="muted">
                          <br />
                          {reportedBy(c, source.reported)}
                        </span>
                      )}
                    </>
                  ) : source?.reported ? (
                    reportedBy(c, source.reported)
                  ) : metric?.source === 'connector' ? (
                    c.sourceConnector
                  ) : (
                    c[`source_${metric?.source ?? 'manual'}`]
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function reportedBy(m: Record<'sourceReportedBy' | 'sourceImportedBy' | 'sourceReported' | 'sourceImported', string>, reported: NonNullable<MonthlySource['reported']>): string {
  const imported = reported.source === 'import';
  if (!reported.recordedBy) return imported ? m.sourceImported : m.sourceReported;
  return fill(imported ? m.sourceImportedBy : m.sourceReportedBy, { by: reported.recordedBy });
}

function PageDetailBody({ id, titleId }: { id: number; titleId: string }) {
  const { t } = useLocale();
  const m = useMessages(registryMessages);
  const detail = useQuery(pageDetailQuery(id));
  if (detail.data) return <PageDetailView page={detail.data} titleId={titleId} />;
  return (
    <>
      <h2 id={titleId}>{m.detailTitle}</h2>
      {detail.error instanceof ApiError && detail.error.status === 404 ? (
        <p role="alert">{m.pageNotFound}</p>
      ) : detail.error ? (
        <PanelError error={detail.error} retry={() => void detail.refetch()} />
      ) : (
        <p aria-live="polite">{t.loading}</p>
      )}
    </>
  );
}

/**
 * One page's details over the list, opened by `?id=` in the URL (so a link opens it too). A
 * modal <dialog>: the browser keeps focus inside, Esc closes it, and focus goes back to the link
 * that opened it.
 */
export function PageDetailDialog({ id, onClose }: { id: number | null; onClose: () => void }) {
  const m = useMessages(registryMessages);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (id !== null && !dialog.open) dialog.showModal();
    if (id === null && dialog.open) dialog.close();
  }, [id]);
  return (
    <dialog ref={ref} className="page-dialog" aria-labelledby={titleId} onClose={() => id !== null && onClose()}>
      <div className="dialog-bar">
        <button type="button" onClick={onClose}>
          {m.close}
        </button>
      </div>
      {id !== null && <PageDetailBody id={id} titleId={titleId} />}
    </dialog>
  );
}
