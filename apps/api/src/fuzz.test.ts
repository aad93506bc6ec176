/**
 * Fuzzes every GET endpoint of /api/openapi.json on the real app over the shared demo database.
 * Endpoints are read from the document at run time, so a new route is fuzzed the day it lands.
 *
 * Per endpoint a few hundred query strings from a seeded PRNG (FUZZ_SEED to replay): valid enum
 * combinations, one bad value among valid ones, unknown and repeated parameters, empty, huge,
 * emoji, NFD Vietnamese, SQL, `%00`, `%zz`, bad numbers and impossible dates. Path parameters get
 * real codes and ids most of the time and hostile values otherwise.
 *
 * The rule (DESIGN.md §6): never a 500; anything but 2xx is a 400 or 404 in the one error
 * envelope with no stack trace, and a 400 names the parameter to change.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { signInAs } from './test/auth';
import { openDemoApp } from './test/demo-app';

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  method: string;
  /** As in the document, e.g. /units/{code} */
  path: string;
  parameters: Parameter[];
}
interface Spec {
  servers?: { url: string }[];
  paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
}

const SEED = Number(process.env.FUZZ_SEED ?? 20_220_812);
const REQUESTS_PER_ENDPOINT = 300;
const STACK_TRACE = /at .*\.ts:\d+/;

const demo = openDemoApp({ defaultScheme: 'legacy63' });
// Signed in as an admin, so routes that need a role are fuzzed past their access check too.
const admin = await signInAs(demo.db, 'admin');
afterAll(() => demo.close());
const spec = (await (await demo.app.request('/api/openapi.json')).json()) as Spec;
const BASE = spec.servers?.[0]?.url.replace(/\/$/, '') ?? '/api/v1';

/** Only GET is fuzzed: the read API is all GET, and writes need bodies and their own tests. */
const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => method === 'get')
    .map(([method, op]) => ({ method, path, parameters: op.parameters ?? [] })),
);

// ---- deterministic randomness --------------------------------------------------------------

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, chance: (p: number) => next() < p, pick: <T>(values: readonly T[]): T => values[int(values.length)]! };
}
type Random = ReturnType<typeof createRandom>;

/** FNV-1a, so each endpoint has its own stream: a new endpoint does not reshuffle the others. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// ---- value pools ---------------------------------------------------------------------------

/** Hostile text, sent percent-encoded. */
const HOSTILE_TEXT = [
  '',
  ' ',
  'x'.repeat(10_000),
  '🇻🇳👍🏽',
  'Hà Nội'.normalize('NFD'),
  'Thành phố Hồ Chí Minh',
  'Đắk Lắk'.normalize('NFD'),
  "' OR 1=1 --",
  '1; DROP TABLE units; --',
  "legacy63' UNION SELECT sql FROM sqlite_schema --",
  '" OR ""="',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '\u0000',
  '\u202e01',
  '\ufefflegacy63',
  'a\r\nSet-Cookie: x=1',
];
/** Sent as they are: broken or sneaky percent-encoding. */
const RAW_HOSTILE = ['%00', '%zz', '%', '%%', '%2', '%E0%A4%A', '%C0%AF', '%FF%FE', '%ED%A0%80', 'a%00b', '+', '%2B', '%26', '%3D', '%23', 'legacy63%00', '%u0041'];
const BAD_NUMBERS = ['-1', '0', '-0', '1.5', '1e3', '1e309', '99999999999999999999', '9007199254740993', 'NaN', 'Infinity', '-Infinity', '0x10', ' 5', '5 ', '1_000', '١٢', '5abc', '1,000'];
const BAD_DATES = [
  '2022-02-30',
  '9999-99-99',
  '2022-08-12T00:00',
  '2022-08-12T00:00:00Z',
  '0000-00-00',
  '2022-2-3',
  '20220812',
  '2022/08/12',
  '12-08-2022',
  '2022-13-01',
  '2022-00-10',
  '2023-02-29',
  '+02022-08-12',
  '2022-08-12 ',
  '２０２２-08-12',
  '1900-01-01',
  '2999-12-31',
];
/** Real dates, some outside a scheme's validity (a 400 naming asOf is the right answer then). */
const GOOD_DATES = ['2021-07-31', '2022-08-12', '2024-02-29', '2024-12-31', '2025-06-30', '2025-07-01', '2026-11-27', '2019-12-31'];
const GOOD_MONTHS = ['2021-07', '2024-02', '2025-06', '2025-07'];
const BAD_MONTHS = ['2024-13', '2024-00', '2024-1', '202401', '9999-99'];
const UNKNOWN_KEYS = ['foo', 'limit', 'offset', 'page', 'sort', 'q', 'Scheme', 'ASOF', 'scheme[]', 'level.x', '__proto__', 'constructor', 'toString', '🇻🇳', 'tỉnh', 'x'.repeat(10_000)];
const SAMPLE_TEXT = ['Hà Nội', 'ha noi', 'Ba Đình', 'hoan kiem', 'a', 'Hồ Chí Minh'];

/** Real codes and ids of the demo database: path parameters and `parent` need them to get past 404. */
function realValues(): string[] {
  const codes = demo.db
    .prepare(
      `SELECT code FROM (
         SELECT code, row_number() OVER (PARTITION BY scheme, level ORDER BY code) AS n FROM units
       ) WHERE n IN (1, 2, 7, 30)`,
    )
    .pluck()
    .all() as string[];
  const pageIds = demo.db.prepare('SELECT id FROM pages ORDER BY id LIMIT 3').pluck().all() as number[];
  return [...new Set([...codes, ...pageIds.map(String), 'legacy63', 'reform34', ...GOOD_DATES.slice(0, 3), ...GOOD_MONTHS.slice(0, 2)])];
}
const REAL_VALUES = realValues();

const regexOf = (schema: Schema | undefined) => {
  try {
    return schema?.pattern ? new RegExp(schema.pattern) : null;
  } catch {
    return null;
  }
};
const typesOf = (schema: Schema | undefined) => (Array.isArray(schema?.type) ? schema.type : schema?.type ? [schema.type] : []);

/** Values the schema accepts (or that look right to a user), unencoded. */
function validValues(schema: Schema | undefined): string[] {
  if (!schema) return SAMPLE_TEXT;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.flatMap(validValues);
  if (schema.enum) return schema.enum.map(String);
  const types = typesOf(schema);
  if (types.includes('array')) return validValues(schema.items);
  if (types.includes('boolean')) return ['true', 'false'];
  if (types.includes('integer') || types.includes('number')) {
    const min = schema.minimum ?? 1;
    const max = schema.maximum ?? Math.max(min + 100, 100);
    return [...new Set([min, max, Math.round((min + max) / 2), Math.min(max, min + 1), Math.min(max, 10)])].map(String);
  }
  const pattern = regexOf(schema);
  const candidates = [...GOOD_DATES, ...GOOD_MONTHS, ...REAL_VALUES, ...SAMPLE_TEXT];
  if (pattern) {
    const matching = candidates.filter((v) => pattern.test(v));
    if (matching.length > 0) return matching;
  }
  if (schema.format === 'date') return GOOD_DATES;
  if (schema.default !== undefined) return [String(schema.default)];
  return SAMPLE_TEXT;
}

/** Values aimed at this parameter's type: bad numbers, impossible dates and months, hostile text. */
function targetedBadValues(schema: Schema | undefined): string[] {
  const types = typesOf(schema);
  const pattern = regexOf(schema);
  const bad = [...HOSTILE_TEXT];
  if (types.includes('integer') || types.includes('number')) bad.push(...BAD_NUMBERS);
  if (schema?.format === 'date' || pattern?.test('2022-08-12')) bad.push(...BAD_DATES, ...BAD_DATES);
  if (pattern?.test('2024-02')) bad.push(...BAD_MONTHS);
  if (schema?.enum) bad.push(...schema.enum.map((v) => String(v).toUpperCase()), ...schema.enum.map((v) => ` ${String(v)}`));
  return bad;
}

// ---- building requests ---------------------------------------------------------------------

/** One `key=value` of a query string, both parts already encoded (or raw on purpose). */
interface Piece {
  key: string;
  value?: string;
}
const enc = encodeURIComponent;

function anyValue(random: Random, parameters: Parameter[]): string {
  const roll = random.int(5);
  if (roll === 0) return random.pick(RAW_HOSTILE);
  if (roll === 1) return enc(random.pick(HOSTILE_TEXT));
  if (roll === 2) return enc(random.pick([...BAD_NUMBERS, ...BAD_DATES]));
  const parameter = parameters.length > 0 ? random.pick(parameters) : undefined;
  return enc(random.pick(roll === 3 ? validValues(parameter?.schema) : targetedBadValues(parameter?.schema)));
}

function validPieces(random: Random, query: Parameter[], share: number): Piece[] {
  return query.filter((p) => p.required || random.chance(share)).map((p) => ({ key: enc(p.name), value: enc(random.pick(validValues(p.schema))) }));
}

/** One random query string; each of the modes below stresses one kind of mistake. */
function buildQuery(random: Random, query: Parameter[]): string {
  const names = query.map((p) => p.name);
  let pieces: Piece[];
  switch (random.int(9)) {
    case 0: // a valid combination of enum and real values
    case 1:
      pieces = validPieces(random, query, 0.6);
      break;
    case 2: {
      // valid values with exactly one bad one
      pieces = validPieces(random, query, 0.5);
      if (query.length > 0) {
        const target = random.pick(query);
        pieces = pieces.filter((p) => p.key !== enc(target.name));
        const value = random.chance(0.25) ? random.pick(RAW_HOSTILE) : enc(random.pick(targetedBadValues(target.schema)));
        pieces.splice(random.int(pieces.length + 1), 0, { key: enc(target.name), value });
      }
      break;
    }
    case 3: // unknown parameters, alone or among valid ones
      pieces = [...validPieces(random, query, 0.4), { key: enc(random.pick(UNKNOWN_KEYS)), value: anyValue(random, query) }];
      break;
    case 4: {
      // the same parameter twice or three times: scheme=a&scheme=b
      pieces = validPieces(random, query, 0.3);
      const name = enc(names.length > 0 ? random.pick(names) : 'scheme');
      const parameter = query.find((p) => enc(p.name) === name);
      for (let n = 2 + random.int(2); n > 0; n -= 1) pieces.push({ key: name, value: enc(random.pick(validValues(parameter?.schema))) });
      break;
    }
    case 5: // empty values, bare keys, stray separators
      pieces = (names.length > 0 ? names : ['scheme']).filter(() => random.chance(0.5)).map((name) => (random.chance(0.5) ? { key: enc(name), value: '' } : { key: enc(name) }));
      pieces.push(random.pick<Piece>([{ key: '' }, { key: '', value: 'x' }, { key: '', value: '' }, { key: '&' }]));
      break;
    case 6: {
      // one huge value or key (10,000 characters)
      pieces = validPieces(random, query, 0.4);
      const huge = random.pick(['9'.repeat(10_000), 'x'.repeat(10_000), enc('ộ'.repeat(3_000)), '%zz'.repeat(3_000)]);
      if (random.chance(0.8) && names.length > 0) pieces.push({ key: enc(random.pick(names)), value: huge });
      else pieces.push({ key: huge, value: '1' });
      break;
    }
    default: {
      // soup: several random keys, known and unknown, with anything as values
      pieces = [];
      for (let n = 1 + random.int(5); n > 0; n -= 1) {
        const key = random.chance(0.7) && names.length > 0 ? enc(random.pick(names)) : random.chance(0.2) ? random.pick(RAW_HOSTILE) : enc(random.pick(UNKNOWN_KEYS));
        pieces.push({ key, value: anyValue(random, query) });
      }
    }
  }
  return pieces.map((p) => (p.value === undefined ? p.key : `${p.key}=${p.value}`)).join('&');
}

const PATH_HOSTILE = [...HOSTILE_TEXT.filter((v) => v !== '').map(enc), ...RAW_HOSTILE.filter((v) => v !== '%23'), '..', '%2e%2e', '%2F', 'a%2Fb', ...BAD_NUMBERS.map(enc)];

function buildPath(random: Random, op: Operation): string {
  return BASE + op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = op.parameters.find((p) => p.in === 'path' && p.name === name);
    return random.chance(0.8) ? enc(random.pick(validValues(parameter?.schema))) : random.pick(PATH_HOSTILE);
  });
}

// ---- checking answers ----------------------------------------------------------------------

/** The answer's status and text, and what is wrong with it (null when it follows the rule). */
async function requestAndCheck(op: Operation, url: string): Promise<{ status: number; text: string; problem: string | null }> {
  const response = await demo.app.request(url, { headers: admin.headers });
  const text = await response.text();
  return { status: response.status, text, problem: problemWith(op, url, response.status, text, response.headers.get('content-type') ?? '') };
}

function problemWith(op: Operation, url: string, status: number, text: string, contentType: string): string | null {
  if (status >= 200 && status < 300) {
    // Downloads (CSV, XLSX) are files, not JSON.
    if (!contentType.includes('json')) return /csv|spreadsheetml/.test(contentType) ? null : `${status} with content-type ${contentType}`;
    try {
      JSON.parse(text);
      return null;
    } catch {
      return `${status} with a body that is not JSON`;
    }
  }
  if (status !== 400 && status !== 404) return `status ${status}`;
  if (STACK_TRACE.test(text)) return `${status} with a stack trace`;
  let body: { error?: { code?: unknown; message?: unknown; details?: unknown } };
  try {
    body = JSON.parse(text);
  } catch {
    return `${status} with a body that is not JSON`;
  }
  const error = body.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string' || !Array.isArray(error.details)) {
    return `${status} without the { error: { code, message, details } } envelope`;
  }
  if (Object.keys(body).length !== 1) return `${status} with extra top-level keys ${Object.keys(body).join(', ')}`;
  if (status === 400) {
    const known = new Set(op.parameters.map((p) => p.name));
    const sent = new Set(sentKeys(url));
    const isNamed = (path: unknown) => {
      if (typeof path !== 'string' || path === '') return false;
      const head = path.split('.')[0]!;
      // Long hostile names come back shortened to their first characters and an ellipsis.
      if (path.endsWith('…')) return [...sent].some((name) => name.startsWith(path.slice(0, -1)));
      return [path, head].some((name) => known.has(name) || sent.has(name));
    };
    const message = error.message;
    const inMessage = [...known].some((name) => new RegExp(`(^|[^\\w])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w]|$)`).test(message));
    if (!(error.details as { path?: unknown }[]).some((d) => isNamed(d?.path)) && !inMessage) return '400 that names no parameter in details or message';
  }
  return null;
}

/** The query keys of a URL as sent and as the server decodes them (`+` is a space, bad `%` kept). */
function sentKeys(url: string): string[] {
  const at = url.indexOf('?');
  if (at === -1) return [];
  return url
    .slice(at + 1)
    .split('&')
    .map((piece) => piece.split('=')[0]!)
    .flatMap((key) => [key, decodeLeniently(key.replace(/\+/g, ' '))]);
}

function decodeLeniently(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

const show = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);

describe('fuzzing the read API from its OpenAPI document', () => {
  it('finds endpoints in the document', () => {
    expect(operations.map((op) => op.path)).toContain('/coverage');
  });

  it.each(operations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
    '%s answers every hostile query with 2xx or a 400/404 envelope naming the parameter, never a 500',
    async (_, op) => {
      const random = createRandom(SEED ^ hash(`${op.method} ${op.path}`));
      const query = op.parameters.filter((p) => p.in === 'query');
      const problems: string[] = [];
      const statuses: Record<number, number> = {};
      for (let i = 0; i < REQUESTS_PER_ENDPOINT; i += 1) {
        const url = `${buildPath(random, op)}?${buildQuery(random, query)}`;
        const { status, text, problem } = await requestAndCheck(op, url);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (problem) problems.push(`GET ${show(url)}\n  → ${problem}: ${show(text)}`);
      }
      expect(problems, `FUZZ_SEED=${SEED}; ${problems.length} of ${REQUESTS_PER_ENDPOINT} requests broke the rule:\n${problems.slice(0, 8).join('\n')}`).toEqual([]);
      // The fuzz must reach both the validator and, where no path parameter can miss, the handler.
      if (query.length > 0) expect(statuses[400] ?? 0, JSON.stringify(statuses)).toBeGreaterThan(0);
      if (!op.path.includes('{')) expect(statuses[200] ?? 0, JSON.stringify(statuses)).toBeGreaterThan(0);
    },
  );
});

describe('valid requests', () => {
  const province = demo.db.prepare("SELECT code FROM units WHERE scheme = 'legacy63' AND level = 'province' ORDER BY code LIMIT 1").pluck().get() as string;
  const explicit = [
    '/coverage',
    '/coverage?scheme=legacy63&asOf=2022-08-12&level=province',
    `/coverage?scheme=legacy63&asOf=2024-12-31&level=commune&parent=${province}`,
    `/coverage?scheme=legacy63&level=district&parent=${province}&owner=youth_union`,
    '/coverage?scheme=reform34&asOf=2025-07-01&level=commune&owner=all&platform=zalo',
    ...operations.filter((op) => !op.path.includes('{') && !op.parameters.some((p) => p.required)).map((op) => op.path),
  ].filter((url) => url.split('?')[0]! in spec.paths);

  it.each([...new Set(explicit)])('GET %s answers 200 with JSON, or a CSV/XLSX file for downloads', async (url) => {
    const response = await demo.app.request(BASE + url, { headers: admin.headers });
    const type = response.headers.get('content-type') ?? '';
    const text = await response.text();
    expect(response.status, text.slice(0, 300)).toBe(200);
    if (url.startsWith('/exports/')) expect(type).toMatch(/text\/csv|spreadsheetml/);
    else expect(JSON.parse(text)).toBeTypeOf('object');
  });
});
