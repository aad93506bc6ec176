import { copyFileSync } from 'node:fs';
import type { SchemeId } from '@mttq/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Db } from '../db/connection';
import { ApiError } from '../http/errors';
import { createServices, type Services } from '../http/services';
import { makeTempDir } from '../test/temp-db';
import { assertCanWriteUnit, requireRole, type Role, type SessionUser } from './user';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let services: Services;
beforeAll(() => {
  temp = makeTempDir('mttq-user-');
  copyFileSync(inject('demoDbPath'), temp.path());
  db = openDatabase(temp.path());
  services = createServices(db);
});
afterAll(() => {
  db.close();
  temp.cleanup();
});

const user = (role: Role, scope: string | null = null): SessionUser => ({
  id: 1,
  username: role,
  role,
  scopes: scope ? [{ scheme: scope.split(':')[0] as SchemeId, code: scope.split(':')[1]! }] : [],
});

/** The status assertCanWriteUnit answers: 200 when allowed, else the ApiError's. */
function writeStatus(who: SessionUser | null, unit: string): number {
  const [scheme, code] = unit.split(':') as [SchemeId, string];
  try {
    assertCanWriteUnit(services, who, scheme, code);
    return 200;
  } catch (error) {
    if (error instanceof ApiError) return error.status;
    throw error;
  }
}

describe('assertCanWriteUnit', () => {
  // Quảng Ngãi is legacy63:51; its district 522 holds the commune 21010. Hà Nội is 01.
  it.each([
    ['admin', null, 'legacy63:01', 200],
    ['central', null, 'reform34:51', 200],
    ['viewer', null, 'legacy63:51', 403],
    ['province', 'legacy63:51', 'legacy63:51', 200],
    ['province', 'legacy63:51', 'legacy63:522', 200],
    ['province', 'legacy63:51', 'legacy63:21010', 200],
    ['province', 'legacy63:51', 'legacy63:01', 403],
    ['province', 'legacy63:51', 'legacy63:00001', 403],
    // Across the reform, through the crosswalk: Quảng Ngãi and Kon Tum (62) became reform34:51.
    ['province', 'legacy63:51', 'reform34:51', 200],
    ['province', 'legacy63:51', 'reform34:21025', 200],
    ['province', 'legacy63:62', 'reform34:21025', 200],
    ['province', 'legacy63:51', 'reform34:01', 403],
    ['province', 'reform34:51', 'legacy63:62', 200],
    ['province', 'reform34:51', 'legacy63:21010', 200],
    ['province', 'reform34:51', 'legacy63:01', 403],
    ['province', 'legacy63:522', 'legacy63:21010', 200],
    ['province', 'legacy63:522', 'legacy63:51', 403],
    // A district: the new communes that succeeded its communes (21010 → 21028, 21019 → 21025), no more.
    ['province', 'legacy63:522', 'reform34:21028', 200],
    ['province', 'legacy63:522', 'reform34:21025', 200],
    ['province', 'legacy63:522', 'reform34:51', 403],
    ['province', 'legacy63:522', 'reform34:00097', 403],
    // A reform34 commune: the old communes wholly merged into it.
    ['province', 'reform34:21025', 'legacy63:21019', 200],
    ['province', 'reform34:21025', 'legacy63:21010', 403],
    ['province', 'reform34:21025', 'reform34:21028', 403],
  ] as const)('lets a %s scoped to %s write for %s: %i', (role, scope, unit, status) => {
    expect(writeStatus(user(role, scope), unit)).toBe(status);
  });

  it('asks a signed-out request to sign in (401)', () => {
    expect(writeStatus(null, 'legacy63:51')).toBe(401);
  });

  it("names the officer's scope and the unit in the refusal", () => {
    expect(() => assertCanWriteUnit(services, user('province', 'legacy63:51'), 'legacy63', '01')).toThrow(
      'Your scope is legacy63:51 (Tỉnh Quảng Ngãi); legacy63:01 is outside it. Ask central staff to make this change.',
    );
  });
});

describe('requireRole', () => {
  it('names the roles needed and the role held', () => {
    expect(() => requireRole(user('viewer'), ['admin', 'central'])).toThrow('This needs the role admin or central; you are signed in as viewer.');
    expect(requireRole(user('central'), ['admin', 'central']).role).toBe('central');
  });
});
