/**
 * Where a page belongs in a scheme at a date. Normally its page_assignments row; for reform34
 * before 01/07/2025 (the back-cast history of today's units) also through the crosswalk: a page
 * of a legacy63 province or commune with no reform34 unit of its own counts for the reform34 unit
 * its unit became, when its unit went wholly into one (not split): backcastUnit in
 * coverage/page-histories.ts. District pages have no reform34 unit. See docs/ARCHITECTURE.md,
 * "History across the reform".
 */
import { REFORM_DATE, type SchemeId } from '@mttq/core';

/** Is a figure of `scheme` at `date` back-cast through the crosswalk (reform34 before the reform)? */
export const isBackcast = (scheme: SchemeId, date: string) => scheme === 'reform34' && date < REFORM_DATE;
