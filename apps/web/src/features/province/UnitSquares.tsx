/**
 * A province's units as a grid of small squares, one per commune (and per district in legacy63),
 * coloured by status (no page, a page, active, verified), grouped by district and ordered by
 * name. Each square links to the unit's pages; pointing at it or moving to it with the arrow keys
 * shows its details. The legend counts the squares of each colour.
 */
import { useQuery } from '@tanstack/react-query';
import type { SchemeId } from '@mttq/core';
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { coverageQuery } from '../../api/queries';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { PanelError } from '../../components/PanelError';
import { formatNumber, viCollator } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { DEFAULT_REGISTRY_SEARCH, serializeRegistrySearch } from '../registry/registry-search';
import { communeDistrictsQuery } from './queries';
import { countStatuses, nextSquare, SQUARE_STATUSES, squaresInOrder, squareText, toSquareGroups, type UnitSquare } from './unit-squares';
import { unitSquaresMessages } from './unit-squares-messages';
import './unit-squares.css';

const MOVES = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End']);

/** The registry filtered to one unit, at the same date. */
const pagesHref = (scheme: SchemeId, asOf: string | null, code: string) => `/pages?${serializeRegistrySearch({ ...DEFAULT_REGISTRY_SEARCH, scheme, asOf, parent: code, id: null }).toString()}`;

interface UnitSquaresProps {
  scheme: SchemeId;
  /** the province */
  code: string;
  /** the URL's date (null: today) */
  asOf: string | null;
  provinceName: string;
}

/** The squares with their own error boundary, so a fault here leaves the rest of the province screen. */
export function UnitSquares(props: UnitSquaresProps) {
  return (
    <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
      <UnitSquaresPanel {...props} />
    </ErrorBoundary>
  );
}

function UnitSquaresPanel({ scheme, code, asOf, provinceName }: UnitSquaresProps) {
  const { t, locale } = useLocale();
  const m = useMessages(unitSquaresMessages);
  const isLegacy = scheme === 'legacy63';
  const communes = useQuery(coverageQuery({ scheme, asOf, level: 'commune', parent: code }));
  const districts = useQuery({ ...coverageQuery({ scheme, asOf, level: 'district', parent: code }), enabled: isLegacy });
  const districtNames = useQuery({ ...communeDistrictsQuery({ scheme, parent: code }), enabled: isLegacy });

  const groups = useMemo(
    () => (communes.data && (!isLegacy || districts.data) ? toSquareGroups(scheme, communes.data.rows, isLegacy ? (districts.data?.rows ?? null) : null, districtNames.data, viCollator.compare) : null),
    [scheme, isLegacy, communes.data, districts.data, districtNames.data],
  );
  const ordered = useMemo(() => (groups ? squaresInOrder(groups) : []), [groups]);
  const counts = useMemo(() => (groups ? countStatuses(groups) : null), [groups]);
  const byCode = useMemo(() => new Map(ordered.map((square) => [square.code, square])), [ordered]);
  const count = useCallback((n: number) => formatNumber(n, locale), [locale]);

  const [active, setActive] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const grid = useRef<HTMLDivElement>(null);
  const tabCode = active !== null && byCode.has(active) ? active : (ordered[0]?.code ?? null);

  const onKeyDown = useCallback((event: KeyboardEvent) => {
    const from = event.target instanceof HTMLElement ? event.target.dataset.code : undefined;
    if (!from || !MOVES.has(event.key) || !grid.current) return;
    event.preventDefault();
    const links = [...grid.current.querySelectorAll<HTMLElement>('a[data-code]')];
    const positions = links.map((link) => ({ code: link.dataset.code!, x: link.offsetLeft + link.offsetWidth / 2, y: Math.round(link.getBoundingClientRect().top + window.scrollY) }));
    const next = nextSquare(positions, from, event.key as Parameters<typeof nextSquare>[2]);
    const target = links.find((link) => link.dataset.code === next);
    if (next && target) {
      setActive(next);
      target.focus();
    }
  }, []);

  const error = communes.error ?? districts.error;
  const details = shown ? byCode.get(shown) : undefined;
  const isStale = communes.isPlaceholderData || districts.isPlaceholderData;

  const square = (unit: UnitSquare) => {
    const label = squareText(unit, m, count);
    return (
      <Link
        key={unit.code}
        to={pagesHref(scheme, asOf, unit.code)}
        className={`unit-square unit-square-${unit.status} unit-square-${unit.level}`}
        data-code={unit.code}
        data-level={unit.level}
        data-status={unit.status}
        aria-label={label}
        title={label}
        tabIndex={unit.code === tabCode ? 0 : -1}
        onFocus={() => {
          setActive(unit.code);
          setShown(unit.code);
        }}
        onMouseEnter={() => setShown(unit.code)}
      />
    );
  };

  return (
    <section className="province-section unit-squares" aria-labelledby="unit-squares-title">
      <h2 id="unit-squares-title">{m.title}</h2>
      <p className="muted">{fill(isLegacy ? m.note_legacy63 : m.note_reform34, { units: t[`units_commune_${scheme}`] })}</p>
      {error && !groups ? (
        <PanelError error={error} retry={() => void (communes.error ? communes.refetch() : districts.refetch())} />
      ) : !groups || !counts ? (
        <p className="muted" aria-live="polite">
          {m.loading}
        </p>
      ) : (
        <div className={isStale ? 'stale' : undefined}>
          <ul className="unit-squares-legend" aria-label={m.legendLabel}>
            {[...SQUARE_STATUSES].reverse().map((status) => (
              <li key={status}>
                <span className={`unit-square unit-square-${status}`} aria-hidden="true" />
                {m[`status_${status}`]}: {fill(m.count, { count: count(counts[status]) })}
              </li>
            ))}
          </ul>
          <p className="muted unit-squares-note">{m.statusNote}</p>
          <div className="unit-squares-grid" role="group" aria-label={fill(m.gridLabel, { province: provinceName })} aria-describedby="unit-squares-hint" ref={grid} onKeyDown={onKeyDown} onMouseLeave={() => setShown(null)}>
            {groups.map((group) => (
              <div key={group.key} className="unit-squares-group">
                {group.title && <p className="unit-squares-group-title">{group.title}</p>}
                <div className="unit-squares-row">
                  {group.district && square(group.district)}
                  {group.communes.map(square)}
                </div>
              </div>
            ))}
          </div>
          <p className="unit-squares-details" aria-hidden="true">
            {details ? squareText(details, m, count) : m.detailsEmpty}
          </p>
          <p className="muted" id="unit-squares-hint">
            {m.keyboardHint}
          </p>
        </div>
      )}
    </section>
  );
}
