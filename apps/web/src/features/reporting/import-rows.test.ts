import type { ImportHeader, ImportRowResult, ImportTotals } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { defaultRowFilter, filterImportRows, hasAmbiguousColumns, hasChanges, hasEveryRow, initialChoices, MANY_ROWS, repeatedChoices } from './import-rows';

const row = (n: number, outcome: ImportRowResult['outcome']): ImportRowResult => ({
  row: n,
  outcome,
  unit: null,
  pageId: null,
  url: null,
  changes: [],
  errors: outcome === 'error' ? [{ column: 'Đường dẫn trang', message: 'Đường dẫn phải bắt đầu bằng http(s)://', key: 'import_url_invalid', params: {}, candidates: [] }] : [],
  warnings: [],
  changeMessages: [],
  warningMessages: [],
});
const rows = [row(2, 'create'), row(3, 'error'), row(4, 'unchanged'), row(5, 'metrics')];
const totals = (changes: Partial<ImportTotals>): { totals: ImportTotals } => ({
  totals: { rows: 4, create: 0, update: 0, metrics: 0, unchanged: 0, error: 0, metricSnapshots: 0, statusEvents: 0, ...changes },
});

describe('filterImportRows', () => {
  it.each([
    ['all', [2, 3, 4, 5]],
    ['changes', [2, 3, 5]],
    ['error', [3]],
  ] as const)('%s', (filter, expected) => {
    expect(filterImportRows(rows, filter).map((r) => r.row)).toEqual(expected);
  });
});

describe('defaultRowFilter', () => {
  it('opens on the errors when there are any', () => {
    expect(defaultRowFilter(totals({ error: 1, create: 2 }))).toBe('error');
  });
  it('opens a big file on its changes, a small one on everything', () => {
    expect(defaultRowFilter(totals({ rows: MANY_ROWS + 1, unchanged: MANY_ROWS }))).toBe('changes');
    expect(defaultRowFilter(totals({ rows: MANY_ROWS }))).toBe('all');
  });
});

describe('hasEveryRow and hasChanges', () => {
  it('tells a small file answered whole from a big one read page by page', () => {
    expect(hasEveryRow({ rows, ...totals({ rows: 4 }) })).toBe(true);
    expect(hasEveryRow({ rows, ...totals({ rows: 250 }) })).toBe(false);
  });
  it('says whether committing writes anything', () => {
    expect(hasChanges(totals({ unchanged: 4 }))).toBe(false);
    expect(hasChanges(totals({ metrics: 1 }))).toBe(true);
  });
});

describe('the mapping step', () => {
  const headers: ImportHeader[] = [
    { index: 0, header: 'Xã', key: 'commune', reading: 'meaning', samples: ['Xã Hữu Liên'] },
    { index: 1, header: 'Đơn vị cơ sở', key: null, reading: 'unknown', samples: ['06385'] },
    { index: 3, header: 'Link fanpage', key: 'url', reading: 'ambiguous', samples: [] },
    { index: 4, header: 'Địa chỉ trang', key: null, reading: 'ambiguous', samples: [] },
    { index: 5, header: 'Kết quả kiểm tra', key: null, reading: 'result', samples: ['Sẽ thêm'] },
  ];

  it('starts from what each column was read as, unread columns left out and the result column not offered', () => {
    expect(initialChoices(headers)).toEqual({ 0: 'commune', 1: 'ignore', 3: 'url', 4: 'ignore' });
  });

  it('names a column key chosen twice, never "ignore"', () => {
    expect(repeatedChoices({ 0: 'url', 1: 'ignore', 3: 'url', 4: 'ignore' })).toEqual(['url']);
    expect(repeatedChoices({ 0: 'commune', 1: 'communeCode', 3: 'url', 4: 'ignore' })).toEqual([]);
  });

  it('holds the commit while two columns of one meaning are unsettled', () => {
    expect(hasAmbiguousColumns({ file: { headers } } as never)).toBe(true);
    expect(hasAmbiguousColumns({ file: { headers: headers.slice(0, 2) } } as never)).toBe(false);
  });
});
