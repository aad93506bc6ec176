import { useQuery } from '@tanstack/react-query';
import type { PageDetail } from '@mttq/core';
import { useEffect, useId, useRef } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { PanelError } from '../../components/PanelError';
import { formatDate, formatMonth, formatNumber } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { registryMessages } from './messages';
import { serializeRegistrySearch, DEFAULT_REGISTRY_SEARCH } from './registry-search';
import { pageDetailQuery } from '../../api/queries';

function PageDetailView({ page, titleId }: { page: PageDetail; titleId: string }) {
  const { t, locale } = useLocale();
  const m = useMessages(registryMessages);
  const metrics = [...page.metrics].reverse();
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
      {metrics.length === 0 ? (
        <p className="muted">{m.noMetrics}</p>
      ) : (
        <div className="table-scroll metrics-scroll" tabIndex={0} role="region" aria-label={m.detailMetrics}>
          <table>
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
              </tr>
            </thead>
            <tbody>
              {metrics.map((row) => (
                <tr key={row.month}>
                  <th scope="row">{formatMonth(row.month, locale)}</th>
                  <td className="num">{formatNumber(row.followers, locale)}</td>
                  <td className="num">{formatNumber(row.posts, locale)}</td>
                  <td className="num">{formatNumber(row.interactions, locale)}</td>
                  <td className="num">{row.views === null ? '–' : formatNumber(row.views, locale)}</td>
                  <td>{row.lastPostOn ? formatDate(row.lastPostOn, locale) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
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
