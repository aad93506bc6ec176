/**
 * One word for one thing, in every catalogue and both languages:
 * - covered: "có trang" / "has a page" (a unit with a live page);
 * - active: "hoạt động" / "active" (posted in the month or the month before);
 * - open: "chưa đóng" / "open" (a page not closed);
 * - verified: "đã xác minh" / "verified".
 * Each catalogue's names for these states must use them, and the old synonyms appear nowhere.
 */
import { describe, expect, it } from 'vitest';
import { exportMessages } from '../components/export/messages';
import { mapMessages } from '../features/map/messages';
import { overviewMessages } from '../features/overview/messages';
import { presentationMessages } from '../features/presentation/messages';
import { provinceMessages } from '../features/province/messages';
import { registryMessages } from '../features/registry/messages';
import { reportingMessages } from '../features/reporting/messages';
import { queueMessages } from '../features/reporting/queue-messages';
import { snapshotMessages } from '../features/snapshots/messages';
import { timelapseMessages } from '../features/timelapse/messages';
import { MESSAGES, type Catalogue } from './messages';

const CATALOGUES: Record<string, Catalogue<string>> = {
  shared: MESSAGES as Catalogue<string>,
  export: exportMessages,
  map: mapMessages,
  overview: overviewMessages,
  presentation: presentationMessages,
  province: provinceMessages,
  registry: registryMessages,
  reporting: reportingMessages,
  queue: queueMessages,
  snapshots: snapshotMessages,
  timelapse: timelapseMessages,
};

/** Words that once named these states and must not any more (lower case; matched anywhere). */
const RETIRED = {
  vi: ['đang hoạt động', 'còn hoạt động', 'đang đăng bài', 'không đăng bài', 'đã được xác minh', 'được xác nhận', 'trang sống'],
  en: ['posting', 'live page', 'live (not closed)', 'is live', 'confirmed by'],
} as const;

/** Where a catalogue names one of the four states on its own (a badge, a filter, a column, a series). */
const NAMES: ReadonlyArray<[catalogue: string, key: string, vi: string, en: string]> = [
  ['province', 'status_covered', 'có trang', 'has a page'],
  ['province', 'badgeCovered', 'có trang', 'has a page'],
  ['province', 'seriesCovered', 'có trang', 'has a page'],
  ['registry', 'status_live', 'chưa đóng', 'open'],
  ['reporting', 'filter_covered', 'đã có trang', 'has a page'],
  ['reporting', 'colHasPage', 'có trang', 'has a page'],

  ['province', 'status_active', 'hoạt động', 'active'],
  ['province', 'badgeActive', 'hoạt động', 'active'],
  ['province', 'seriesActive', 'hoạt động', 'active'],
  ['registry', 'status_active', 'hoạt động', 'active'],
  ['registry', 'badgeActive', 'hoạt động', 'active'],
  ['registry', 'event_active', 'hoạt động', 'active'],
  ['reporting', 'status_active', 'hoạt động', 'active'],
  ['reporting', 'colActive', 'hoạt động', 'active'],

  ['province', 'status_verified', 'đã xác minh', 'verified'],
  ['province', 'badgeVerified', 'đã xác minh', 'verified'],
  ['province', 'seriesVerified', 'đã xác minh', 'verified'],
  ['registry', 'status_verified', 'đã xác minh', 'verified'],
  ['registry', 'badgeVerified', 'đã xác minh', 'verified'],
  ['reporting', 'status_verified', 'đã xác minh', 'verified'],
  ['reporting', 'colVerified', 'đã xác minh', 'verified'],
];

const entries = (locale: 'vi' | 'en') =>
  Object.entries(CATALOGUES).flatMap(([name, catalogue]) => Object.entries(catalogue[locale]).map(([key, text]) => [`${name}.${key}`, text.toLocaleLowerCase(locale)] as const));

describe('one word for one thing', () => {
  it.each(['vi', 'en'] as const)('uses no retired synonym of covered, active, open or verified (%s)', (locale) => {
    const found = entries(locale).filter(([, text]) => RETIRED[locale].some((word) => text.includes(word)));
    expect(found).toEqual([]);
  });

  it.each(NAMES)('%s.%s names its state with the glossary word', (catalogue, key, vi, en) => {
    const texts = CATALOGUES[catalogue]!;
    expect(texts.vi[key]?.toLocaleLowerCase('vi')).toBe(vi);
    expect(texts.en[key]?.toLocaleLowerCase('en')).toBe(en);
  });

  it('says "open" where a count is of pages not closed', () => {
    expect(provinceMessages.vi.metricPages).toBe('Trang chưa đóng');
    expect(provinceMessages.en.metricPages).toBe('Open pages');
    expect(mapMessages.vi.measureNote_coverage).toContain('chưa đóng');
    expect(mapMessages.en.measureNote_coverage).toContain('is open');
  });
});

describe('every catalogue', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it.each(Object.entries(CATALOGUES))('%s has the same keys and placeholders in both languages', (_, catalogue) => {
    expect(Object.keys(catalogue.en).sort()).toEqual(Object.keys(catalogue.vi).sort());
    for (const key of Object.keys(catalogue.vi)) expect(placeholders(catalogue.en[key]!), key).toEqual(placeholders(catalogue.vi[key]!));
  });
});
