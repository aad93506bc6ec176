/**
 * The page rules of DESIGN.md §5 as SQL fragments, so every query counts pages the same way.
 * Each expects the page alias `p` and the named parameter @asOf (PAGE_HAS_POSTED @month and
 * @previousMonth); isPageLive / isPageVerified in
 * packages/core are the reference rules the tests compare these with.
 */

/**
 * Page `p` counts at @asOf: launched by then, and its latest closed / rejected / reopened event
 * by then (if any) is a reopening.
 */
export const PAGE_IS_LIVE = /* sql */ `(p.launched_on <= @asOf AND (
  -- Most pages were never closed: that answer needs no ordering.
  NOT EXISTS (SELECT 1 FROM page_status_events e
              WHERE e.page_id = p.id AND e.status IN ('closed', 'rejected') AND e.effective_on <= @asOf)
  OR (SELECT e.status FROM page_status_events e
      WHERE e.page_id = p.id AND e.status IN ('closed', 'rejected', 'reopened') AND e.effective_on <= @asOf
      ORDER BY e.effective_on DESC, e.id DESC LIMIT 1) = 'reopened'))`;

/** Page `p` was verified by central staff on or before @asOf. */
export const PAGE_IS_VERIFIED = /* sql */ `EXISTS (SELECT 1 FROM page_status_events v
  WHERE v.page_id = p.id AND v.status = 'verified' AND v.effective_on <= @asOf)`;

/** Page `p` posted in @month or @previousMonth (the active months of @asOf, see activeMonths). */
export const PAGE_HAS_POSTED = /* sql */ `EXISTS (SELECT 1 FROM metric_snapshots m
  WHERE m.page_id = p.id AND m.month IN (@month, @previousMonth) AND m.posts > 0)`;
