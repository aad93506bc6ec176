import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { CONFERENCE_DATE, REFORM_DATE, SCHEME_IDS, SCHEMES } from '@mttq/core/rules';
import type { CoverageResponse, Level, SchemeId } from '@mttq/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { coverageQuery } from '../../api/queries';
import { ChartFigure } from '../../components/ChartFigure';
import { DemoBanner } from '../../components/DemoBanner';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { PanelError } from '../../components/PanelError';
import { capitalize, formatDate, formatPercent, monthLabel } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill, type Messages } from '../../i18n/messages';
import { headlineCardText, toHeadlineCards } from '../overview/overview-cards';
import { timelineQuery } from '../overview/queries';
import { FrameMap } from './FrameMap';
import { framesOf, localToday, reformFrameIndex, SPEED_IDS, SPEEDS, stepFrame, type Speed } from './frames';
import { basisMessages, basisText } from '../../components/basis-series';
import { timelapseMessages, type TimelapseMessages } from './messages';
import { TimelapseChart } from './TimelapseChart';
import { levelsIn, toPercent, toTime, toTimelapseRows } from './timelapse-series';
import { useTimelapseSearch } from './use-timelapse-search';
import './timelapse.css';

/** Frames fetched ahead of the one shown, so playing rarely waits for the network. */
const PREFETCH_AHEAD = 3;
const CHART_HEIGHT = 320;

/** Keys typed in these go to them, not to the player's shortcuts. */
const INTERACTIVE = 'input, select, textarea, button, a, summary, [contenteditable], [role="link"], [role="button"], .leaflet-container';

function usePrefersReducedMotion(): boolean {
  const [reduced, setReduced] = useState(() => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const query = matchMedia('(prefers-reduced-motion: reduce)');
    const onChange = () => setReduced(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return reduced;
}

function HeadlineCards({ data, m, t }: { data: CoverageResponse; m: TimelapseMessages; t: Messages }) {
  const { locale } = useLocale();
  const cards = toHeadlineCards(data);
  const byLevel = new Map(cards.map((card) => [card.level, card]));
  // three slots in both schemes, so the cards do not move when the districts go
  const slots: Level[] = ['province', 'district', 'commune'];
  return (
    <ul className="cards timelapse-cards">
      {slots.map((level) => {
        const card = byLevel.get(level);
        if (!card) {
          return (
            <li key={level} className="card card-gone">
              <strong>{capitalize(t.units_district)}</strong>
              <span>{m.districtsAbolished}</span>
            </li>
          );
        }
        const text = headlineCardText(card, data.scheme, t, locale);
        return (
          <li key={level} className="card">
            <strong>{text.fraction}</strong>
            <span>{text.coveredShare}</span>
            <span className="muted">{text.verifiedShare}</span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * `/timelapse`: the coverage month by month in one geography: reform34 from September 2021 to today
 * (back-cast through the crosswalk before 01/07/2025), or legacy63 up to 30/06/2025.
 */
export function TimelapsePage() {
  const { t, locale } = useLocale();
  const m = useMessages(timelapseMessages);
  const b = useMessages(basisMessages);
  const [today] = useState(localToday);
  const [search, setSearch] = useTimelapseSearch(today);
  const { asOf, scheme, play, speed } = search;
  const frames = useMemo(() => framesOf(scheme, search.from, today), [scheme, search.from, today]);
  const index = Math.max(0, frames.indexOf(asOf));
  const reformIndex = reformFrameIndex(frames);
  const first = frames[0] ?? asOf;
  const last = frames[frames.length - 1] ?? asOf;
  const reducedMotion = usePrefersReducedMotion();
  const queryClient = useQueryClient();

  const coverage = useQuery(coverageQuery({ scheme, asOf, level: 'province', parent: null }));
  const { data, error } = coverage;
  const isFrameReady = data?.asOf === asOf && data.scheme === scheme && !coverage.isPlaceholderData;

  // the national timelines of the scheme shown (same keys as the overview's)
  const timelines = useQueries({ queries: SCHEMES[scheme].levels.map((level) => timelineQuery({ scheme, level, to: null })) });
  const timelineData = timelines.map((q) => q.data);
  const timelineError = timelines.find((q) => q.error)?.error ?? null;
  const isTimelineLoaded = timelineData.every(Boolean);
  // a few hundred points: cheap enough to join on every render
  const rows = isTimelineLoaded ? toTimelapseRows(timelineData.filter((d) => d !== undefined), first, last) : [];
  const levels = levelsIn(rows);

  // fetch the next frames while this one is shown
  useEffect(() => {
    for (let step = 1; step <= PREFETCH_AHEAD; step += 1) {
      const next = frames[index + step];
      if (!next) break;
      void queryClient.prefetchQuery(coverageQuery({ scheme, asOf: next, level: 'province', parent: null }));
    }
  }, [frames, index, queryClient, scheme]);

  const goTo = useCallback((frame: string | undefined, keepPlaying = false) => {
    if (frame) setSearch((s) => ({ ...s, asOf: frame, play: keepPlaying && s.play }));
  }, [setSearch]);
  const step = useCallback((delta: number) => setSearch((s) => ({ ...s, asOf: stepFrame(frames, s.asOf, delta), play: false })), [frames, setSearch]);
  const togglePlay = useCallback(
    () => setSearch((s) => (s.play ? { ...s, play: false } : { ...s, play: true, asOf: s.asOf === last ? first : s.asOf })),
    [first, last, setSearch],
  );

  // playing: the next frame once this one is drawn and its time is up; stop at the end or on an error
  useEffect(() => {
    if (!play) return;
    if (coverage.isError || asOf === last) {
      setSearch((s) => ({ ...s, play: false }));
      return;
    }
    if (!isFrameReady) return;
    const timer = setTimeout(() => setSearch((s) => (s.play ? { ...s, asOf: stepFrame(frames, s.asOf, 1) } : s)), SPEEDS[speed]);
    return () => clearTimeout(timer);
  }, [play, asOf, last, isFrameReady, coverage.isError, speed, frames, setSearch]);

  // space plays or pauses, ← → step, wherever the focus is not in a control that uses those keys
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      if (event.target instanceof Element && event.target.closest(INTERACTIVE)) return;
      if (event.key === ' ') togglePlay();
      else if (event.key === 'ArrowLeft') step(-1);
      else if (event.key === 'ArrowRight') step(1);
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [step, togglePlay]);

  const frameTime = toTime(asOf);
  const month = monthLabel(frameTime, locale);
  const schemeName = t[`scheme_${scheme}`];
  // the seam, always said: figures before 01/07/2025 are back-cast (reform34), or legacy63 ends there
  const notice = scheme === 'legacy63' ? m.legacyNote : m.seamNote;
  const levelNames: Record<Level, string> = { province: t.colUnit_province, district: t.colUnit_district, commune: t.colUnit_commune };

  const shownRows = rows.filter((row) => row.date <= asOf);
  // 'ghi nhận', or 'ước tính, từ … đến …' with the communes' bounds
  const basisCell = (row: (typeof rows)[number]) => basisText(row.basis, row.bounds.commune?.lower, row.bounds.commune?.upper, b, locale);
  const chartLevels: Level[] = levels.length > 0 ? levels : ['province', 'district', 'commune'];
  const table = {
    columns: [m.colDate, m.colScheme, ...chartLevels.map((level) => fill(m.colShare, { units: levelNames[level] })), b.column],
    numeric: chartLevels.map((_, i) => i + 2),
    rows: shownRows.map((row) => [
      formatDate(row.date, locale),
      row.scheme === 'legacy63' ? m.scheme63 : m.scheme34,
      ...chartLevels.map((level) => (row.shares[level] === undefined ? '–' : formatPercent(row.shares[level] ?? null, locale))),
      basisCell(row),
    ]),
    exportRows: shownRows.map((row) => [row.date, row.scheme, ...chartLevels.map((level) => toPercent(row.shares[level])), basisCell(row)]),
  };
  const markers = [
    { time: toTime(CONFERENCE_DATE), label: m.conferenceMarker },
    { time: toTime(REFORM_DATE), label: m.reformMarker },
  ];

  // a 401 sends the user to /sign-in (main.tsx); render nothing meanwhile
  if (error instanceof ApiError && error.isUnauthorized) return null;

  const reformLeft = reformIndex > 0 ? (reformIndex / Math.max(1, frames.length - 1)) * 100 : null;

  return (
    <div className={reducedMotion ? 'timelapse reduced-motion' : 'timelapse'}>
      <h1>{m.title}</h1>
      <p className="muted">{fill(m.lead, { from: formatDate(first, locale), to: formatDate(last, locale) })}</p>
      <DemoBanner demo={data?.demo} />

      <section className="panel timelapse-player" aria-label={m.playerLabel}>
        <div className="frame-heading" aria-live={play ? 'off' : 'polite'}>
          <p className="frame-month">{fill(m.frameHeading, { month })}</p>
          <p className="frame-meta">
            {fill(m.frameAsOf, { date: formatDate(asOf, locale) })} · {fill(m.frameScheme, { scheme: schemeName })}
            {data?.asOf === asOf && data.basis === 'crosswalk' ? ` · ${m.backCastFrame}` : ''}
          </p>
        </div>
        <label className="frame-scheme">
          <span>{m.schemeLabel}</span>
          {/* the geography of every frame: changing it keeps the date where it can */}
          <select value={scheme} onChange={(event) => setSearch((s) => ({ ...s, scheme: event.target.value as SchemeId, play: false }))}>
            {SCHEME_IDS.map((id) => (
              <option key={id} value={id}>
                {t[`scheme_${id}`]}
              </option>
            ))}
          </select>
        </label>
        <label className="frame-slider">
          <span>{m.sliderLabel}</span>
          <input
            type="range"
            min={0}
            max={Math.max(0, frames.length - 1)}
            step={1}
            value={index}
            list="timelapse-reform"
            aria-valuetext={fill(m.sliderValue, { date: formatDate(asOf, locale), n: index + 1, count: frames.length, scheme: schemeName })}
            onChange={(event) => goTo(frames[Number(event.target.value)])}
          />
        </label>
        {reformIndex > 0 && (
          <datalist id="timelapse-reform">
            <option value={reformIndex} label={m.reformMarker} />
          </datalist>
        )}
        <div className="slider-scale" aria-hidden="true">
          <span>{monthLabel(toTime(first), locale)}</span>
          {reformLeft !== null && (
            <>
              <span className="reform-tick" style={{ left: `${reformLeft}%` }}>
                ▲
              </span>
              {/* slides along its own width as the tick does along the track, so it never leaves the panel */}
              <span className="reform-mark" style={{ left: `${reformLeft}%`, transform: `translateX(-${reformLeft}%)` }}>
                {m.reformMarker}
              </span>
            </>
          )}
          <span>{monthLabel(toTime(last), locale)}</span>
        </div>
        <div className="player-buttons">
          <button type="button" onClick={() => step(-1)} disabled={index === 0}>
            <span aria-hidden="true">← </span>
            {m.stepBack}
          </button>
          <button type="button" className="play-button" onClick={togglePlay} aria-label={play ? m.pauseLabel : m.playLabel}>
            <span aria-hidden="true">{play ? '⏸ ' : '▶ '}</span>
            {play ? m.pause : m.play}
          </button>
          <button type="button" onClick={() => step(1)} disabled={index >= frames.length - 1}>
            {m.stepForward}
            <span aria-hidden="true"> →</span>
          </button>
          <label className="speed">
            {m.speedLabel}
            <select value={speed} onChange={(event) => setSearch((s) => ({ ...s, speed: event.target.value as Speed }))}>
              {SPEED_IDS.map((id) => (
                <option key={id} value={id}>
                  {m[`speed_${id}`]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="muted keys-hint">{m.keysHint}</p>
        <p className="reform-notice shown">{notice}</p>
      </section>

      <div className="timelapse-grid">
        <section className="timelapse-headline" aria-labelledby="timelapse-headline-title" aria-busy={!isFrameReady}>
          <h2 id="timelapse-headline-title">{fill(m.headlineTitle, { date: formatDate(data?.asOf ?? asOf, locale) })}</h2>
          <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
            {error && !data ? (
              <PanelError error={error} retry={() => void coverage.refetch()} />
            ) : data ? (
              <HeadlineCards data={data} m={m} t={t} />
            ) : (
              <p className="cards-placeholder">{fill(m.loadingFrame, { month })}</p>
            )}
          </ErrorBoundary>
        </section>

        <section className="timelapse-map" aria-labelledby="timelapse-map-title">
          <h2 id="timelapse-map-title">{m.mapHeading}</h2>
          <p className="muted">{fill(m.mapNote, { date: formatDate(data?.asOf ?? asOf, locale) })}</p>
          <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
            <FrameMap data={data} scheme={scheme} />
          </ErrorBoundary>
        </section>

        <section className="timelapse-chart" aria-label={m.chartTitle}>
          <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
            {timelineError && !isTimelineLoaded ? (
              <PanelError error={timelineError} retry={() => timelines.forEach((q) => void q.refetch())} />
            ) : (
              <ChartFigure
                title={m.chartTitle}
                note={fill(m.chartNote, { from: formatDate(first, locale), to: formatDate(asOf, locale) })}
                height={CHART_HEIGHT}
                table={table}
                exportInfo={{ asOf, scheme, demo: data?.demo ?? timelineData.some((d) => d?.demo), fileName: m.chartFileName }}
              >
                {isTimelineLoaded ? (
                  <TimelapseChart
                    rows={rows}
                    levels={chartLevels}
                    asOf={asOf}
                    domain={[toTime(first), toTime(last)]}
                    locale={locale}
                    levelNames={levelNames}
                    markers={markers}
                    backCastLabel={b.legend}
                  />
                ) : (
                  <p className="chart-loading">{m.chartLoading}</p>
                )}
              </ChartFigure>
            )}
          </ErrorBoundary>
        </section>
      </div>
    </div>
  );
}
