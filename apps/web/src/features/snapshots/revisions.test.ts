import type { SnapshotSummary } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { findRevisions, revisionMessages, revisionText, snapshotFor } from './revisions';

const counts = (covered: number, active = covered, verified = 0) => ({ total: 705, covered, active, verified });

describe('findRevisions', () => {
  it('lists each level and measure that changed, in level order', () => {
    const frozen = { province: counts(63, 63, 10), district: counts(548, 540, 100) };
    const live = { levels: { district: counts(549, 540, 101), province: counts(63, 63, 10) } };
    expect(findRevisions(frozen, live)).toEqual([
      { level: 'district', measure: 'covered', frozen: 548, live: 549 },
      { level: 'district', measure: 'verified', frozen: 100, live: 101 },
    ]);
  });

  it('finds none when the figures agree or a level is missing on one side', () => {
    expect(findRevisions({ commune: counts(5) }, { levels: { commune: counts(5) } })).toEqual([]);
    expect(findRevisions({ district: counts(5) }, { levels: { commune: counts(6) } })).toEqual([]);
  });
});

describe('snapshotFor', () => {
  const summary = (id: number, scheme: 'legacy63' | 'reform34', asOf: string, owner = 'front') =>
    ({ id, name: `S${id}`, scheme, asOf, owner, demo: true, createdAt: '', createdBy: 'central', levels: {} }) as SnapshotSummary;
  const list = [summary(3, 'legacy63', '2022-08-12', 'all'), summary(2, 'legacy63', '2022-08-12'), summary(1, 'legacy63', '2022-08-12')];

  it('takes the newest snapshot of the same scheme, date and owner', () => {
    expect(snapshotFor(list, { scheme: 'legacy63', asOf: '2022-08-12' })?.id).toBe(2);
    expect(snapshotFor(list, { scheme: 'legacy63', asOf: '2022-08-12' }, 'all')?.id).toBe(3);
    expect(snapshotFor(list, { scheme: 'reform34', asOf: '2022-08-12' })).toBeNull();
    expect(snapshotFor(list, { scheme: 'legacy63', asOf: '2022-08-13' })).toBeNull();
  });
});

describe('revisionText', () => {
  it('gives both numbers and the snapshot date', () => {
    const revision = { level: 'district' as const, measure: 'covered' as const, frozen: 548, live: 549 };
    expect(revisionText(revision, '2022-08-12', 'Quận, huyện', revisionMessages.vi, 'vi')).toBe('Quận, huyện có trang: 548 → 549, cập nhật sau khi chốt số liệu 12/08/2022');
    expect(revisionText({ ...revision, frozen: 1548, live: 1549 }, '2022-08-12', 'Districts', revisionMessages.en, 'en')).toBe(
      'Districts with a page: 1,548 → 1,549, updated after the snapshot of 12 Aug 2022',
    );
  });
});
