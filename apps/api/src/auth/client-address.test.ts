import { describe, expect, it } from 'vitest';
import { normalizeAddress } from './client-address';
import { delayAfter } from './throttle';

describe('normalizeAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['203.0.113.7:51234', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2::99', '2001:db8:1:2::/64'],
    ['[2001:db8::1]:443', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['unknown', 'other:unknown'],
  ])('%s counts as %s', (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });
});

describe('delayAfter', () => {
  it('is free for the first failures, then doubles from 1 s up to the cap', () => {
    expect([0, 4, 5, 6, 7, 8, 14, 15, 100].map((n) => delayAfter(n, 5, 900))).toEqual([0, 0, 1, 2, 4, 8, 512, 900, 900]);
  });
});
