import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SnapshotSummary } from '@mttq/core';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { meQuery } from '../../api/queries';
import { DemoBanner } from '../../components/DemoBanner';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { PanelError } from '../../components/PanelError';
import { formatDate } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { useDashboardSearch } from '../../url/use-dashboard-search';
import { presentHref } from '../presentation/presentation-search';
import { snapshotMessages } from './messages';
import { PublishForm } from './PublishForm';
import { deleteSnapshot, snapshotKeys, snapshotListQuery } from './queries';
import { headlineFractions, publishedText } from './snapshot-text';

/** A modal confirmation (a real <dialog>: focus stays inside, Esc cancels) before an admin deletes a snapshot. */
function DeleteDialog({ target, onDone }: { target: SnapshotSummary | null; onDone: (deleted: SnapshotSummary | null) => void }) {
  const m = useMessages(snapshotMessages);
  const queryClient = useQueryClient();
  const ref = useRef<HTMLDialogElement>(null);
  const deleted = useRef<SnapshotSummary | null>(null);
  const id = useId();
  const remove = useMutation({
    mutationFn: (snapshot: SnapshotSummary) => deleteSnapshot(snapshot.id),
    onSuccess: async (_, snapshot) => {
      queryClient.removeQueries({ queryKey: snapshotKeys.detail(snapshot.id) });
      await queryClient.invalidateQueries({ queryKey: snapshotKeys.all });
      deleted.current = snapshot;
      ref.current?.close();
    },
  });
  const { reset } = remove;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (target && !dialog.open) {
      reset();
      dialog.showModal();
    }
  }, [target, reset]);

  const error = remove.error instanceof ApiError && !remove.error.isUnauthorized ? remove.error : null;
  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} onClose={() => {
        onDone(deleted.current);
        deleted.current = null;
      }}
    >
      {target && (
        <>
          <h2 id={`${id}-title`}>{m.confirmTitle}</h2>
          <p id={`${id}-text`}>{fill(m.confirmText, { name: target.name })}</p>
          {error && (
            <p role="alert" className="field-error">
              {fill(m.removeFailed, { message: error.message })}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="danger" onClick={() => remove.mutate(target)} disabled={remove.isPending}>
              {remove.isPending ? m.removing : m.confirmRemove}
            </button>
            <button type="button" onClick={() => ref.current?.close()} autoFocus>
              {m.cancel}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

function SnapshotItem({ snapshot, canDelete, onDelete }: { snapshot: SnapshotSummary; canDelete: boolean; onDelete: (button: HTMLButtonElement) => void }) {
  const { t, locale } = useLocale();
  const m = useMessages(snapshotMessages);
  const headingId = useId();
  return (
    <li className="snapshot-item" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to={`/snapshots/${snapshot.id}`}>{snapshot.name}</Link>
      </h3>
      <p>{fill(m.schemeAndDate, { scheme: t[`scheme_${snapshot.scheme}`], date: formatDate(snapshot.asOf, locale) })}</p>
      <ul className="snapshot-headline">
        {headlineFractions(snapshot, t, locale).map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
      <p className="muted">
        {publishedText(snapshot, m, locale)}
        {snapshot.demo && <span className="demo-mark-small"> · {m.demoMark}</span>}
      </p>
      <div className="snapshot-actions">
        <Link to={`/snapshots/${snapshot.id}`} aria-label={fill(m.viewLabel, { name: snapshot.name })}>
          {m.view}
        </Link>
        <Link to={presentHref({ snapshot: snapshot.id })} aria-label={fill(m.presentLabel, { name: snapshot.name })}>
          {m.present}
        </Link>
        {canDelete && (
          <button type="button" className="danger" onClick={(e) => onDelete(e.currentTarget)} aria-label={fill(m.removeLabel, { name: snapshot.name })}>
            {m.remove}
          </button>
        )}
      </div>
    </li>
  );
}

/** `/snapshots`: the publish form (admin, central staff) and the published snapshots, newest first. */
export function SnapshotList() {
  const { t } = useLocale();
  const m = useMessages(snapshotMessages);
  const [view] = useDashboardSearch();
  const me = useQuery(meQuery());
  const list = useQuery(snapshotListQuery());
  const role = me.data?.user?.role;
  const canPublish = role === 'admin' || role === 'central';
  const canDelete = role === 'admin';
  const [target, setTarget] = useState<SnapshotSummary | null>(null);
  const [status, setStatus] = useState('');
  const opener = useRef<HTMLButtonElement | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${m.title} — ${t.appTitle}`;
  }, [m, t]);

  if (list.error instanceof ApiError && list.error.isUnauthorized) return null;
  const snapshots = list.data?.snapshots ?? [];

  return (
    <>
      <h1>{m.title}</h1>
      <p>{m.lead}</p>
      <p>
        <Link to={presentHref({ scheme: view.scheme, asOf: view.asOf })}>{m.presentLive}</Link>
      </p>
      <DemoBanner demo={snapshots.some((s) => s.demo)} />
      {canPublish && (
        <ErrorBoundary fallback={(e, reset) => <PanelError error={e} retry={reset} />}>
          <PublishForm view={view} />
        </ErrorBoundary>
      )}
      <section aria-labelledby="snapshot-list-title" className="snapshot-list">
        <h2 id="snapshot-list-title" ref={listHeading} tabIndex={-1}>
          {m.listTitle}
        </h2>
        <p role="status" className="list-status">
          {status}
        </p>
        {list.error && !list.data && <PanelError error={list.error} retry={() => void list.refetch()} />}
        {!list.data && !list.error && <p aria-live="polite">{t.loading}</p>}
        {list.data && snapshots.length === 0 && <p className="empty">{m.listEmpty}</p>}
        {snapshots.length > 0 && (
          <ul className="snapshot-items">
            {snapshots.map((snapshot) => (
              <SnapshotItem
                key={snapshot.id}
                snapshot={snapshot}
                canDelete={canDelete}
                onDelete={(button) => {
                  opener.current = button;
                  setStatus('');
                  setTarget(snapshot);
                }}
              />
            ))}
          </ul>
        )}
      </section>
      {canDelete && (
        <DeleteDialog
          target={target}
          onDone={(deleted) => {
            setTarget(null);
            if (deleted) {
              setStatus(fill(m.removed, { name: deleted.name }));
              // the button that opened the dialog is gone with its snapshot
              listHeading.current?.focus();
            } else {
              opener.current?.focus();
            }
          }}
        />
      )}
    </>
  );
}
