import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePlan, encodePlan } from './plan-codec';
import type { ImportPlan } from './plan';

const plan = {
  id: '6f1c2a9e-0000-4000-8000-000000000001',
  userId: 7,
  access: '["province",[{"scheme":"reform34","code":"51"}]]',
  scheme: 'reform34',
  effectiveOn: '2026-11-27',
  fileName: 'Quảng Ngãi tháng 11.xlsx',
  expiresAt: 1_796_000_000_000,
  changes: [{ rows: [2], pageId: null, unit: { code: '21025' }, after: { platform: 'facebook', url: 'https://www.facebook.com/mttq.test', name: 'Mặt trận Tổ quốc xã Tịnh Ấn Tây', owner: 'front', launchedOn: '2022-03-15' }, metrics: [], before: null, months: [] }],
  errorRows: [],
  totals: { rows: 1, create: 1, update: 0, metrics: 0, unchanged: 0, error: 0, metricSnapshots: 0, statusEvents: 1 },
} as unknown as ImportPlan;

describe('the stored form of a plan', () => {
  it('gives back an equal plan, Vietnamese text included, in fewer bytes than its JSON', async () => {
    const bytes = await encodePlan(plan);
    expect(await decodePlan(bytes)).toEqual(plan);
    expect(bytes.byteLength).toBeLessThan(JSON.stringify(plan).length);
  });

  it('still reads a plan stored as gzipped JSON by the previous version', async () => {
    const old = await promisify(gzip)(Buffer.from(JSON.stringify(plan), 'utf8'));
    expect(await decodePlan(old)).toEqual(plan);
  });
});
