import { useQuery } from '@tanstack/react-query';
import type { CoverageCounts, CoverageResponse, CrosswalkLink, Level, MetricsSummaryResponse, SchemeId, UnitDetailResponse } from '@mttq/core';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { coverageQuery } from '../../api/queries';
import { ChartFigure } from '../../components/ChartFigure';
import { DemoBanner } from '../../components/DemoBanner';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { PanelError } from '../../components/PanelError';
import { ViewControls } from '../../components/ViewControls';
import { capitalize, formatDate, formatMonth, formatNumber, formatPercent, viCollator } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill, type MessageKey } from '../../i18n/messages';
import { provinceHref, serializeDashboardSearch, type DashboardSearch } from '../../url/dashboard-search';
import { useDashboardSearch } from '../../url/use-dashboard-search';
import { registryMessages } from '../registry/messages';
import { DEFAULT_REGISTRY_SEARCH, serializeRegistrySearch } from '../registry/registry-search';
import { provinceMessages } from './messages';
import { MergerNoteText } from './MergerNoteText';
import { crosswalkLinks, toDistrictShareRows, toTimelineShareRows } from './province-figures';
import { communeDistrictsQuery, provinceDetailQuery, provinceMetricsQuery, provinceTimelineQuery } from './queries';
import { parseUnitTableState, serializeUnitTableState, sharePercent, toUnitTableRows, type UnitTableState } from './unit-table';
import { UnitTable } from './UnitTable';
import { UnitSquares } from './UnitSquares';
import { useLiveSearchParams } from './use-live-search-params';
import { basisMessages, basisText } from '../../components/basis-series';
import './province.css';

const ProvinceTimelineChart = lazy(() => import('./ProvinceCharts').then((m) => ({ default: m.ProvinceTimelineChart })));
const DistrictShareChart = lazy(() => import('./ProvinceCharts').then((m) => ({ default: m.DistrictShareChart })));

const TIMELINE_HEIGHT = 240;

type ProvinceMessages = Record<keyof (typeof provinceMessages)['vi'], string>;

/** The shared catalogue's word for the units of a level: 'quận, huyện', 'xã, phường, thị trấn' … */
const unitsKey = (scheme: SchemeId, level: Level): MessageKey =>
  level === 'province' ? 'units_province' : level === 'district' ? 'units_district' : `units_commune_${scheme}`;

/** A link to a province of either scheme (a crosswalk link): its code, in its scheme, at no particular date. */

/** The registry filtered to one unit, at the same date. */
const registryHref = (scheme: SchemeId, asOf: string | null, parent: string, id?: number) =>
  `/pages?${serializeRegistrySearch({ ...DEFAULT_REGISTRY_SEARCH, scheme, asOf, parent, id: id ?? null }).toString()}`;

/** Set in the history entry when the scheme switch left a province with several matches in the new scheme. */
interface SwitchedFrom {
  scheme: SchemeId;
  code: string;
  name: string;
  links: CrosswalkLink[];
}

function readSwitchedFrom(state: unknown): SwitchedFrom | null {
  if (typeof state !== 'object' || state === null || !('switchedFrom' in state)) return null;
  return (state as { switchedFrom: SwitchedFrom }).switchedFrom;
}

function CoverageCard({ counts, units, m }: { counts: CoverageCounts; units: string; m: ProvinceMessages }) {
  const { locale } = useLocale();
  const share = (n: number) => formatPercent(counts.total > 0 ? n / counts.total : null, locale);
  return (
    <li className="card">
      <strong>{fill(m.cardCovered, { covered: formatNumber(counts.covered, locale), total: formatNumber(counts.total, locale), units })}</strong>
      <span>{share(counts.covered)}</span>
      <span className="muted">{fill(m.cardActive, { count: formatNumber(counts.active, locale), share: share(counts.active) })}</span>
      <span className="muted">{fill(m.cardVerified, { count: formatNumber(counts.verified, locale), share: share(counts.verified) })}</span>
    </li>
  );
}

function MetricsCards({ data, m }: { data: MetricsSummaryResponse; m: ProvinceMessages }) {
  const { locale } = useLocale();
  const { current, change } = data;
  const changeText = (percent: number | null | undefined) => {
    if (!change || percent === null || percent === undefined) return m.changeNone;
    if (Math.abs(percent) < 0.05) return m.changeSame;
    const value = formatPercent(Math.abs(percent) / 100, locale);
    return fill(percent > 0 ? m.changeUp : m.changeDown, { value });
  };
  const items: Array<{ label: string; value: number; change: string }> = [
    { label: m.metricPages, value: current.pages, change: changeText(change?.pages.percent) },
    { label: m.metricFollowers, value: current.followers.sum, change: changeText(change?.followers.percent) },
    { label: m.metricPosts, value: current.posts.sum, change: changeText(change?.posts.percent) },
    { label: m.metricInteractions, value: current.interactions.sum, change: changeText(change?.interactions.percent) },
  ];
  return (
    <section aria-labelledby="metrics-title" className="province-section">
      <h2 id="metrics-title">{fill(m.metricsTitle, { month: formatMonth(data.month, locale) })}</h2>
      <ul className="cards metric-cards">
        {items.map((item) => (
          <li key={item.label} className="card">
            <span>{item.label}</span>
            <strong>{formatNumber(item.value, locale)}</strong>
            <span className="muted">{item.change}</span>
          </li>
        ))}
      </ul>
      <p className="muted">
        {fill(m.reportingPages, { count: formatNumber(current.reportingPages, locale), total: formatNumber(current.pages, locale) })}
      </p>
    </section>
  );
}

/**
 * What the province was made of or became across the 2025 reform, in one sentence read from the
 * crosswalk ("Gồm tỉnh Quảng Ngãi và tỉnh Kon Tum (cũ)", "Nay thuộc tỉnh Quảng Ngãi", "Không sáp
 * nhập"), then each linked province in its scheme.
 */
function ReformNote({ detail, m }: { detail: UnitDetailResponse; m: ProvinceMessages }) {
  const { t } = useLocale();
  const links = crosswalkLinks(detail);
  return (
    <section aria-labelledby="reform-title" className="panel province-section">
      <h2 id="reform-title">{m.reformTitle}</h2>
      <MergerNoteText detail={detail} />
      {links.length > 0 && (
        <>
          <p>{m.linksTitle}</p>
          <ul>
            {links.map((link) => (
              <li key={`${link.scheme}:${link.code}`}>
                <Link to={provinceHref(link.code, link.scheme, null)}>{link.name}</Link>{' '}
                <span className="muted">
                  ({t[`scheme_${link.scheme}`]}
                  {link.basis === 'name' ? `; ${m.approximate}` : ''}
                  {link.isSplit ? `; ${m.split}` : ''})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The province committee's own pages at asOf, each linking to the page itself and to its details. */
function OwnPages({ detail, m }: { detail: UnitDetailResponse; m: ProvinceMessages }) {
  const { locale } = useLocale();
  const r = useMessages(registryMessages);
  return (
    <section aria-labelledby="own-pages-title" className="province-section">
      <h2 id="own-pages-title">{fill(m.ownPagesTitle, { name: detail.unit.shortName })}</h2>
      {detail.pages.length === 0 ? (
        <p className="muted">{m.ownPagesNone}</p>
      ) : (
        <ul className="own-pages">
          {detail.pages.map((page) => (
            <li key={page.id}>
              <a href={page.url} target="_blank" rel="noopener noreferrer">
                {page.name}
                <span className="visually-hidden"> {fill(m.openPage, { platform: r[`platform_${page.platform}`] })}</span>
              </a>{' '}
              <span className="muted">
                — {r[`platform_${page.platform}`]}, {r[`owner_${page.owner}`]}; {r[`event_${page.status}`]}
                {page.statusSince ? ` ${fill(m.statusSince, { date: formatDate(page.statusSince, locale) })}` : ''}
                {!page.isLive && page.status !== 'closed' ? ` (${m.pageClosed})` : ''}
              </span>{' '}
              <Link to={registryHref(detail.scheme, detail.asOf, detail.unit.code, page.id)}>
                {m.pageDetails}
                <span className="visually-hidden"> {fill(m.pageDetailsOf, { name: page.name })}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={registryHref(detail.scheme, detail.asOf, detail.unit.code)}>{fill(m.allPagesLink, { name: detail.unit.name })}</Link>
      </p>
    </section>
  );
}

/** A chart's space while its data or recharts loads, as tall as the figure will be. */
function ChartPlaceholder({ height }: { height: number }) {
  const { t } = useLocale();
  return (
    <div className="chart-figure chart-placeholder" style={{ minHeight: height + 96 }}>
      <p className="muted">{t.loading}</p>
    </div>
  );
}

function TimelineFigure({ scheme, code, asOf, provinceName, units, m }: { scheme: SchemeId; code: string; asOf: string; provinceName: string; units: string; m: ProvinceMessages }) {
  const { t, locale } = useLocale();
  const timeline = useQuery(provinceTimelineQuery({ scheme, parent: code, to: asOf }));
  const b = useMessages(basisMessages);
  // 'ghi nhận', or 'ước tính, từ … đến …' with the communes' bounds
  const basisCell = (r: (typeof rows)[number]) => basisText(r.basis, r.bounds && { covered: r.bounds.lower }, r.bounds && { covered: r.bounds.upper }, b, locale);
  const rows = useMemo(() => (timeline.data ? toTimelineShareRows(timeline.data) : []), [timeline.data]);
  // the basis column only when some figures are back-cast (reform34 before 01/07/2025)
  const backCast = rows.some((r) => r.basis === 'crosswalk');
  if (timeline.error && !timeline.data) return <PanelError error={timeline.error} retry={() => void timeline.refetch()} />;
  if (!timeline.data) return <ChartPlaceholder height={TIMELINE_HEIGHT} />;
  const count = (n: number, total: number) => `${formatNumber(n, locale)} (${formatPercent(total > 0 ? n / total : null, locale)})`;
  const total = rows.at(-1)?.total ?? 0;
  const { data } = timeline;
  return (
    <ChartFigure
      title={m.timelineTitle}
      note={fill(m.timelineNote, { units, total: formatNumber(total, locale), date: formatDate(data.to, locale) })}
      height={TIMELINE_HEIGHT}
      table={{
        columns: [m.colMonthEnd, m.seriesCovered, m.seriesActive, m.seriesVerified, ...(backCast ? [b.column] : [])],
        numeric: [1, 2, 3],
        rows: rows.map((r) => [formatDate(r.date, locale), count(r.covered, r.total), count(r.active, r.total), count(r.verified, r.total), ...(backCast ? [basisCell(r)] : [])]),
        exportColumns: [m.colMonthEnd, m.colCommunesTotal, m.seriesCovered, m.seriesActive, m.seriesVerified, ...(backCast ? [b.column] : [])],
        exportRows: rows.map((r) => [r.date, r.total, r.covered, r.active, r.verified, ...(backCast ? [basisCell(r)] : [])]),
      }}
      exportInfo={{ asOf: data.to, scheme: data.scheme, demo: data.demo, title: fill(m.figureOf, { title: m.timelineTitle, province: provinceName }) }}
    >
      <Suspense fallback={<p className="muted">{t.loading}</p>}>
        <ProvinceTimelineChart rows={rows} locale={locale} names={{ coveredShare: m.seriesCovered, activeShare: m.seriesActive, verifiedShare: m.seriesVerified }} backCastLabel={b.legend} />
      </Suspense>
    </ChartFigure>
  );
}

function DistrictFigure({ rows, answer, provinceName, m }: { rows: ReturnType<typeof toDistrictShareRows>; answer: Pick<CoverageResponse, 'asOf' | 'scheme' | 'demo'>; provinceName: string; m: ProvinceMessages }) {
  const { t, locale } = useLocale();
  const height = Math.max(160, rows.length * 20 + 40);
  return (
    <ChartFigure
      title={m.districtChartTitle}
      note={fill(m.districtChartNote, { date: formatDate(answer.asOf, locale) })}
      height={height}
      table={{
        columns: [m.colDistrict, m.colCommunesCovered, m.colCommunesTotal, m.colShare],
        numeric: [1, 2, 3],
        rows: rows.map((r) => [r.name, formatNumber(r.covered, locale), formatNumber(r.total, locale), formatPercent(r.share, locale)]),
        exportColumns: [m.colCode, m.colDistrict, m.colCommunesCovered, m.colCommunesTotal, m.colSharePercent],
        exportRows: rows.map((r) => [r.code, r.name, r.covered, r.total, sharePercent(r.share)]),
      }}
      exportInfo={{ asOf: answer.asOf, scheme: answer.scheme, demo: answer.demo, title: fill(m.figureOf, { title: m.districtChartTitle, province: provinceName }) }}
    >
      <Suspense fallback={<p className="muted">{t.loading}</p>}>
        <DistrictShareChart rows={rows} locale={locale} seriesName={m.colShare} />
      </Suspense>
    </ChartFigure>
  );
}

/** The panel shown after the scheme switch when the province became (or came from) several provinces. */
function SwitchedChoice({ from, scheme, m }: { from: SwitchedFrom; scheme: SchemeId; m: ProvinceMessages }) {
  const { t } = useLocale();
  return (
    <section className="panel" aria-labelledby="switched-title">
      <h2 id="switched-title">{fill(m.switchedTitle, { scheme: t[`scheme_${scheme}`] })}</h2>
      {from.links.length === 0 ? (
        <p>{m.switchedNone}</p>
      ) : (
        <>
          <p>{fill(from.scheme === 'reform34' ? m.switchedFormedFrom : m.switchedPartOf, { name: from.name, scheme: t[`scheme_${from.scheme}`] })}</p>
          <ul>
            {from.links.map((link) => (
              <li key={link.code}>
                <Link to={provinceHref(link.code, link.scheme, null)} replace>
                  {link.name}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link to={`/?${serializeDashboardSearch({ scheme, asOf: null, level: 'province', parent: null }).toString()}`}>{m.backToOverview}</Link>
      </p>
    </section>
  );
}

/**
 * After the scheme switch the same code means another unit (province 82 was Tiền Giang, is now
 * Đồng Tháp), so the screen follows the crosswalk: to the one province the old one became part
 * of, or to a choice when several were merged into it. Only a change made with the switch on this
 * screen does this; a link or the back button to another scheme's province is taken as asked.
 */
function useFollowSchemeSwitch(search: DashboardSearch, detail: UnitDetailResponse | undefined) {
  const navigate = useNavigate();
  const switchingFrom = useRef<UnitDetailResponse | null>(null);
  const onControlsChange = useCallback(
    (event: { target: EventTarget }) => {
      const input = event.target as HTMLInputElement;
      if (input.name === 'scheme' && detail && input.value !== detail.scheme) switchingFrom.current = detail;
    },
    [detail],
  );
  useEffect(() => {
    const from = switchingFrom.current;
    if (!from || from.scheme === search.scheme) return;
    switchingFrom.current = null;
    const links = crosswalkLinks(from).filter((link) => link.scheme === search.scheme && link.level === 'province');
    const query = serializeDashboardSearch({ ...search, parent: null }).toString();
    const only = links.length === 1 ? links[0] : undefined;
    if (only) {
      void navigate(`/province/${only.code}?${query}`, { replace: true });
    } else {
      const switchedFrom: SwitchedFrom = { scheme: from.scheme, code: from.unit.code, name: from.unit.name, links };
      void navigate(`/province/${from.unit.code}?${query}`, { replace: true, state: { switchedFrom } });
    }
  }, [search, navigate]);
  return onControlsChange;
}

/** `/province/:code`: one province's coverage, activity, history across the reform and its units. */
export function ProvincePage() {
  return (
    <div className="province-page">
      <ProvinceScreen />
    </div>
  );
}

function ProvinceScreen() {
  const { code = '' } = useParams();
  const { t, locale } = useLocale();
  const m = useMessages(provinceMessages);
  const location = useLocation();
  const [search] = useDashboardSearch();
  const [params, setParams] = useLiveSearchParams();
  const tableState = useMemo(() => parseUnitTableState(params), [params]);
  const setTableState = useCallback(
    (update: (state: UnitTableState) => UnitTableState) => setParams((current) => serializeUnitTableState(update(parseUnitTableState(current)), current), { replace: true }),
    [setParams],
  );

  const { scheme } = search;
  const tableLevel: 'district' | 'commune' = scheme === 'legacy63' && search.level !== 'commune' ? 'district' : 'commune';
  const setTableLevel = (level: 'district' | 'commune') =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (level === 'commune') next.set('level', 'commune');
      else next.delete('level');
      return next;
    });

  const detail = useQuery(provinceDetailQuery({ scheme, code, asOf: search.asOf }));
  const isProvince = detail.data?.unit.level === 'province' && detail.data.scheme === scheme && detail.data.unit.code === code;
  // legacy63: districts carry both levels' headline counts; reform34: communes
  const headline = useQuery({ ...coverageQuery({ scheme, asOf: search.asOf, level: scheme === 'legacy63' ? 'district' : 'commune', parent: code }), enabled: isProvince });
  const communes = useQuery({ ...coverageQuery({ scheme, asOf: search.asOf, level: 'commune', parent: code }), enabled: isProvince && tableLevel === 'commune' });
  const districtNames = useQuery({ ...communeDistrictsQuery({ scheme, parent: code }), enabled: isProvince && scheme === 'legacy63' && tableLevel === 'commune' });
  const metrics = useQuery({ ...provinceMetricsQuery({ scheme, parent: code, asOf: search.asOf }), enabled: isProvince });
  const onControlsChange = useFollowSchemeSwitch(search, detail.data);

  const tableAnswer = tableLevel === 'commune' ? communes : headline;
  const rows = useMemo(
    () => (tableAnswer.data ? toUnitTableRows(tableAnswer.data, tableLevel === 'commune' ? districtNames.data : undefined) : []),
    [tableAnswer.data, tableLevel, districtNames.data],
  );
  const districtBars = useMemo(
    () => (scheme === 'legacy63' && headline.data?.level === 'district' ? toDistrictShareRows(toUnitTableRows(headline.data), viCollator.compare) : []),
    [scheme, headline.data],
  );

  const errors = [detail.error, headline.error, communes.error, metrics.error];
  // a 401 sends the user to /sign-in (main.tsx); render nothing meanwhile
  if (errors.some((e) => e instanceof ApiError && e.isUnauthorized)) return null;

  const switchedFrom = readSwitchedFrom(location.state);
  const controls = (
    <div onChange={onControlsChange}>
      <ViewControls asOf={detail.data?.asOf} />
    </div>
  );

  if (switchedFrom && switchedFrom.scheme !== scheme) {
    return (
      <>
        <h1>{fill(m.switchedTitle, { scheme: t[`scheme_${scheme}`] })}</h1>
        {controls}
        <SwitchedChoice from={switchedFrom} scheme={scheme} m={m} />
      </>
    );
  }

  const isNotFound = detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400);
  if (isNotFound) {
    return (
      <>
        <h1>{fill(m.notFound, { code, scheme: t[`scheme_${scheme}`] })}</h1>
        {controls}
        <p>{m.notFoundHint}</p>
        <p>
          <Link to={`/?${serializeDashboardSearch({ ...search, level: 'province', parent: null }).toString()}`}>{m.backToOverview}</Link>
        </p>
      </>
    );
  }

  const data = isProvince ? detail.data : undefined;
  const asOf = data?.asOf ?? search.asOf ?? '';
  const overviewHref = `/?${serializeDashboardSearch({ ...search, level: 'province', parent: null }).toString()}`;
  const unitsWord = (level: Level) => t[unitsKey(scheme, level)];
  const isStale = detail.isPlaceholderData || headline.isPlaceholderData;

  let body: ReactNode;
  if (detail.data && detail.data.unit.level !== 'province' && !detail.isPlaceholderData) {
    const province = detail.data.ancestors[0];
    body = (
      <p>
        {fill(m.notProvince, { name: detail.data.unit.name })}{' '}
        {province && <Link to={provinceHref(province.code, scheme, null)}>{fill(m.openItsProvince, { name: province.name })}</Link>}
      </p>
    );
  } else if (detail.error && !detail.data) {
    body = <PanelError error={detail.error} retry={() => void detail.refetch()} />;
  } else {
    body = (
      <div aria-busy={isStale || !data} className={isStale ? 'stale' : undefined}>
        <p className="as-of-note">{asOf ? fill(t.figuresAsOf, { date: formatDate(asOf, locale) }) : t.loading}</p>

        <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
          <section aria-labelledby="figures-title" className="province-section">
            <h2 id="figures-title">{m.figuresTitle}</h2>
            {headline.error && !headline.data ? (
              <PanelError error={headline.error} retry={() => void headline.refetch()} />
            ) : (
              <ul className="cards province-cards">
                {headline.data
                  ? (Object.entries(headline.data.levels) as Array<[Level, CoverageCounts]>).map(([level, counts]) => (
                      <CoverageCard key={level} counts={counts} units={unitsWord(level)} m={m} />
                    ))
                  : null}
              </ul>
            )}
          </section>
        </ErrorBoundary>

        <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
          <div className="metrics-slot">
            {metrics.error && !metrics.data ? <PanelError error={metrics.error} retry={() => void metrics.refetch()} /> : metrics.data ? <MetricsCards data={metrics.data} m={m} /> : null}
          </div>
        </ErrorBoundary>

        {data && (
          <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
            <ReformNote detail={data} m={m} />
            <OwnPages detail={data} m={m} />
          </ErrorBoundary>
        )}

        <div className="province-charts">
          <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
            {data ? <TimelineFigure scheme={scheme} code={code} asOf={data.asOf} provinceName={data.unit.name} units={unitsWord('commune')} m={m} /> : <ChartPlaceholder height={TIMELINE_HEIGHT} />}
          </ErrorBoundary>
          {scheme === 'legacy63' && (
            <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
              {headline.data ? (districtBars.length > 0 ? <DistrictFigure rows={districtBars} answer={headline.data} provinceName={data?.unit.name ?? code} m={m} /> : null) : headline.error ? null : <ChartPlaceholder height={240} />}
            </ErrorBoundary>
          )}
        </div>

        {data && <UnitSquares scheme={scheme} code={code} asOf={search.asOf} provinceName={data.unit.name} />}

        <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
          <section aria-labelledby="units-title" className="province-section units-section">
            <h2 id="units-title">{m.tableTitle}</h2>
            {scheme === 'legacy63' && (
              <fieldset className="level-switch">
                <legend>{m.levelLabel}</legend>
                {(['district', 'commune'] as const).map((level) => (
                  <label key={level} className={level === tableLevel ? 'selected' : undefined}>
                    <input type="radio" name="unit-level" value={level} checked={level === tableLevel} onChange={() => setTableLevel(level)} />
                    {m[`level_${level}`]}
                  </label>
                ))}
              </fieldset>
            )}
            {tableAnswer.error && !tableAnswer.data ? (
              <PanelError error={tableAnswer.error} retry={() => void tableAnswer.refetch()} />
            ) : !tableAnswer.data || !data ? (
              <p className="table-loading" aria-live="polite">
                {t.loading}
              </p>
            ) : (
              <div className={tableAnswer.isPlaceholderData ? 'stale' : undefined}>
                {tableLevel === 'commune' && scheme === 'legacy63' && !districtNames.data && (
                  <p className="muted" aria-live="polite">
                    {m.loadingDistricts}
                  </p>
                )}
                <UnitTable
                  rows={rows}
                  level={tableLevel}
                  hasDistrictColumn={tableLevel === 'commune' && scheme === 'legacy63'}
                  state={tableState}
                  onChange={setTableState}
                  unitsWord={unitsWord(tableLevel)}
                  caption={fill(m.tableCaption, { units: capitalize(unitsWord(tableLevel)), province: data.unit.name, date: formatDate(tableAnswer.data.asOf, locale) })}
                  pagesHref={(unitCode) => registryHref(scheme, data.asOf, unitCode)}
                  provinceName={data.unit.name}
                  exportInfo={{ asOf: tableAnswer.data.asOf, scheme: tableAnswer.data.scheme, demo: tableAnswer.data.demo }}
                />
              </div>
            )}
          </section>
        </ErrorBoundary>
      </div>
    );
  }

  return (
    <>
      <nav aria-label={m.breadcrumbLabel} className="breadcrumb">
        <Link to={overviewHref}>{m.backToOverview}</Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{data?.unit.name ?? code}</span>
      </nav>
      <h1>{data?.unit.name ?? (detail.data && !detail.isPlaceholderData ? detail.data.unit.name : t.loading)}</h1>
      <p className="muted scheme-note">{fill(m.schemeNote, { scheme: t[`scheme_${scheme}`] })}</p>
      {controls}
      <DemoBanner demo={detail.data?.demo} />
      {body}
    </>
  );
}

