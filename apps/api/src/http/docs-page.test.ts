import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from '../test/temp-db';
import { docsPage, escapeHtml } from './docs-page';

type Spec = {
  info: { description?: string };
  paths: Record<string, Record<string, { description?: string; parameters?: { name: string; in: string; description?: string }[] }>>;
  components: { schemas: Record<string, { description?: string; properties?: Record<string, { description?: string }> }> };
};

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let spec: Spec;
beforeAll(async () => {
  temp = makeTempDir();
  db = openDatabase(temp.path());
  const response = await createApp({ db }).request('/api/openapi.json');
  expect(response.status).toBe(200);
  spec = (await response.json()) as Spec;
});
afterAll(() => {
  db.close();
  temp.cleanup();
});

describe('docsPage', () => {
  it('lists every path of the real OpenAPI document with its methods', () => {
    const html = docsPage(spec);
    expect(Object.keys(spec.paths).length).toBeGreaterThan(0);
    for (const [path, item] of Object.entries(spec.paths)) {
      expect(html).toContain(escapeHtml(`/api/v1${path}`));
      for (const method of Object.keys(item)) expect(html).toContain(`${method.toUpperCase()} ${escapeHtml(path)}`);
    }
  });

  it('shows the query parameters of /coverage with their enum values', () => {
    const html = docsPage(spec);
    const section = html.slice(html.indexOf('id="get-coverage"'));
    for (const name of ['scheme', 'asOf', 'level', 'parent', 'owner', 'platform']) {
      expect(section).toContain(`<code class="name">${name}</code>`);
    }
    expect(section).toContain('<code>&quot;legacy63&quot;</code>, <code>&quot;reform34&quot;</code>');
    expect(section).toContain('default <code>&quot;front&quot;</code>');
  });

  it('lists the component schemas as property lists, required ones marked', () => {
    const html = docsPage(spec);
    for (const name of Object.keys(spec.components.schemas)) expect(html).toContain(`id="schema-${name}"`);
    const coverage = html.slice(html.indexOf('id="schema-Coverage"'));
    expect(coverage).toMatch(/<code class="name">asOf<\/code> <span class="req">required<\/span>/);
    expect(coverage).toContain('<a href="#schema-CoverageCounts">CoverageCounts</a>');
  });

  it('shows hostile text from the document as text, never as markup', () => {
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const tampered = structuredClone(spec);
    tampered.info.description = hostile;
    const coverage = tampered.paths['/coverage']!.get!;
    coverage.description = hostile;
    coverage.parameters![0]!.name = hostile;
    tampered.components.schemas.Coverage!.properties!.scheme!.description = hostile;
    tampered.paths[`/evil/{id}"><script>alert(2)</script>`] = { get: { description: hostile } };

    const html = docsPage(tampered);
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html.split('&lt;script&gt;alert(&quot;x&quot;)').length - 1).toBeGreaterThanOrEqual(4);
  });

  it('loads nothing from the network: no script and no external URL', () => {
    const html = docsPage(spec);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|(?:src|href)="(?:https?:)?\/\//i);
    expect(html).toContain("default-src 'none'");
  });

  it('renders an empty or odd document without throwing, with its title', () => {
    expect(docsPage({})).toContain('<h1>API</h1>');
    expect(docsPage({ info: { title: 'A & B' }, paths: { '/x': null, '/y': { get: 'no' } } })).toContain('<h1>A &amp; B</h1>');
  });
});
