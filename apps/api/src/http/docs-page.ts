/**
 * GET /api/docs: the OpenAPI document of /api/openapi.json as one readable HTML page.
 *
 * Self-contained on purpose (DESIGN.md §9: no internet): inline CSS, no script, no font or
 * asset from a CDN; a Content-Security-Policy forbids loading anything at all. Every text
 * taken from the document is escaped, so a description holding `<script>` is shown, not run.
 */

/** The parts of an OpenAPI 3.1 schema object the page shows; anything else is ignored. */
interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  anyOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  allOf?: SchemaObject[];
}

interface ParameterObject {
  $ref?: string;
  name?: string;
  in?: string;
  required?: boolean;
  description?: string;
  schema?: SchemaObject;
}

interface MediaTypes {
  content?: Record<string, { schema?: SchemaObject }>;
}

interface OperationObject {
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters?: ParameterObject[];
  requestBody?: MediaTypes & { description?: string; required?: boolean };
  responses?: Record<string, MediaTypes & { description?: string }>;
}

interface OpenApiDocument {
  info?: { title?: string; version?: string; description?: string };
  servers?: { url?: string }[];
  paths?: Record<string, Record<string, OperationObject | unknown>>;
  components?: { schemas?: Record<string, SchemaObject>; parameters?: Record<string, ParameterObject> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** Nested inline objects are listed this deep; below that the type name says enough. */
const MAX_DEPTH = 6;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text → HTML text or attribute value: escapeHtml('<a href="x">') → '&lt;a href=&quot;x&quot;&gt;' */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** A safe fragment id: anchorId('get', '/units/{code}') → 'get-units-code' */
function anchorId(...parts: string[]): string {
  return parts
    .join('-')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A plain object (not null, not an array); T names what the document promises it is. */
const isObject = <T extends object = Record<string, unknown>>(value: unknown): value is T => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The last segment of a local $ref: '#/components/schemas/Coverage' → 'Coverage'. */
const refName = (ref: string) => decodeURIComponent(ref.slice(ref.lastIndexOf('/') + 1)).replace(/~1/g, '/').replace(/~0/g, '~');

const literal = (value: unknown) => `<code>${escapeHtml(JSON.stringify(value))}</code>`;

/** A schema in one line of HTML: type, enum values, pattern, bounds, default. */
function typeHtml(schema: SchemaObject | undefined): string {
  if (!isObject<SchemaObject>(schema)) return '<span class="muted">any</span>';
  if (typeof schema.$ref === 'string') {
    const name = refName(schema.$ref);
    return `<a href="#${escapeHtml(anchorId('schema', name))}">${escapeHtml(name)}</a>`;
  }
  const parts: string[] = [];
  const variants = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (Array.isArray(variants)) {
    parts.push(variants.map(typeHtml).join(schema.allOf ? ' &amp; ' : ' | '));
  } else if (Array.isArray(schema.enum)) {
    parts.push(`one of ${schema.enum.map(literal).join(', ')}`);
  } else if (schema.const !== undefined) {
    parts.push(`exactly ${literal(schema.const)}`);
  } else {
    const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    const shown = types.map((type) => (type === 'array' ? `${typeHtml(schema.items)}[]` : escapeHtml(type)));
    parts.push(shown.length > 0 ? shown.join(' | ') : schema.properties ? 'object' : '<span class="muted">any</span>');
    if (isObject<SchemaObject>(schema.additionalProperties)) parts.push(`map of ${typeHtml(schema.additionalProperties)}`);
  }
  if (schema.format) parts.push(`format <code>${escapeHtml(schema.format)}</code>`);
  if (schema.pattern) parts.push(`pattern <code>${escapeHtml(schema.pattern)}</code>`);
  const bounds: [keyof SchemaObject, string][] = [
    ['minimum', '≥'],
    ['exclusiveMinimum', '>'],
    ['maximum', '≤'],
    ['exclusiveMaximum', '<'],
  ];
  for (const [key, sign] of bounds) if (typeof schema[key] === 'number') parts.push(`${escapeHtml(sign)} ${escapeHtml(schema[key])}`);
  if (typeof schema.minLength === 'number') parts.push(`at least ${escapeHtml(schema.minLength)} characters`);
  if (typeof schema.maxLength === 'number') parts.push(`at most ${escapeHtml(schema.maxLength)} characters`);
  if (schema.default !== undefined) parts.push(`default ${literal(schema.default)}`);
  return parts.join(', ');
}

/** The properties of an object schema as a definition list, nested objects indented. */
function propertiesHtml(schema: SchemaObject | undefined, depth = 0): string {
  if (!isObject<SchemaObject>(schema)) return '';
  const target = schema.type === 'array' && isObject<SchemaObject>(schema.items) ? schema.items : schema;
  if (!isObject(target.properties) || depth > MAX_DEPTH) return '';
  const required = new Set(Array.isArray(target.required) ? target.required : []);
  const items = Object.entries(target.properties).map(([name, property]) => {
    const description = isObject<SchemaObject>(property) && property.description ? `<div class="desc">${escapeHtml(property.description)}</div>` : '';
    return `<li><code class="name">${escapeHtml(name)}</code>${required.has(name) ? ' <span class="req">required</span>' : ''} <span class="type">${typeHtml(property)}</span>${description}${propertiesHtml(property, depth + 1)}</li>`;
  });
  return `<ul class="props">${items.join('')}</ul>`;
}

function resolveParameter(doc: OpenApiDocument, parameter: ParameterObject): ParameterObject {
  if (typeof parameter.$ref !== 'string') return parameter;
  return doc.components?.parameters?.[refName(parameter.$ref)] ?? parameter;
}

function parametersHtml(doc: OpenApiDocument, parameters: ParameterObject[] | undefined): string {
  const rows = (Array.isArray(parameters) ? parameters : [])
    .filter(isObject)
    .map((p) => resolveParameter(doc, p))
    .map(
      (p) =>
        `<tr><td><code class="name">${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? '<span class="req">required</span>' : 'optional'}</td><td>${typeHtml(p.schema)}</td><td>${escapeHtml(p.description ?? p.schema?.description ?? '')}</td></tr>`,
    );
  if (rows.length === 0) return '<p class="muted">No parameters.</p>';
  return `<table><thead><tr><th>Parameter</th><th>In</th><th>Required</th><th>Type</th><th>Description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function contentHtml(media: MediaTypes): string {
  if (!isObject(media.content)) return '';
  return Object.entries(media.content)
    .map(([type, { schema } = {}]) => ` <span class="muted">${escapeHtml(type)}:</span> ${typeHtml(schema)}`)
    .join(';');
}

function operationHtml(doc: OpenApiDocument, base: string, method: string, path: string, op: OperationObject): string {
  const id = anchorId(method, path);
  const body = isObject(op.requestBody)
    ? `<h4>Request body${op.requestBody.required ? ' <span class="req">required</span>' : ''}</h4><p>${escapeHtml(op.requestBody.description ?? '')}${contentHtml(op.requestBody)}</p>`
    : '';
  const responses = Object.entries(isObject(op.responses) ? op.responses : {})
    .map(([code, response]) => `<li><code class="status s${escapeHtml(code.charAt(0))}">${escapeHtml(code)}</code> ${escapeHtml(isObject(response) ? response.description : '')}${isObject(response) ? contentHtml(response) : ''}</li>`)
    .join('');
  return `<section class="op" id="${escapeHtml(id)}">
<h3><span class="method m-${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(base + path)}</code>${op.deprecated ? ' <span class="req">deprecated</span>' : ''}</h3>
${op.summary ? `<p class="summary">${escapeHtml(op.summary)}</p>` : ''}${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}
<h4>Parameters</h4>${parametersHtml(doc, op.parameters)}${body}
<h4>Responses</h4><ul class="responses">${responses}</ul>
</section>`;
}

const CSS = `
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#5b6470;--line:#d5dae0;--bg:#fff;--code:#f3f5f7;--accent:#b3261e}
@media (prefers-color-scheme:dark){:root{--fg:#e6e8eb;--muted:#9aa3ad;--line:#39414a;--bg:#15181c;--code:#20252b;--accent:#ff8a80}}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1000px;margin:0 auto;padding:24px 16px 64px}h1{margin:0 0 4px}h2{margin-top:40px;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{margin:0 0 8px;font-size:17px}h4{margin:16px 0 6px;font-size:14px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--code);padding:1px 4px;border-radius:3px;overflow-wrap:anywhere}
a{color:inherit}.muted{color:var(--muted)}.summary{font-weight:600}.desc{color:var(--muted)}
.op,.schema{border:1px solid var(--line);border-radius:6px;padding:16px;margin:16px 0}
.method{display:inline-block;min-width:56px;text-align:center;border-radius:4px;padding:1px 6px;font-size:13px;color:#fff;background:#3b5b8c}
.m-get{background:#1f6f43}.m-post{background:#7a4a00}.m-delete{background:#9b1c1c}.m-put,.m-patch{background:#5a3d8a}
.req{color:var(--accent);font-size:12px;font-weight:600}.name{font-weight:600}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;vertical-align:top;border-top:1px solid var(--line);padding:6px 8px}
ul.props,ul.responses{margin:4px 0;padding-left:20px}ul.props ul.props{border-left:1px dashed var(--line);padding-left:16px}
nav ul{columns:2;padding-left:20px}@media (max-width:640px){nav ul{columns:1}table{display:block;overflow-x:auto}}
`;

/**
 * The OpenAPI document as one self-contained HTML page (no script, no external asset).
 * docsPage(spec) → '<!doctype html>…<h1>Community-page rollout dashboard API</h1>…'
 */
export function docsPage(spec: object): string {
  const doc = spec as OpenApiDocument;
  const info = isObject(doc.info) ? doc.info : {};
  const title = info.title ?? 'API';
  const base = Array.isArray(doc.servers) && typeof doc.servers[0]?.url === 'string' ? doc.servers[0].url.replace(/\/$/, '') : '';

  const operations: { method: string; path: string; op: OperationObject }[] = [];
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {}).sort(([a], [b]) => a.localeCompare(b))) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (isObject<OperationObject>(op)) operations.push({ method, path, op });
    }
  }
  const schemas = Object.entries(isObject(doc.components?.schemas) ? doc.components.schemas : {}).sort(([a], [b]) => a.localeCompare(b));

  const toc = operations
    .map(({ method, path, op }) => `<li><a href="#${escapeHtml(anchorId(method, path))}">${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</a>${op.summary ? ` <span class="muted">— ${escapeHtml(op.summary)}</span>` : ''}</li>`)
    .join('');
  const schemaSections = schemas
    .map(
      ([name, schema]) => `<section class="schema" id="${escapeHtml(anchorId('schema', name))}">
<h3>${escapeHtml(name)}</h3>${isObject(schema) && schema.description ? `<p>${escapeHtml(schema.description)}</p>` : ''}
<p><span class="muted">Type:</span> ${typeHtml(isObject(schema) ? { ...schema, description: undefined } : undefined)}</p>${propertiesHtml(schema)}
</section>`,
    )
    .join('\n');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)} — documentation</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="muted">Version ${escapeHtml(info.version ?? '?')} · base URL <code>${escapeHtml(base || '/')}</code> · machine-readable: <a href="/api/openapi.json">/api/openapi.json</a></p>
${info.description ? `<p>${escapeHtml(info.description)}</p>` : ''}
<p>Errors always have the shape <code>{ "error": { "code", "message", "details": [{ "path", "message" }] } }</code>; a 400 names each parameter to change.</p>
<nav><h2>Endpoints</h2><ul>${toc || '<li class="muted">none</li>'}</ul></nav>
${operations.map(({ method, path, op }) => operationHtml(doc, base, method, path, op)).join('\n')}
<h2>Schemas</h2>
${schemaSections || '<p class="muted">none</p>'}
</main>
</body>
</html>
`;
}
