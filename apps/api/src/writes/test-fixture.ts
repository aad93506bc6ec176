/** A fresh app over a temp SQLite file with both registries and no pages, for write tests. */
import type { Platform, SchemeId } from '@mttq/core';
import { createApp } from '../app';
import type { Role } from '../auth/user';
import { openDatabase, type Db } from '../db/connection';
import { jsonRequest, signInAs, type TestSession } from '../test/auth';
import { makeTempDir } from '../test/temp-db';
import { maybeLoadRegistries } from '../units/load-registries';

/** The fixed "today" of write tests: legacy63 has ended, reform34 is in force. */
export const WRITE_TODAY = '2026-11-27';

export interface Answer {
  status: number;
  body: any;
}

export function openWriteApp(options: { today?: string } = {}) {
  const temp = makeTempDir('mttq-writes-');
  const db: Db = openDatabase(temp.path());
  maybeLoadRegistries(db);
  const app = createApp({ db, publicRead: true, services: { today: () => options.today ?? WRITE_TODAY } });

  async function answer(response: Response): Promise<Answer> {
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : JSON.parse(text) };
  }

  return {
    db,
    app,
    signIn: (role: Role, scope: { scheme: SchemeId; code: string } | null = null): Promise<TestSession> => signInAs(db, role, scope),
    /** A JSON request as a signed-in browser sends it (or signed out without a session). */
    async send(method: string, path: string, body: unknown, session?: TestSession): Promise<Answer> {
      return answer(await app.request(path, jsonRequest(method, body, session)));
    },
    async get(path: string, session?: TestSession): Promise<Answer> {
      return answer(await app.request(path, { headers: session?.headers ?? {} }));
    },
    close() {
      db.close();
      temp.cleanup();
    },
  };
}

export type WriteApp = ReturnType<typeof openWriteApp>;

/**
 * A valid POST /pages body for a legacy63 unit; `handle` makes its URL unique. Tests add many
 * pages to one unit, so the body confirms a second Front page (see the second_front_page test).
 */
export function newPageBody(handle: string, unit: { scheme: SchemeId; code: string } = { scheme: 'legacy63', code: '00001' }, launchedOn = '2022-03-01') {
  return {
    platform: 'facebook' as Platform,
    url: `https://www.facebook.com/${handle}`,
    name: `MTTQ ${handle}`,
    launchedOn,
    unit,
    confirmSecondFrontPage: true,
  };
}
