import { z } from 'zod';

export const PLATFORMS = ['facebook', 'zalo', 'tiktok', 'youtube'] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof platformSchema>;

/** Who runs a page: the Front committee itself, or one of its member organisations. */
export const OWNERS = ['front', 'youth_union', 'women_union', 'farmers_union', 'veterans_union', 'trade_union'] as const;
export const ownerSchema = z.enum(OWNERS);
export type Owner = z.infer<typeof ownerSchema>;

export const OWNER_NAMES_VI: Record<Owner, string> = {
  front: 'Ủy ban MTTQ',
  youth_union: 'Đoàn Thanh niên',
  women_union: 'Hội Liên hiệp Phụ nữ',
  farmers_union: 'Hội Nông dân',
  veterans_union: 'Hội Cựu chiến binh',
  trade_union: 'Công đoàn',
};

/**
 * Dated status transitions of a page. The status at any date is derived from these events;
 * nothing is overwritten, corrections are new events.
 */
export const PAGE_STATUSES = ['reported', 'verified', 'rejected', 'active', 'inactive', 'closed', 'reopened'] as const;

/** Statuses that end or resume a page's life: the latest of them by a date decides if it counts. */
export const LIFECYCLE_STATUSES = ['closed', 'rejected', 'reopened'] as const;
export const pageStatusSchema = z.enum(PAGE_STATUSES);
export type PageStatus = z.infer<typeof pageStatusSchema>;

export const METRIC_SOURCES = ['manual', 'import', 'connector'] as const;
export type MetricSource = (typeof METRIC_SOURCES)[number];

/** How a page came to be assigned to a unit of a scheme. */
export const ASSIGNMENT_BASES = ['direct', 'crosswalk', 'manual'] as const;
export type AssignmentBasis = (typeof ASSIGNMENT_BASES)[number];

/** Only http(s) URLs are stored: no javascript:, data: or file: links reach a browser. */
export const pageUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(value), 'must be an http(s) URL, e.g. https://www.facebook.com/mttq.example');
