import { useCallback, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { PanelError } from '../../components/PanelError';
import { viCollator } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { overviewMessages } from '../overview/messages';
import { toBriefing } from './briefing';
import { presentationMessages } from './messages';
import { exitHref, parsePresentationSearch, serializePresentationSearch, type PresentationSearch } from './presentation-search';
import { Slideshow } from './Slideshow';
import { useBriefing } from './use-briefing';
import './presentation.css';

/**
 * `/present`: the briefing as a full-window slideshow, outside the app's layout. Its figures come
 * from the live API (?scheme&asOf&owner) or from a frozen snapshot (?snapshot=<id>); the slide
 * shown (?slide), the province slides (?province) and auto-advance (?auto) are in the URL too.
 */
export function PresentationPage() {
  const { t, locale } = useLocale();
  const m = useMessages(presentationMessages);
  const o = useMessages(overviewMessages);
  const [params, setParams] = useSearchParams();
  const search = useMemo(() => parsePresentationSearch(params), [params]);
  const { figures, error, isStale, retry } = useBriefing(search);
  const briefing = useMemo(() => (figures ? toBriefing(figures, { locale, t, m, o }) : null), [figures, locale, t, m, o]);

  const update = useCallback(
    (change: Partial<PresentationSearch>, options: { replace?: boolean } = {}) =>
      setParams((current) => serializePresentationSearch({ ...parsePresentationSearch(current), ...change }), { replace: options.replace ?? false }),
    [setParams],
  );

  const provinces = useMemo(
    () => (figures ? figures.coverage.rows.map((row) => ({ code: row.code, name: row.name })).sort((a, b) => viCollator.compare(a.name, b.name)) : []),
    [figures],
  );

  const exitTo = exitHref(search);
  // a 401 sends the user to /sign-in (main.tsx) and back here afterwards
  if (error instanceof ApiError && error.isUnauthorized) return null;

  let message = null;
  if (error && !figures) {
    message =
      error instanceof ApiError && error.status === 404 && search.snapshot !== null ? (
        <div role="alert" className="panel error">
          <p>{m.snapshotMissing}</p>
          <Link to="/snapshots">{m.backToSnapshots}</Link>
        </div>
      ) : (
        <>
          <PanelError error={error} retry={retry} />
          <Link to={exitTo}>{search.snapshot !== null ? m.backToSnapshots : m.backToOverview}</Link>
        </>
      );
  } else if (!briefing) {
    message = (
      <p className="present-loading" role="status">
        {m.loading}
      </p>
    );
  }

  return <Slideshow briefing={briefing} isStale={isStale} message={message} search={search} update={update} exitTo={exitTo} provinces={provinces} />;
}
