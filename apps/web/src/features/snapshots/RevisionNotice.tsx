import { useQuery } from '@tanstack/react-query';
import type { CoverageCounts, CoverageResponse, Level, OwnerFilter, SchemeId } from '@mttq/core';
import { Link } from 'react-router';
import { coverageQuery } from '../../api/queries';
import { capitalize } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { unitsKey } from '../overview/overview-cards';
import { snapshotListQuery } from './queries';
import { findRevisions, revisionMessages, revisionText, snapshotFor } from './revisions';
import './revision-notice.css';

/** Both numbers of every figure revised since the snapshot; nothing when none was. */
function RevisionList({ frozen, live, scheme, snapshotAsOf, snapshotId }: { frozen: Partial<Record<Level, CoverageCounts>>; live: CoverageResponse; scheme: SchemeId; snapshotAsOf: string; snapshotId?: number }) {
  const { t, locale } = useLocale();
  const m = useMessages(revisionMessages);
  const revisions = findRevisions(frozen, live);
  if (revisions.length === 0) return null;
  return (
    <div className="revision-notice" role="note">
      <p className="revision-title">{snapshotId === undefined ? m.title : <Link to={`/snapshots/${snapshotId}`}>{m.title}</Link>}</p>
      <ul>
        {revisions.map((revision) => (
          <li key={`${revision.level}-${revision.measure}`}>{revisionText(revision, snapshotAsOf, capitalize(t[unitsKey(scheme, revision.level)]), m, locale)}</li>
        ))}
      </ul>
    </div>
  );
}

/** On a snapshot's page: the live /coverage for its scheme, date and owner against its frozen headline. */
export function SnapshotRevisions({ scheme, asOf, owner, frozen }: { scheme: SchemeId; asOf: string; owner: string; frozen: Partial<Record<Level, CoverageCounts>> }) {
  const live = useQuery(coverageQuery({ scheme, asOf, level: 'province', parent: null, owner: owner as OwnerFilter }));
  if (!live.data || live.isPlaceholderData || live.data.asOf !== asOf) return null;
  return <RevisionList frozen={frozen} live={live.data} scheme={scheme} snapshotAsOf={asOf} />;
}

/** On the live overview: the snapshot published for the same scheme and date (owner front), if any, against the live answer. */
export function LiveRevisions({ live }: { live: CoverageResponse }) {
  const list = useQuery(snapshotListQuery(live.scheme));
  const snapshot = list.data ? snapshotFor(list.data.snapshots, live) : null;
  if (!snapshot) return null;
  return <RevisionList frozen={snapshot.levels} live={live} scheme={live.scheme} snapshotAsOf={snapshot.asOf} snapshotId={snapshot.id} />;
}
