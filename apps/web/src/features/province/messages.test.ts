import { describe, expect, it } from 'vitest';
import { registryMessages } from '../registry/messages';
import { provinceMessages } from './messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each([
  ['province', provinceMessages],
  ['registry', registryMessages],
] as const)('the %s catalogue', (_, catalogue) => {
  it('has the same keys in Vietnamese and English', () => {
    expect(Object.keys(catalogue.en).sort()).toEqual(Object.keys(catalogue.vi).sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(catalogue.vi) as Array<keyof typeof catalogue.vi>) {
      expect(placeholders(catalogue.en[key]), key).toEqual(placeholders(catalogue.vi[key]));
    }
  });

  it('has no empty text', () => {
    for (const text of [...Object.values(catalogue.vi), ...Object.values(catalogue.en)]) expect(text.trim()).not.toBe('');
  });
});
