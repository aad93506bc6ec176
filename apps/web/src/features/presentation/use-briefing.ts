import { useQueries, useQuery } from '@tanstack/react-query';
import { SCHEMES } from '@mttq/core/rules';
import { useMemo } from 'react';
import { coverageQuery } from '../../api/queries';
import { snapshotQuery } from '../snapshots/queries';
import { fromSnapshot, provinceLowerLevel, type BriefingFigures } from './briefing';
import type { PresentationSearch } from './presentation-search';
import { briefingMetricsQuery, briefingRankingsQuery, briefingTimelineQuery, type BriefingParams } from './queries';

export interface BriefingState {
  figures: BriefingFigures | null;
  /** the first error of the queries the briefing needs; null while all are fine */
  error: unknown;
  isStale: boolean;
  retry: () => void;
}

/**
 * The briefing's figures from the URL's source: a snapshot's frozen answers (?snapshot=<id>),
 * or the live read API at the URL's scheme, date and owner. Slides never see the difference.
 */
export function useBriefing(search: PresentationSearch): BriefingState {
  const isSnapshot = search.snapshot !== null;
  const live = !isSnapshot;
  const params: BriefingParams = { scheme: search.scheme, asOf: search.asOf, owner: search.owner };
  const levels = SCHEMES[search.scheme].levels;

  const snapshot = useQuery({ ...snapshotQuery(search.snapshot ?? 0), enabled: isSnapshot });
  const coverage = useQuery({ ...coverageQuery({ scheme: params.scheme, asOf: params.asOf, level: 'province', parent: null, owner: params.owner }), enabled: live });
  const timelines = useQueries({ queries: levels.map((level) => ({ ...briefingTimelineQuery(params, level), enabled: live })) });
  const rankings = useQuery({ ...briefingRankingsQuery(params), enabled: live });
  const metrics = useQuery({ ...briefingMetricsQuery(params), enabled: live });
  const lowerLevel = provinceLowerLevel(search.scheme);
  const lower = useQuery({
    ...coverageQuery({ scheme: params.scheme, asOf: params.asOf, level: lowerLevel, parent: search.province, owner: params.owner }),
    enabled: live && search.province !== null,
  });

  const timelineData = timelines.map((q) => q.data);
  // the answers are stable objects; their update times say when one changed
  const timelinesVersion = `${search.scheme}|${timelines.map((q) => q.dataUpdatedAt).join(',')}`;
  const figures = useMemo((): BriefingFigures | null => {
    if (isSnapshot) return snapshot.data ? fromSnapshot(snapshot.data, search.province) : null;
    if (!coverage.data || !rankings.data || !metrics.data || timelineData.some((d) => d === undefined)) return null;
    // a province's own slides come with the deck, not after it: the slide count must not grow under a presenter
    if (search.province !== null && lower.isPending && !lower.error) return null;
    const byLevel: BriefingFigures['timelines'] = {};
    for (const timeline of timelineData) if (timeline) byLevel[timeline.level] = timeline;
    // a placeholder answer of another province must not show under this one's name
    const lowerData = lower.data && lower.data.parent === search.province && lower.data.level === lowerLevel ? lower.data : null;
    return {
      origin: { kind: 'live' },
      owner: search.owner,
      coverage: coverage.data,
      timelines: byLevel,
      rankings: rankings.data,
      metrics: metrics.data,
      province: search.province ? { code: search.province, lower: lowerData } : null,
    };
    // timelineData is a fresh array each render: timelinesVersion stands for it
  }, [isSnapshot, snapshot.data, search.province, search.owner, coverage.data, rankings.data, metrics.data, lower.data, lower.isPending, lower.error, lowerLevel, timelinesVersion]);

  const needed = isSnapshot ? [snapshot] : [coverage, rankings, metrics, ...timelines];
  const failed = needed.find((q) => q.error && !q.data);
  return {
    figures,
    error: failed?.error ?? null,
    isStale: !isSnapshot && needed.some((q) => q.isPlaceholderData),
    retry: () => {
      for (const q of needed) if (q.error) void q.refetch();
    },
  };
}
