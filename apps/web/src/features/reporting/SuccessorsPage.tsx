import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SuccessorQueueResponse } from '@mttq/core';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { provincesQuery, queryKeys } from '../../api/queries';
import { scopeProvinces } from '../../api/session';
import { DemoBanner } from '../../components/DemoBanner';
import { PanelError } from '../../components/PanelError';
import { formatNumber } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { assignPage, invalidateAfterWrite } from './queries';
import { successorQueueQuery } from './queue-queries';
import { queueMessages } from './queue-messages';
import { Done, ProvinceSelect, useReportingMessages, useReportingUser, WriteError } from './ui';
import './queue.css';

type Item = SuccessorQueueResponse['items'][number];

/** One page's row: its old commune and a choice among the new communes it was split into. */
function SuccessorRow({ item, onSaved }: { item: Item; onSaved: (text: string) => void }) {
  const m = useReportingMessages();
  const q = useMessages(queueMessages);
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const selectId = `successor-${item.pageId}`;
  const assign = useMutation({
    mutationFn: (unitCode: string) => assignPage(item.pageId, 'reform34', unitCode),
    onSuccess: async (page, unitCode) => {
      queryClient.setQueryData(queryKeys.pageDetail(page.id), page);
      const unit = item.candidates.find((c) => c.code === unitCode);
      onSaved(fill(q.choiceSaved, { name: item.name, unit: unit ? `${unit.name} (${unit.code})` : unitCode }));
      await invalidateAfterWrite(queryClient);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!item.candidates.some((c) => c.code === code)) {
      setError(q.errChooseCandidate);
      return;
    }
    setError(null);
    assign.mutate(code);
  };
  return (
    <tr>
      <th scope="row">
        <a href={item.url} target="_blank" rel="noopener noreferrer" aria-label={fill(m.openPageExternal, { name: item.name })}>
          {item.name}
        </a>
        <span className="sub-line">
          <Link to={`/report/pages/${item.pageId}/edit?scheme=reform34`} aria-label={fill(m.editPageNamed, { name: item.name })}>
            {m.editPage}
          </Link>
        </span>
      </th>
      <td>
        {item.legacyUnit.name} ({item.legacyUnit.code})
      </td>
      <td>
        <form className="successor-choice" onSubmit={onSubmit} noValidate aria-label={fill(q.newUnitFor, { name: item.name })}>
          <label htmlFor={selectId} className="visually-hidden">
            {fill(q.newUnitFor, { name: item.name })}
          </label>
          <select
            id={selectId}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? `${selectId}-error` : undefined}
          >
            <option value="">{q.chooseCandidate}</option>
            {item.candidates.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.code})
              </option>
            ))}
          </select>
          <button type="submit" className="primary" disabled={assign.isPending} aria-label={fill(q.saveChoiceNamed, { name: item.name })}>
            {assign.isPending ? m.saving : q.saveChoice}
          </button>
          {error && (
            <p id={`${selectId}-error`} className="field-error">
              {error}
            </p>
          )}
        </form>
        {assign.error && !(assign.error instanceof ApiError && assign.error.isUnauthorized) && <WriteError error={assign.error} />}
      </td>
    </tr>
  );
}

/**
 * `/report/successors?province`: pages of legacy63 communes split on 1 Jul 2025, waiting for their
 * province to choose the reform34 commune each belongs to (PUT /pages/{id}/assignments/reform34).
 * Officers see their own provinces; central staff and admins every province, or one they pick.
 */
export function SuccessorsPage() {
  const { t, locale } = useLocale();
  const m = useReportingMessages();
  const q = useMessages(queueMessages);
  const user = useReportingUser();
  const [params, setParams] = useSearchParams();
  const own = scopeProvinces(user, 'legacy63');
  const rawProvince = params.get('province');
  const asked = rawProvince !== null && /^\d{2}$/.test(rawProvince) ? rawProvince : null;
  const province = own && asked && !own.includes(asked) ? null : asked;
  const queue = useQuery(successorQueueQuery({ province }));
  const provinces = useQuery(provincesQuery('legacy63'));
  const [saved, setSaved] = useState<string | null>(null);
  const data = queue.data;
  const showPicker = own === null || own.length > 1;

  return (
    <>
      <h1>{q.successorsTitle}</h1>
      <p className="lead">{q.successorsLead}</p>
      {showPicker && (
        <div className="report-controls">
          <ProvinceSelect
            scheme="legacy63"
            value={province}
            only={own}
            onChange={(code) => {
              setSaved(null);
              setParams((current) => {
                const next = new URLSearchParams(current);
                if (code) next.set('province', code);
                else next.delete('province');
                return next;
              });
            }}
            label={q.successorsProvince}
            empty={own ? q.successorsAllMine : m.allProvinces}
          />
        </div>
      )}
      <DemoBanner demo={provinces.data?.demo} />
      {saved && <Done>{saved}</Done>}
      {queue.isError && !data ? (
        queue.error instanceof ApiError && queue.error.isUnauthorized ? null : <PanelError error={queue.error} retry={() => void queue.refetch()} />
      ) : !data ? (
        <p aria-live="polite" className="reserve">
          {t.loading}
        </p>
      ) : (
        <section aria-busy={queue.isFetching} className={queue.isPlaceholderData ? 'stale' : undefined} aria-labelledby="successors-total">
          <p id="successors-total" aria-live="polite">
            {data.items.length === 0 ? q.successorsEmpty : fill(q.successorsTotal, { count: formatNumber(data.items.length, locale) })}
          </p>
          {data.items.length > 0 && (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={q.successorsTableName}>
              <table className="successors-table">
                <thead>
                  <tr>
                    <th scope="col">{m.colPage}</th>
                    <th scope="col">{q.colLegacyUnit}</th>
                    <th scope="col">{q.colNewUnit}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <SuccessorRow key={item.pageId} item={item} onSaved={setSaved} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}
