import { useQuery } from '@tanstack/react-query';
import { SCHEME_IDS, SCHEMES, type CoverageResponse, type SchemeId } from '@mttq/core';
import { useMemo } from 'react';
import { ApiError } from '../../api/client';
import { coverageQuery } from '../../api/queries';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { formatDate, formatNumber, formatPercent } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { withScheme } from '../../url/dashboard-search';
import { useDashboardSearch } from '../../url/use-dashboard-search';
import { SignInForm } from '../auth/SignInForm';
import { headlineCardText, toCoverageTableRows, toHeadlineCards, unitsKey } from './overview-cards';

function PanelError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useLocale();
  return (
    <div role="alert" className="panel error">
      <p>{t.errorTitle}</p>
      {error instanceof ApiError && <p>{error.message}</p>}
      <button type="button" onClick={retry}>
        {t.retry}
      </button>
    </div>
  );
}

function Controls({ asOf }: { asOf: string | undefined }) {
  const { t, locale } = useLocale();
  const [search, setSearch] = useDashboardSearch();
  const { validFrom, validTo } = SCHEMES[search.scheme];
  const range = validTo
    ? fill(t.asOfRange, { from: formatDate(validFrom, locale), to: formatDate(validTo, locale) })
    : fill(t.asOfRangeOpen, { from: formatDate(validFrom, locale) });
  return (
    <div className="controls">
      <fieldset className="scheme-switch">
        <legend>{t.schemeLabel}</legend>
        {SCHEME_IDS.map((scheme: SchemeId) => (
          <label key={scheme} className={scheme === search.scheme ? 'selected' : undefined}>
            <input type="radio" name="scheme" value={scheme} checked={scheme === search.scheme} onChange={() => setSearch((s) => withScheme(s, scheme))} />
            {t[`scheme_${scheme}`]}
          </label>
        ))}
      </fieldset>
      <label className="as-of">
        {t.asOfLabel}
        <input
          type="date"
          min={validFrom}
          max={validTo ?? undefined}
          value={search.asOf ?? asOf ?? ''}
          aria-describedby="as-of-range"
          onChange={(e) => {
            const value = e.target.value;
            if (value) setSearch((s) => ({ ...s, asOf: value }));
          }}
        />
        <small id="as-of-range">{range}</small>
      </label>
    </div>
  );
}

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

  if (error instanceof ApiError && error.isUnauthorized) return <SignInForm />;

  return (
    <>
      <Controls asOf={data?.asOf} />
      {data?.demo && (
        <p className="demo-banner" role="note">
          {t.demoBanner}
        </p>
      )}
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
