import { metricBodySchema } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { metricsFormFrom, parseCount, toMetricInput } from './metrics-form';

describe('parseCount', () => {
  it.each([
    ['1.234', 1234],
    ['1,234', 1234],
    ['12 345 678', 12345678],
    [' 12 ', 12],
    ['0', 0],
    ['-3', -3],
    ['1.5', 1.5],
    ['1.23', 1.23],
  ])('reads %s as %s', (text, value) => {
    expect(parseCount(text)).toBe(value);
  });

  it.each(['1,5', 'abc', '12a', '1.2.3'])('reads %s as not a number', (text) => {
    expect(parseCount(text)).toBeNaN();
  });

  it('reads a blank as missing', () => {
    expect(parseCount('  ')).toBeUndefined();
  });
});

describe('toMetricInput', () => {
  it('sends blank optional fields as null and passes the API schema', () => {
    const body = toMetricInput({ followers: '1.234', posts: '7', interactions: '56', views: '', lastPostOn: '' });
    expect(body).toEqual({ followers: 1234, posts: 7, interactions: 56, views: null, lastPostOn: null });
    expect(metricBodySchema.safeParse(body).success).toBe(true);
  });

  it('round-trips stored figures', () => {
    const stored = { month: '2025-05', followers: 1448, posts: 5, interactions: 121, views: 2166, lastPostOn: '2025-05-30', source: 'import' as const };
    expect(toMetricInput(metricsFormFrom(stored))).toEqual({ followers: 1448, posts: 5, interactions: 121, views: 2166, lastPostOn: '2025-05-30' });
  });
});
