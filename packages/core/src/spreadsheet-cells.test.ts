import { describe, expect, it } from 'vitest';
import { neutraliseCell } from './spreadsheet-cells';

describe('neutraliseCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+84 912', "'+84 912"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['Hà Nội', 'Hà Nội'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('quotes text a spreadsheet would run as a formula: %j → %j', (input, output) => expect(neutraliseCell(input)).toBe(output));
});
