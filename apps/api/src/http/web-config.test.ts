import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { ConfigError, loadConfig } from '../config';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from '../test/temp-db';
import { tileSource, webAppCsp } from './web-config';

const OSM = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const POLICY_WITHOUT_TILES =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let web: string;
beforeAll(() => {
  temp = makeTempDir();
  db = openDatabase(temp.path());
  web = join(temp.dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Trang cộng đồng MTTQ</title>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log("hi")');
});
afterAll(() => {
  db.close();
  temp.cleanup();
});

describe('GET /api/web-config', () => {
  it('says there is no tile layer by default, to a visitor without a session', async () => {
    const app = createApp({ db, webDist: web });
    expect((await app.request('/api/v1/coverage')).status).toBe(401);
    const response = await app.request('/api/web-config');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ mapTileUrl: null, mapTileAttribution: null, publicRead: false });
  });

  it('hands the configured tile layer and its attribution to the web app', async () => {
    const app = createApp({ db, webDist: web, webConfig: { mapTileUrl: OSM, mapTileAttribution: '© OpenStreetMap contributors' } });
    expect(await (await app.request('/api/web-config')).json()).toEqual({ mapTileUrl: OSM, mapTileAttribution: '© OpenStreetMap contributors', publicRead: false });
  });

  it('tells the web app whether visitors without a session may read (PUBLIC_READ=1)', async () => {
    expect(await (await createApp({ db, webDist: web, publicRead: true }).request('/api/web-config')).json()).toMatchObject({ publicRead: true });
  });
});

describe('the Content-Security-Policy of the web app', () => {
  it.each(['/', '/map', '/province/01?scheme=legacy63', '/assets/app.js'])('allows only the own origin on %s when no tiles are configured', async (path) => {
    const response = await createApp({ db, webDist: web }).request(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(POLICY_WITHOUT_TILES);
  });

  it('allows images from the tile server, and nothing else from it, when tiles are configured', async () => {
    const app = createApp({ db, webDist: web, webConfig: { mapTileUrl: 'https://{s}.tile.example.org:8443/{z}/{x}/{y}.png', mapTileAttribution: null } });
    const policy = (await app.request('/map')).headers.get('content-security-policy')!;
    expect(policy).toContain("img-src 'self' data: blob: https://*.tile.example.org:8443;");
    expect(policy.split('; ').filter((directive) => directive.includes('example.org'))).toHaveLength(1);
    expect(policy).toContain("connect-src 'self';");
  });

  it('keeps the stricter policy of the API docs page and sets none on API answers', async () => {
    const app = createApp({ db, webDist: web });
    const docs = await app.request('/api/docs');
    expect(docs.headers.get('content-security-policy')).toBeNull();
    expect(await docs.text()).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`);
    expect((await app.request('/api/web-config')).headers.get('content-security-policy')).toBeNull();
  });
});

describe('tileSource', () => {
  it.each([
    [OSM, 'https://tile.openstreetmap.org'],
    ['https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', 'https://*.tile.openstreetmap.org'],
    ['http://tiles.intranet.local:8080/osm/{z}/{x}/{-y}.png', 'http://tiles.intranet.local:8080'],
    ['HTTPS://Tiles.Example.ORG/{z}/{x}/{y}@2x.png?key=abc', 'https://tiles.example.org'],
    ['http://10.0.0.5/{z}/{x}/{y}.png', 'http://10.0.0.5'],
  ])('%s → %s', (template, source) => {
    expect(tileSource(template)).toBe(source);
    expect(webAppCsp({ mapTileUrl: template, mapTileAttribution: null })).toContain(`img-src 'self' data: blob: ${source};`);
  });
});

describe('MAP_TILE_URL and MAP_TILE_ATTRIBUTION at start-up', () => {
  it('leaves the tile layer off when unset or empty', () => {
    expect(loadConfig({})).toMatchObject({ mapTileUrl: null, mapTileAttribution: null });
    expect(loadConfig({ MAP_TILE_URL: '  ', MAP_TILE_ATTRIBUTION: '' })).toMatchObject({ mapTileUrl: null, mapTileAttribution: null });
  });

  it('takes a valid template and its attribution', () => {
    expect(loadConfig({ MAP_TILE_URL: ` ${OSM} `, MAP_TILE_ATTRIBUTION: '© OpenStreetMap' })).toMatchObject({ mapTileUrl: OSM, mapTileAttribution: '© OpenStreetMap' });
  });

  it.each([
    ['tile.openstreetmap.org/{z}/{x}/{y}.png', 'must start with http:// or https://'],
    ['ftp://tiles.example.org/{z}/{x}/{y}.png', 'must start with http:// or https://'],
    ['https://tiles.example.org/{z}/{x}.png', 'must contain {z}, {x} and {y}'],
    ['https://tiles.example.org/tile.png', 'must contain {z}, {x} and {y}'],
    ['https://tiles.example.org/{z}/{x}/{y}.png?style=a b', 'must not contain spaces'],
    ['https://user:secret@tiles.example.org/{z}/{x}/{y}.png', 'must not contain a user name or password'],
    ['https://a.{s}.example.org/{z}/{x}/{y}.png', 'only in its first part'],
    ['https://{s}/{z}/{x}/{y}.png', 'only in its first part'],
    ['https:///{z}/{x}/{y}.png', 'has a host name that is not valid'],
    ["https://x.org';script-src/{z}/{x}/{y}.png", 'has a host name that is not valid'],
    ['https://x.org:99999/{z}/{x}/{y}.png', 'has a host name that is not valid'],
  ])('refuses %s, saying it %s', (value, problem) => {
    expect(() => loadConfig({ MAP_TILE_URL: value })).toThrow(ConfigError);
    expect(() => loadConfig({ MAP_TILE_URL: value })).toThrow('Invalid MAP_TILE_URL: ');
    expect(() => loadConfig({ MAP_TILE_URL: value })).toThrow(problem);
  });

  it('refuses an attribution longer than 1000 characters', () => {
    expect(() => loadConfig({ MAP_TILE_URL: OSM, MAP_TILE_ATTRIBUTION: 'x'.repeat(1001) })).toThrow('Invalid MAP_TILE_ATTRIBUTION: must have at most 1000 characters');
    expect(loadConfig({ MAP_TILE_URL: OSM, MAP_TILE_ATTRIBUTION: 'x'.repeat(1000) }).mapTileAttribution).toHaveLength(1000);
  });
});
