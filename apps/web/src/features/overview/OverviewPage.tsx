import { useQuery } from '@tanstack/react-query';
import type { CoverageResponse } from '@mttq/core';
import { useMemo } from 'react';
import { ApiError } from '../../api/client';
import { coverageQuery } from '../../api/queries';
import { DemoBanner } from '../../components/DemoBanner';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { PanelError } from '../../components/PanelError';
import { ViewControls } from '../../components/ViewControls';
import { formatDate, formatNumber, formatPercent } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { useDashboardSearch } from '../../url/use-dashboard-search';
import { headlineCardText, toCoverageTableRows, toHeadlineCards, unitsKey } from './overview-cards';

function HeadlineCards({ data }: { data: CoverageResponse }) {
  const { t, locale } = useLocale();
  const cards = useMemo(() => toHeadlineCards(data), [data]);
  return (
    <section aria-labelledby="headline-title">
      <h2 id="headline-title">{t.headlineTitle}</h2>
      <ul className="cards">
        {cards.map((card) => {
          const text = headlineCardText(card, data.scheme, t, locale);
          return (
            <li key={card.level} className="card">
              <strong>{text.fraction}</strong>
              <span>{text.coveredShare}</span>
              <span className="muted">{text.verifiedShare}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function CoverageTable({ data }: { data: CoverageResponse }) {
  const { t, locale } = useLocale();
  const rows = useMemo(() => toCoverageTableRows(data), [data]);
  return (
    <table>
      <caption>{fill(t.tableCaption, { units: t[unitsKey(data.scheme, data.level)], date: formatDate(data.asOf, locale) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t[`colUnit_${data.level}`]}</th>
          <th scope="col" className="num">
            {t.colCommunes}
          </th>
          <th scope="col" className="num">
            {t.colShare}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.code}>
            <th scope="row">{row.name}</th>
            <td className="num">
              {formatNumber(row.communesCovered, locale)}/{formatNumber(row.communesTotal, locale)}
            </td>
            <td className="num">{row.share === null ? t.noData : formatPercent(row.share, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `/`: the country at a glance for the scheme and date in the URL. */
export function OverviewPage() {
  const { t, locale } = useLocale();
  const [search] = useDashboardSearch();
  const coverage = useQuery(coverageQuery(search));
  const { data, error } = coverage;

  // a 401 sends the user to /sign-in (main.tsx); render nothing meanwhile
  if (error instanceof ApiError && error.isUnauthorized) return null;

  return (
    <>
      <h1>{t.nav_overview}</h1>
      <ViewControls asOf={data?.asOf} />
      <DemoBanner demo={data?.demo} />
      {error && !data && <PanelError error={error} retry={() => void coverage.refetch()} />}
      {!data && !error && <p aria-live="polite">{t.loading}</p>}
      {data && (
        <div aria-busy={coverage.isPlaceholderData} className={coverage.isPlaceholderData ? 'stale' : undefined}>
          <p className="as-of-note">{fill(t.figuresAsOf, { date: formatDate(data.asOf, locale) })}</p>
          <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
            <HeadlineCards data={data} />
          </ErrorBoundary>
          <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
            <CoverageTable data={data} />
          </ErrorBoundary>
        </div>
      )}
    </>
  );
}
