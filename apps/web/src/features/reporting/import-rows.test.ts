import type { ImportRowResult, ImportTotals } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { defaultRowFilter, errorRowNumbers, filterImportRows, hasChanges, MANY_ROWS } from './import-rows';

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

describe('errorRowNumbers and hasChanges', () => {
  it('lists the rows with errors as the spreadsheet numbers them', () => {
    expect(errorRowNumbers(rows)).toEqual([3]);
  });
  it('says whether committing writes anything', () => {
    expect(hasChanges(totals({ unchanged: 4 }))).toBe(false);
    expect(hasChanges(totals({ metrics: 1 }))).toBe(true);
  });
});
