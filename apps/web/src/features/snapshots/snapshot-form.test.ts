import { describe, expect, it } from 'vitest';
import { snapshotMessages } from './messages';
import { splitServerErrors } from '../../api/server-errors';
import { asOfBounds, emptySnapshotForm, SNAPSHOT_FIELDS, validateSnapshotForm } from './snapshot-form';

const m = snapshotMessages.vi;
const TODAY = '2026-11-27';

describe('emptySnapshotForm', () => {
  it('takes the scheme and date of the dashboard view', () => {
    expect(emptySnapshotForm({ scheme: 'legacy63', asOf: '2022-08-12' }, TODAY)).toEqual({ name: '', scheme: 'legacy63', asOf: '2022-08-12' });
  });

  it('takes today clamped into the scheme when the view has no date', () => {
    expect(emptySnapshotForm({ scheme: 'legacy63', asOf: null }, TODAY).asOf).toBe('2025-06-30');
    expect(emptySnapshotForm({ scheme: 'reform34', asOf: null }, TODAY).asOf).toBe(TODAY);
  });
});

describe('asOfBounds', () => {
  it('ends at the scheme’s last day or today, whichever comes first', () => {
    expect(asOfBounds('legacy63', TODAY)).toEqual({ min: '2008-08-01', max: '2025-06-30' });
    expect(asOfBounds('reform34', TODAY)).toEqual({ min: '2025-07-01', max: TODAY });
  });
});

describe('validateSnapshotForm', () => {
  it('answers the body the API expects, with the default owner', () => {
    expect(validateSnapshotForm({ name: '  Hội nghị trực tuyến toàn quốc 12/08/2022 ', scheme: 'legacy63', asOf: '2022-08-12' }, TODAY, m, 'vi')).toEqual({
      body: { name: 'Hội nghị trực tuyến toàn quốc 12/08/2022', scheme: 'legacy63', asOf: '2022-08-12', owner: 'front' },
    });
  });

  it.each([
    [{ name: '   ' }, { name: 'Hãy đặt tên cho bản chốt, ví dụ theo tên hội nghị.' }],
    [{ name: 'x'.repeat(161) }, { name: 'Tên dài tối đa 160 ký tự.' }],
    [{ asOf: '' }, { asOf: 'Hãy chọn một ngày có thật (ngày/tháng/năm).' }],
    [{ asOf: '2022-02-30' }, { asOf: 'Hãy chọn một ngày có thật (ngày/tháng/năm).' }],
    [{ asOf: '2025-07-01' }, { asOf: 'Ngày phải nằm trong thời gian cơ cấu có hiệu lực: 01/08/2008 – 30/06/2025.' }],
    [{ scheme: 'reform34' as const, asOf: '2026-12-01' }, { asOf: 'Chưa có số liệu của ngày trong tương lai; hãy chọn ngày hôm nay hoặc trước đó.' }],
  ])('names the problem of %o', (change, errors) => {
    expect(validateSnapshotForm({ name: 'Hội nghị', scheme: 'legacy63', asOf: '2022-08-12', ...change }, TODAY, m, 'vi')).toEqual({ errors });
  });

  it('keeps a 160-character name', () => {
    expect(validateSnapshotForm({ name: 'x'.repeat(160), scheme: 'legacy63', asOf: '2022-08-12' }, TODAY, m, 'vi').body?.name).toHaveLength(160);
  });
});

describe('splitServerErrors', () => {
  it('puts a detail next to the field it names and the rest above the form', () => {
    expect(
      splitServerErrors({
        message: 'asOf: 2027-08-12 is in the future',
        details: [
          { path: 'asOf', message: '2027-08-12 is in the future' },
          { path: 'owner', message: 'unknown owner' },
        ],
      }, SNAPSHOT_FIELDS),
    ).toEqual({ fields: { asOf: '2027-08-12 is in the future' }, general: ['owner: unknown owner'] });
  });

  it('shows the message of an answer without details', () => {
    expect(splitServerErrors({ message: 'central staff or admins only', details: [] }, SNAPSHOT_FIELDS)).toEqual({ fields: {}, general: ['central staff or admins only'] });
  });
});
