import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { SCHEMES } from '@mttq/core/rules';
import type { CoverageResponse, Level, RankingResponse, RankingRow, TimelineResponse } from '@mttq/core';
import { memo, useDeferredValue, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { TableExportButtons } from '../../components/export/ExportButtons';
import { SortHeader } from '../../components/SortHeader';
import { HeadlineCardList } from './HeadlineCardList';
import { LiveRevisions } from '../snapshots/RevisionNotice';
import { DemoBanner } from '../../components/DemoBanner';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { PanelError } from '../../components/PanelError';
import { ViewControls } from '../../components/ViewControls';
import { formatDate, formatNumber, formatPercent } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { useDashboardSearch } from '../../url/use-dashboard-search';
import { overviewMessages, type OverviewMessages } from './messages';
import { monthChangeText, sortCoverageRows, toCoverageTableRows, toMonthChange, unitsKey, type CoverageSort, type CoverageSortKey, type MonthChange } from './overview-cards';
import { rankChangeText, toRankingExtremes } from './overview-rankings';
import { overviewQueries } from './queries';
import { loadCharts, RegionFigure, TimelineFigure } from './CoverageFigures';
import { toTimelineSeries } from './timeline-series';
import './overview.css';
import { provinceHref } from '../../url/dashboard-search';

const panelFallback = (error: unknown, reset: () => void) => <PanelError error={error} retry={reset} />;

const CHANGE_CLASS: Record<number, string> = { 1: 'change-up', 0: 'change-same', [-1]: 'change-down' };

/** The change line of a card: its figure, or why there is none yet. */
type CardChange = { status: 'loading' } | { status: 'error' } | { status: 'ready'; change: MonthChange | null };

function HeadlineCards({ data, changes }: { data: CoverageResponse; changes: Partial<Record<Level, CardChange>> }) {
  const { t, locale } = useLocale();
  const m = useMessages(overviewMessages);
  const changeLine = (level: Level) => {
    const change = changes[level] ?? { status: 'loading' };
    return (
      <span className={`card-change ${change.status === 'ready' && change.change ? CHANGE_CLASS[Math.sign(change.change.delta)] : 'muted'}`}>
        {change.status === 'loading'
          ? m.changeLoading
          : change.status === 'error'
            ? m.changeFailed
            : monthChangeText(change.change, data.scheme, data.asOf, m, locale)}
      </span>
    );
  };
  return (
    <section aria-labelledby="headline-title">
      <h2 id="headline-title">{t.headlineTitle}</h2>
      <HeadlineCardList coverage={data} footer={changeLine} />
    </section>
  );
}

/** A panel's heading with its body; a `className` of overview.css can reserve its height while the body loads. */
function Panel({ id, title, className, children }: { id: string; title: string; className?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={className ? `overview-panel ${className}` : 'overview-panel'}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A number for each answer object: equal numbers, the same answer. */
const answerIds = new WeakMap<object, number>();
let answerCount = 0;
function answerId(answer: object): number {
  const known = answerIds.get(answer);
  if (known !== undefined) return known;
  answerCount += 1;
  answerIds.set(answer, answerCount);
  return answerCount;
}

function TimelinePanel({ results, scheme }: { results: ReadonlyArray<UseQueryResult<TimelineResponse>>; scheme: CoverageResponse['scheme'] }) {
  const { t } = useLocale();
  const m = useMessages(overviewMessages);
  const timelines = results.map((r) => r.data).filter((d): d is TimelineResponse => d !== undefined && d.scheme === scheme);
  const isReady = timelines.length === results.length;
  // joined again only when an answer changed, so the chart is not drawn again each time another
  // panel's figures arrive, nor when a refetch brings equal figures (the query cache then keeps the
  // same answer object); version stands for the answers
  const version = timelines.map(answerId).join(',');
  const series = useMemo(() => (isReady ? toTimelineSeries(scheme, timelines) : null), [isReady, scheme, version]);
  const error = results.find((r) => r.error && !r.data)?.error;
  const isStale = results.some((r) => r.isPlaceholderData);
  return (
    <Panel id="timeline-title" title={m.timelineTitle} className="timeline-panel">
      {error ? (
        <PanelError error={error} retry={() => results.forEach((r) => void r.refetch())} />
      ) : series ? (
        <div aria-busy={isStale} className={isStale ? 'stale' : undefined}>
          <TimelineFigure series={series} scheme={scheme} demo={timelines.some((timeline) => timeline.demo)} />
        </div>
      ) : (
        <p aria-live="polite">{t.loading}</p>
      )}
    </Panel>
  );
}

/*
 * The panels below the first view (regions, rankings, the provinces' table) draw from a deferred
 * copy of their figures, starting from none: React renders them in the background, in slices it
 * can interrupt, so their arrival never blocks the page for the whole table at once.
 */

/** A panel below the first view whose body is drawn from a deferred copy of `data`. */
function LaterPanel({ id, title, data, children }: { id: string; title: string; data: CoverageResponse; children: (shown: CoverageResponse) => ReactNode }) {
  const { t } = useLocale();
  const shown = useDeferredValue<CoverageResponse | null>(data, null);
  return (
    <Panel id={id} title={title}>
      {shown ? children(shown) : <p aria-live="polite">{t.loading}</p>}
    </Panel>
  );
}

function RegionPanel({ data }: { data: CoverageResponse }) {
  const m = useMessages(overviewMessages);
  return (
    <LaterPanel id="region-title" title={m.regionTitle} data={data}>
      {(shown) => <RegionFigure data={shown} />}
    </LaterPanel>
  );
}

  function RankingTable({ caption, rows, data, m }: { caption: string; rows: RankingRow[]; data: RankingResponse; m: OverviewMessages }) {
    const { locale } = useLocale();
    return (
      <table className="ranking-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {m.colRank}
            </th>
            <th scope="col">{m.colProvince}</th>
            <th scope="col" className="num">
              {m.colCommuneShare}
            </th>
            {data.previousAsOf && (
              <th scope="col" className="num">
                {m.colRankChange}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const change = rankChangeText(row.rankChange, m, locale);
            return (
              <tr key={row.code}>
                <td className="num">{row.rank === null ? '–' : formatNumber(row.rank, locale)}</td>
                <th scope="row">
                  <Link to={provinceHref(row.code, data.scheme, data.asOf)}>{row.name}</Link>
                </th>
                <td className="num">
                  {formatPercent(row.value, locale)}{' '}
                  <span className="cell-share">
                    {formatNumber(row.numerator, locale)}/{formatNumber(row.denominator, locale)}
                  </span>
                </td>
                {data.previousAsOf && (
                  <td className={`num rank-${change.direction}`}>
                    <span aria-hidden="true">{change.symbol}</span>
                    <span className="visually-hidden">{change.words}</span>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  }
  
  function RankingsPanel({ query, active, verified }: { query: UseQueryResult<RankingResponse>; active?: RankingResponse; verified?: RankingResponse }) {
    const { t, locale } = useLocale();
    const m = useMessages(overviewMessages);
    const { error } = query;
    const data = useDeferredValue<RankingResponse | undefined>(query.data, undefined);
    // ties broken by active, then verified share (when those answer for the same scheme and date)
    const same = (other?: RankingResponse) => (other && data && other.scheme === data.scheme && other.asOf === data.asOf ? other.rows : undefined);
    const activeRows = same(active);
    const verifiedRows = same(verified);
    const extremes = useMemo(
      () => (data ? toRankingExtremes(data.rows, undefined, { active: activeRows, verified: verifiedRows }) : null),
      [data, activeRows, verifiedRows],
    );
    return (
      <Panel id="rankings-title" title={m.rankingsTitle} className="rankings-panel">
        {error && !data && <PanelError error={error} retry={() => void query.refetch()} />}
        {!data && !error && <p aria-live="polite">{t.loading}</p>}
        {data && extremes && (
          <div aria-busy={query.isPlaceholderData} className={query.isPlaceholderData ? 'stale' : undefined}>
            <p className="muted">
              {data.previousAsOf
                ? fill(m.rankingsNote, { date: formatDate(data.asOf, locale), previous: formatDate(data.previousAsOf, locale) })
                : fill(m.rankingsNoteNoPrevious, { date: formatDate(data.asOf, locale) })}
            </p>
            {extremes.ahead.length === 0 && extremes.atFull.length === 0 ? (
              <p>{m.rankingsEmpty}</p>
            ) : (
              <>
              <TableExportButtons
                title={m.rankingsExportTitle}
                info={{ asOf: data.asOf, scheme: data.scheme, demo: data.demo }}
                columns={[m.colRank, m.colProvince, m.colCommunesCovered, m.colCommunesTotal, m.colRankPrevious]}
                rows={data.rows.map((row) => [row.rank, row.name, row.numerator, row.denominator, row.previousRank])}
              />
              {extremes.atFull.length > 0 && (
                <p className="ranking-full">
                  <strong>{fill(m.atFullTitle, { count: formatNumber(extremes.atFull.length, locale) })}</strong>: {extremes.atFull.map((row) => row.name).join(', ')}.
                </p>
              )}
              <div className="rankings">
                {extremes.ahead.length > 0 && <RankingTable caption={fill(m.aheadTitle, { count: extremes.ahead.length })} rows={extremes.ahead} data={data} m={m} />}
                {extremes.behind.length > 0 && (
                  <RankingTable caption={fill(m.behindTitle, { count: extremes.behind.length })} rows={extremes.behind} data={data} m={m} />
                )}
              </div>
            </>
          )}
        </div>
      )}
    </Panel>
  );
}

const CoverageTable = memo(function CoverageTable({ data }: { data: CoverageResponse }) {
  const m = useMessages(overviewMessages);
  return (
    <LaterPanel id="provinces-title" title={m.provincesTitle} data={data}>
      {(shown) => <CoverageTableBody data={shown} />}
    </LaterPanel>
  );
});

function CoverageTableBody({ data }: { data: CoverageResponse }) {
  const { t, locale } = useLocale();
  const m = useMessages(overviewMessages);
  // API order (by code) until a header is pressed; a second press reverses. Figures start highest first, names A to Z.
  const [sort, setSort] = useState<CoverageSort | null>(null);
  const onSort = (key: CoverageSortKey) =>
    setSort((current) =>
      current?.key === key
        ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: key === 'name' ? 'ascending' : 'descending' },
    );
  const rows = useMemo(() => sortCoverageRows(toCoverageTableRows(data), sort), [data, sort]);
  return (
    <>
      <TableExportButtons
        title={m.provincesTitle}
        info={{ asOf: data.asOf, scheme: data.scheme, demo: data.demo }}
        columns={[t[`colUnit_${data.level}`], t.colCommunesCovered, t.colCommunesTotal]}
        rows={rows.map((row) => [row.name, row.communesCovered, row.communesTotal])}
      />
      <table className="coverage-table">
        <caption>{fill(t.tableCaption, { units: t[unitsKey(data.scheme, data.level)], date: formatDate(data.asOf, locale) })}</caption>
        <thead>
          <tr>
            <SortHeader column="name" label={t[`colUnit_${data.level}`]} sort={sort} onSort={onSort} />
            <SortHeader column="communes" label={t.colCommunes} sort={sort} onSort={onSort} className="num" />
            <SortHeader column="share" label={t.colShare} sort={sort} onSort={onSort} className="num" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code}>
              <th scope="row">
                <Link to={provinceHref(row.code, data.scheme, data.asOf)}>{row.name}</Link>
              </th>
              <td className="num">
                {formatNumber(row.communesCovered, locale)}/{formatNumber(row.communesTotal, locale)}
              </td>
              <td className="num">{row.share === null ? t.noData : formatPercent(row.share, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * `/`: the country at a glance for the scheme and date in the URL. The overview is national: it
 * reads scheme and asOf from the URL and leaves level and parent (kept for the other screens) alone.
 */
export function OverviewPage() {
  const { t, locale } = useLocale();
  const [search] = useDashboardSearch();
  const { scheme, asOf } = search;
  const queries = overviewQueries(scheme, asOf);
  const coverage = useQuery(queries.coverage);
  const timelines = useQueries({ queries: queries.timelines });
  const rankings = useQuery(queries.rankings.coverage);
  const activeRankings = useQuery(queries.rankings.active);
  const verifiedRankings = useQuery(queries.rankings.verified);
  const { data, error } = coverage;

  useEffect(() => {
    void loadCharts();
  }, []);

  // Each card's change comes from its level's timeline once that answers for the same scheme and date.
  const changes = useMemo(() => {
    const result: Partial<Record<Level, CardChange>> = {};
    if (!data) return result;
    for (const timeline of timelines) {
      const answer = timeline.data;
      if (answer && answer.scheme === data.scheme && answer.to === data.asOf) result[answer.level] = { status: 'ready', change: toMonthChange(answer) };
    }
    SCHEMES[data.scheme].levels.forEach((level, i) => {
      if (!result[level]) result[level] = timelines[i]?.error && !timelines[i]?.data ? { status: 'error' } : { status: 'loading' };
    });
    return result;
  }, [data, timelines]);

  // a 401 sends the user to /sign-in (main.tsx); render nothing meanwhile
  if (error instanceof ApiError && error.isUnauthorized) return null;

  return (
    <div className="overview">
      <h1>{t.nav_overview}</h1>
      <ViewControls asOf={data?.asOf} />
      <DemoBanner demo={data?.demo} />
      {error && !data && <PanelError error={error} retry={() => void coverage.refetch()} />}
      {!data && !error && (
        <p aria-live="polite" className="overview-loading">
          {t.loading}
        </p>
      )}
      {data && (
        <>
          <div aria-busy={coverage.isPlaceholderData} className={coverage.isPlaceholderData ? 'stale' : undefined}>
            <p className="as-of-note">{fill(t.figuresAsOf, { date: formatDate(data.asOf, locale) })}</p>
            <ErrorBoundary fallback={panelFallback}>
              <HeadlineCards data={data} changes={changes} />
            </ErrorBoundary>
            <ErrorBoundary fallback={() => null}>
              {!coverage.isPlaceholderData && <LiveRevisions live={data} />}
            </ErrorBoundary>
          </div>
          <ErrorBoundary fallback={panelFallback}>
            <TimelinePanel results={timelines} scheme={data.scheme} />
          </ErrorBoundary>
          <div aria-busy={coverage.isPlaceholderData} className={coverage.isPlaceholderData ? 'stale' : undefined}>
            <ErrorBoundary fallback={panelFallback}>
              <RegionPanel data={data} />
            </ErrorBoundary>
          </div>
          <ErrorBoundary fallback={panelFallback}>
            <RankingsPanel query={rankings} active={activeRankings.data} verified={verifiedRankings.data} />
          </ErrorBoundary>
          <div aria-busy={coverage.isPlaceholderData} className={coverage.isPlaceholderData ? 'stale' : undefined}>
            <ErrorBoundary fallback={panelFallback}>
              <CoverageTable data={data} />
            </ErrorBoundary>
          </div>
        </>
      )}
    </div>
  );
}
