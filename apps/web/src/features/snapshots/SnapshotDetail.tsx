import { useQuery } from '@tanstack/react-query';
import { SCHEMES } from '@mttq/core/rules';
import type { Snapshot } from '@mttq/core';
import { useEffect, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { DemoBanner } from '../../components/DemoBanner';
import { TableExportButtons } from '../../components/export/ExportButtons';
import type { ExportInfo } from '../../components/export/export-info';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { PanelError } from '../../components/PanelError';
import { capitalize, formatDate, formatNumber, formatPercent } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { RegionFigure, TimelineFigure } from '../overview/CoverageFigures';
import { HeadlineCardList } from '../overview/HeadlineCardList';
import { unitsKey } from '../overview/overview-cards';
import { toTimelineSeries } from '../overview/timeline-series';
import { presentHref } from '../presentation/presentation-search';
import { snapshotMessages, type SnapshotMessages } from './messages';
import { snapshotQuery } from './queries';
import { SnapshotRevisions } from './RevisionNotice';
import { provincesExportTable, timelineExportTable } from './snapshot-exports';
import { publishedText } from './snapshot-text';

const SNAPSHOT_ID = /^[1-9]\d{0,9}$/;

/** What every download of the snapshot says: its date, scheme and demo flag, and its name in the title. */
function snapshotExportInfo(snapshot: Snapshot, title: string, m: SnapshotMessages): ExportInfo {
  return { asOf: snapshot.asOf, scheme: snapshot.scheme, demo: snapshot.demo, title: fill(m.exportTitle, { title, name: snapshot.name }) };
}

function FrozenHeadline({ snapshot }: { snapshot: Snapshot }) {
  const m = useMessages(snapshotMessages);
  return (
    <section aria-labelledby="frozen-headline-title">
      <h2 id="frozen-headline-title">{m.headlineTitle}</h2>
      <HeadlineCardList coverage={snapshot.figures.coverage} />
    </section>
  );
}

function FrozenProvinces({ snapshot }: { snapshot: Snapshot }) {
  const { t, locale } = useLocale();
  const m = useMessages(snapshotMessages);
  const { coverage } = snapshot.figures;
  const hasDistricts = SCHEMES[snapshot.scheme].levels.includes('district');
  const download = useMemo(() => provincesExportTable(coverage, hasDistricts, m, t), [coverage, hasDistricts, m, t]);
  return (
    <section aria-labelledby="frozen-provinces-title">
      <h2 id="frozen-provinces-title">{m.provincesTitle}</h2>
      <TableExportButtons title={m.provincesTitle} info={snapshotExportInfo(snapshot, m.provincesTitle, m)} columns={download.columns} rows={download.rows} />
      <div className="table-scroll" tabIndex={0} role="region" aria-label={m.provincesTableLabel}>
        <table className="snapshot-table">
          <caption>{fill(m.provincesCaption, { name: snapshot.name, date: formatDate(snapshot.asOf, locale) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colUnit_province}</th>
              <th scope="col">{m.colProvincePage}</th>
              {hasDistricts && (
                <th scope="col" className="num">
                  {m.colDistricts}
                </th>
              )}
              <th scope="col" className="num">
                {t.colCommunes}
              </th>
              <th scope="col" className="num">
                {t.colShare}
              </th>
            </tr>
          </thead>
          <tbody>
            {coverage.rows.map((row) => {
              const communes = row.descendants.commune;
              const districts = row.descendants.district;
              return (
                <tr key={row.code}>
                  <th scope="row">{row.name}</th>
                  <td>{row.covered ? m.yes : m.no}</td>
                  {hasDistricts && <td className="num">{districts ? `${formatNumber(districts.covered, locale)}/${formatNumber(districts.total, locale)}` : '–'}</td>}
                  <td className="num">{communes ? `${formatNumber(communes.covered, locale)}/${formatNumber(communes.total, locale)}` : '–'}</td>
                  <td className="num">{communes && communes.total > 0 ? formatPercent(communes.covered / communes.total, locale) : t.noData}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The overview's charts drawn from the frozen figures: coverage month by month, and by region. */
function FrozenCharts({ snapshot }: { snapshot: Snapshot }) {
  const m = useMessages(snapshotMessages);
  const series = useMemo(
    () => toTimelineSeries(snapshot.scheme, SCHEMES[snapshot.scheme].levels.flatMap((level) => (snapshot.figures.timelines[level] ? [snapshot.figures.timelines[level]] : []))),
    [snapshot],
  );
  return (
    <section aria-labelledby="frozen-charts-title" className="overview frozen-charts">
      <h2 id="frozen-charts-title">{m.chartsTitle}</h2>
      {series.rows.length > 0 && <TimelineFigure series={series} scheme={snapshot.scheme} demo={snapshot.demo} />}
      <RegionFigure data={snapshot.figures.coverage} />
    </section>
  );
}

function FrozenTimeline({ snapshot }: { snapshot: Snapshot }) {
  const { t, locale } = useLocale();
  const m = useMessages(snapshotMessages);
  const series = useMemo(
    () => toTimelineSeries(snapshot.scheme, SCHEMES[snapshot.scheme].levels.flatMap((level) => (snapshot.figures.timelines[level] ? [snapshot.figures.timelines[level]] : []))),
    [snapshot],
  );
  const download = useMemo(() => timelineExportTable(snapshot.scheme, series, m, t), [snapshot.scheme, series, m, t]);
  if (series.rows.length === 0) return null;
  return (
    <section aria-labelledby="frozen-timeline-title">
      <h2 id="frozen-timeline-title">{m.timelineTitle}</h2>
      <TableExportButtons title={m.timelineTitle} info={snapshotExportInfo(snapshot, m.timelineTitle, m)} columns={download.columns} rows={download.rows} />
      <div className="table-scroll" tabIndex={0} role="region" aria-label={m.timelineTableLabel}>
        <table className="snapshot-table">
          <caption>{fill(m.timelineCaption, { name: snapshot.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{m.colDate}</th>
              {series.levels.map((level) => (
                <th key={level} scope="col" className="num">
                  {capitalize(t[unitsKey(snapshot.scheme, level)])}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.rows.map((row) => (
              <tr key={row.date}>
                <th scope="row">{formatDate(row.date, locale)}</th>
                {series.levels.map((level) => {
                  const counts = row.counts[level];
                  return (
                    <td key={level} className="num">
                      {counts ? `${formatNumber(counts.covered, locale)}/${formatNumber(counts.total, locale)} (${formatPercent(row.shares[level] ?? null, locale)})` : '–'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** `/snapshots/:id`: one frozen snapshot, its headline, charts, provinces and month-by-month figures exactly as published. */
export function SnapshotDetail() {
  const { t, locale } = useLocale();
  const m = useMessages(snapshotMessages);
  const { id: rawId = '' } = useParams();
  const isValidId = SNAPSHOT_ID.test(rawId);
  const id = isValidId ? Number(rawId) : 0;
  const snapshot = useQuery({ ...snapshotQuery(id), enabled: isValidId });
  const data = snapshot.data;

  useEffect(() => {
    document.title = `${data?.name ?? m.title} — ${t.appTitle}`;
  }, [data, m, t]);

  if (snapshot.error instanceof ApiError && snapshot.error.isUnauthorized) return null;
  const isMissing = !isValidId || (snapshot.error instanceof ApiError && snapshot.error.status === 404);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/snapshots">{m.backToList}</Link>
      </p>
      {isMissing ? (
        <>
          <h1>{m.title}</h1>
          <div role="alert" className="panel error">
            <p>{m.notFound}</p>
          </div>
        </>
      ) : !data ? (
        <>
          <h1>{m.title}</h1>
          {snapshot.error ? <PanelError error={snapshot.error} retry={() => void snapshot.refetch()} /> : <p aria-live="polite">{t.loading}</p>}
        </>
      ) : (
        <>
          <h1>{data.name}</h1>
          <div className="frozen-banner" role="note">
            <p className="frozen-title">{m.frozenBanner}</p>
            <p>
              {t[`scheme_${data.scheme}`]} · {fill(t.figuresAsOf, { date: formatDate(data.asOf, locale) })}
            </p>
            <p>{publishedText(data, m, locale)}</p>
            <p className="muted">{m.frozenNote}</p>
          </div>
          <p className="snapshot-actions">
            <Link to={presentHref({ snapshot: data.id })} className="button-link">
              {m.present}
            </Link>
          </p>
          <DemoBanner demo={data.demo} />
          <ErrorBoundary fallback={() => null}>
            <SnapshotRevisions scheme={data.scheme} asOf={data.asOf} owner={data.owner} frozen={data.levels} />
          </ErrorBoundary>
          <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
            <FrozenHeadline snapshot={data} />
          </ErrorBoundary>
          <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
            <FrozenCharts snapshot={data} />
          </ErrorBoundary>
          <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
            <FrozenProvinces snapshot={data} />
          </ErrorBoundary>
          <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
            <FrozenTimeline snapshot={data} />
          </ErrorBoundary>
        </>
      )}
    </>
  );
}
