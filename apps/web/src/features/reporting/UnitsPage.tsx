import { useQuery } from '@tanstack/react-query';
import type { CoverageResponse, CoverageRow, Level, SchemeId } from '@mttq/core';
import { Fragment, useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { coverageQuery, unitDetailQuery } from '../../api/queries';
import { DemoBanner } from '../../components/DemoBanner';
import { PanelError } from '../../components/PanelError';
import { formatDate, formatNumber, formatPercent } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { MergerNoteText } from '../province/MergerNoteText';

import { describeScopes, isOfficer as isOfficerUser, scopeRoot, workingScheme } from '../../api/session';
import { ScopeControls, useReportingMessages, useReportingUser } from './ui';
import { filterUnitRows, parseUnitStatusFilter, UNIT_STATUS_FILTERS } from './units-filter';

const PAGE_SIZE = 100;
const UNIT_CODE = /^\d{2}(\d|\d{3})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const addPageHref = (scheme: SchemeId, code: string) => `/report/pages/new?${new URLSearchParams({ scheme, unit: code }).toString()}`;

/** The pages of one unit, fetched when its row is opened. */
function UnitPages({ scheme, code, asOf, name }: { scheme: SchemeId; code: string; asOf: string | null; name: string }) {
  const { t, locale } = useLocale();
  const m = useReportingMessages();
  const unit = useQuery(unitDetailQuery(scheme, code, asOf));
  if (unit.isPending) return <p aria-live="polite">{t.loading}</p>;
  if (unit.isError) return <PanelError error={unit.error} retry={() => void unit.refetch()} />;
  const pages = unit.data.pages;
  return (
    <div className="unit-pages">
      <h3>{fill(m.unitPagesTitle, { unit: name })}</h3>
      <MergerNoteText detail={unit.data} className="muted" />
      {pages.length === 0 ? (
        <p>{m.unitPagesEmpty}</p>
      ) : (
        <ul>
          {pages.map((page) => (
            <li key={page.id}>
              <span className="page-name">{page.name}</span>{' '}
              <span className="muted">
                {m[`platform_${page.platform}`]} · {m[`owner_${page.owner}`]} · {m[`status_${page.status}`]}
                {page.statusSince ? ` (${formatDate(page.statusSince, locale)})` : ''}
              </span>{' '}
              <Link to={`/report/pages/${page.id}/edit?scheme=${scheme}`} aria-label={fill(m.editPageNamed, { name: page.name })}>
                {m.editPage}
              </Link>{' '}
              <Link to={`/report/metrics?scheme=${scheme}&id=${page.id}`} aria-label={fill(m.enterMetricsNamed, { name: page.name })}>
                {m.enterMetrics}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Link to={addPageHref(scheme, code)} aria-label={fill(m.addPageFor, { unit: name })}>
        {m.addPage}
      </Link>
    </div>
  );
}

function YesNo({ value, no }: { value: boolean; no?: string }) {
  const m = useReportingMessages();
  return <span className={value ? 'badge yes' : 'badge no'}>{value ? m.yes : (no ?? m.no)}</span>;
}

interface UnitsTableProps {
  data: CoverageResponse;
  rows: readonly CoverageRow[];
  onDrillDown: (code: string) => void;
}

function UnitsTable({ data, rows, onDrillDown }: UnitsTableProps) {
  const { locale } = useLocale();
  const m = useReportingMessages();
  const id = useId();
  const [shown, setShown] = useState(PAGE_SIZE);
  const [open, setOpen] = useState<string | null>(null);
  const isDistrict = data.level === 'district';
  const columns = isDistrict ? 7 : 6;
  const visible = rows.slice(0, shown);
  return (
    <>
      <p className="muted" aria-live="polite">
        {fill(m.unitsCount, { shown: formatNumber(visible.length, locale), total: formatNumber(rows.length, locale) })}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={m.unitsTableName}>
        <table className="units-table">
          <thead>
            <tr>
              <th scope="col">{m.colUnit}</th>
              <th scope="col">{m.colCode}</th>
              <th scope="col">{m.colHasPage}</th>
              <th scope="col">{m.colVerified}</th>
              <th scope="col">{m.colActive}</th>
              {isDistrict && (
                <th scope="col" className="num">
                  {m.colCommunesCovered}
                </th>
              )}
              <th scope="col">{m.colActions}</th>
            </tr>
          </thead>
          <tbody>
            {visible.length === 0 && (
              <tr>
                <td colSpan={columns}>{m.unitsEmpty}</td>
              </tr>
            )}
            {visible.map((row) => {
              const communes = row.descendants.commune;
              const isOpen = open === row.code;
              const panelId = `${id}-${row.code}`;
              return (
                <Fragment key={row.code}>
                  <tr className={row.covered ? undefined : 'uncovered'}>
                    <th scope="row">{row.name}</th>
                    <td data-label={m.colCode}>{row.code}</td>
                    <td data-label={m.colHasPage}>
                      <YesNo value={row.covered} />
                    </td>
                    <td data-label={m.colVerified}>
                      <YesNo value={row.verified} />
                    </td>
                    <td data-label={m.colActive}>
                      <YesNo value={row.active} no={m.notActive} />
                    </td>
                    {isDistrict && (
                      <td className="num" data-label={m.colCommunesCovered}>
                        {communes ? `${formatNumber(communes.covered, locale)}/${formatNumber(communes.total, locale)} (${formatPercent(communes.total ? communes.covered / communes.total : null, locale)})` : m.none}
                      </td>
                    )}
                    <td className="actions" data-label={m.colActions}>
                      <Link to={addPageHref(data.scheme, row.code)} aria-label={fill(m.addPageFor, { unit: row.name })}>
                        {m.addPage}
                      </Link>
                      <button
                        type="button"
                        aria-expanded={isOpen}
                        aria-controls={isOpen ? panelId : undefined}
                        aria-label={fill(m.showPagesFor, { unit: row.name })}
                        onClick={() => setOpen(isOpen ? null : row.code)}
                      >
                        {m.showPages}
                      </button>
                      {isDistrict && (
                        <button type="button" aria-label={fill(m.showCommunesOf, { unit: row.name })} onClick={() => onDrillDown(row.code)}>
                          {m.showCommunes}
                        </button>
                      )}
                    </td>
                  </tr>
                  {isOpen && (
                    <tr id={panelId} className="unit-pages-row">
                      <td colSpan={columns}>
                        <UnitPages scheme={data.scheme} code={row.code} asOf={data.asOf} name={row.name} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {shown < rows.length && (
        <button type="button" onClick={() => setShown((n) => n + PAGE_SIZE)}>
          {m.showMore}
        </button>
      )}
    </>
  );
}

/** The parent unit itself (the province or district committee has its own page too). */
function ParentUnit({ scheme, code, asOf }: { scheme: SchemeId; code: string; asOf: string | null }) {
  const m = useReportingMessages();
  const unit = useQuery(unitDetailQuery(scheme, code, asOf));
  const [isOpen, setOpen] = useState(false);
  const name = unit.data?.unit.name ?? code;
  return (
    <div className="parent-unit">
      <strong>{name}</strong>{' '}
      <Link to={addPageHref(scheme, code)} aria-label={fill(m.addPageFor, { unit: name })}>
        {m.addPage}
      </Link>{' '}
      <button type="button" aria-expanded={isOpen} aria-label={fill(m.showPagesFor, { unit: name })} onClick={() => setOpen(!isOpen)}>
        {m.showPages}
      </button>
      {isOpen && <UnitPages scheme={scheme} code={code} asOf={asOf} name={name} />}
    </div>
  );
}

/**
 * `/report?scheme&parent&level&status&q&asOf`: the units under the officer's scope (or a province
 * central staff pick) with their page status, a filter, and links to add or edit their pages.
 */
export function UnitsPage() {
  const { t, locale } = useLocale();
  const m = useReportingMessages();
  const user = useReportingUser();
  const [params, setParams] = useSearchParams();
  const isOfficer = isOfficerUser(user);
  const scheme = workingScheme(user, params.get('scheme'));
  const root = scopeRoot(user, scheme);
  const rawParent = params.get('parent');
  const parent = rawParent && UNIT_CODE.test(rawParent) ? rawParent : root;
  const rawAsOf = params.get('asOf');
  const asOf = rawAsOf && ISO_DATE.test(rawAsOf) ? rawAsOf : null;
  const isDistrictParent = parent !== null && parent.length === 3;
  const level: Level = scheme === 'legacy63' && !isDistrictParent && params.get('level') === 'district' ? 'district' : 'commune';
  const status = parseUnitStatusFilter(params.get('status'));
  const q = params.get('q') ?? '';

  const coverage = useQuery({ ...coverageQuery({ scheme, asOf, level, parent }), enabled: parent !== null });
  const parentUnit = useQuery({ ...unitDetailQuery(scheme, parent ?? '', asOf), enabled: parent !== null });
  const province = isDistrictParent ? (parentUnit.data?.ancestors[0]?.code ?? null) : parent;
  const rows = useMemo(() => filterUnitRows(coverage.data?.rows ?? [], status, q), [coverage.data, status, q]);

  /** Sets (or, with null, removes) URL keys; typing in the search replaces the history entry. */
  const update = (changes: Record<string, string | null>, replace = false) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace },
    );

  const unitsWord = level === 'district' ? m.level_district : m[`level_commune_${scheme}`];
  const data = coverage.data;
  const counts = data?.levels[level];
  const isUnauthorized = coverage.error instanceof ApiError && coverage.error.isUnauthorized;

  return (
    <>
      <h1>{m.nav_units}</h1>
      <p className="lead">{isOfficer ? fill(m.unitsLeadOfficer, { scope: describeScopes(user.scopes) ?? '' }) : m.unitsLeadCentral}</p>
      <div className="report-controls">
        <ScopeControls
          scheme={scheme}
          province={province && province.length === 2 ? province : null}
          onScheme={(next) => update({ scheme: next, parent: null, level: null })}
          onProvince={(code) => update({ parent: code, level: null })}
        />
        {scheme === 'legacy63' && !isDistrictParent && (
          <div className="field">
            <label htmlFor="units-level">{m.levelLabel}</label>
            <select id="units-level" value={level} onChange={(e) => update({ level: e.target.value === 'district' ? 'district' : null })}>
              <option value="commune">{m.level_commune_legacy63}</option>
              <option value="district">{m.level_district}</option>
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="units-status">{m.filterLabel}</label>
          <select id="units-status" value={status} onChange={(e) => update({ status: e.target.value === 'all' ? null : e.target.value })}>
            {UNIT_STATUS_FILTERS.map((f) => (
              <option key={f} value={f}>
                {m[`filter_${f}`]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="units-q">{m.searchName}</label>
          <input id="units-q" type="search" value={q} onChange={(e) => update({ q: e.target.value }, true)} />
        </div>
      </div>
      {isDistrictParent && province && (
        <p>
          <button type="button" onClick={() => update({ parent: isOfficer && province === root ? null : province, level: null })}>
            {m.backToProvince}
          </button>
        </p>
      )}
      <DemoBanner demo={data?.demo} />
      {parent === null ? null : isUnauthorized ? null : coverage.isError && !data ? (
        <PanelError error={coverage.error} retry={() => void coverage.refetch()} />
      ) : !data ? (
        <p aria-live="polite" className="reserve">
          {t.loading}
        </p>
      ) : (
        <section aria-busy={coverage.isPlaceholderData} className={coverage.isPlaceholderData ? 'stale' : undefined}>
          <ParentUnit scheme={scheme} code={parent} asOf={asOf} />
          <h2>
            {fill(m.unitsCaption, { units: unitsWord, parent: parentUnit.data?.unit.name ?? parent })}
          </h2>
          <p className="as-of-note">
            {fill(m.statusAsOf, { date: formatDate(data.asOf, locale) })}
            {counts && (
              <>
                {' — '}
                {fill(t.cardFraction, { covered: formatNumber(counts.covered, locale), total: formatNumber(counts.total, locale), units: unitsWord.toLowerCase() })}{' '}
                ({fill(t.cardCoveredShare, { share: formatPercent(counts.total ? counts.covered / counts.total : null, locale) })})
              </>
            )}
          </p>
          <UnitsTable key={`${scheme}|${parent}|${level}|${status}|${q}`} data={data} rows={rows} onDrillDown={(code) => update({ parent: code, level: null })} />
        </section>
      )}
    </>
  );
}
