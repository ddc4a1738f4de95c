import { html, trusted, type SafeHtml } from '../pages/html.ts';
import { layout } from '../pages/layout.ts';
import type { RouteSpec } from '../route.ts';
import { whoMayCall, type OpenApiDocument, type Operation, type Parameter, type ResponseObject } from './document.ts';
import { typeLabel, type JsonSchema } from './schema.ts';

interface Entry {
  method: string;
  path: string;
  op: Operation;
  spec: RouteSpec;
}

const PRE = trusted('style="background:#fff;border:1px solid var(--line);border-radius:4px;padding:.75rem;overflow:auto;white-space:pre-wrap"');
const anchor = (op: Operation): string => `op-${op.operationId}`;
const tagAnchor = (tag: string): string => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

/** Text with `code` spans, as the route descriptions write them; everything is escaped. */
const inline = (text: string): SafeHtml[] => text.split('`').map((part, i) => (i % 2 ? html`<code>${part}</code>` : html`${part}`));

const paragraphs = (text: string | undefined): SafeHtml[] =>
  (text ?? '').split(/\n\s*\n/).filter((p) => p.trim()).map((p) => html`<p>${inline(p.trim())}</p>`);

const propertiesOf = (s: JsonSchema | undefined): Array<[string, JsonSchema]> =>
  s && typeof s.properties === 'object' && s.properties !== null ? Object.entries(s.properties as Record<string, JsonSchema>) : [];

function describe(s: JsonSchema, description?: unknown): SafeHtml {
  const notes = [typeof description === 'string' ? description : typeof s.description === 'string' ? s.description : ''];
  if (s.default !== undefined) notes.push(`Default: \`${JSON.stringify(s.default)}\`.`);
  return html`${inline(notes.filter(Boolean).join(' '))}`;
}

function parameterTable(op: Operation): SafeHtml | string {
  const params = op.parameters ?? [];
  if (!params.length) return '';
  const id = `${anchor(op)}-params`;
  return html`<h4 id="${id}">Parameters</h4>
<table aria-labelledby="${id}"><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead>
<tbody>${params.map((p: Parameter) => html`<tr><th scope="row"><code>${p.name}</code></th><td>${p.in}</td><td>${typeLabel(p.schema)}${p.explode ? ' (repeatable)' : ''}</td><td>${p.required ? 'yes' : 'no'}</td><td>${describe(p.schema, p.description)}</td></tr>`)}</tbody></table>`;
}

function bodyTable(op: Operation): SafeHtml | string {
  const body = op.requestBody;
  if (!body) return '';
  const types = Object.keys(body.content);
  const schema = (body.content['multipart/form-data'] ?? body.content['application/json'] ?? Object.values(body.content)[0])?.schema;
  const required = Array.isArray(schema?.required) ? (schema.required as string[]) : [];
  const fields = propertiesOf(schema);
  const id = `${anchor(op)}-body`;
  return html`<h4 id="${id}">Body</h4>
${paragraphs(body.description)}
<p>Sent as ${types.map((t, i) => html`${i ? ', ' : ''}<code>${t}</code>`)}${body.required ? '' : ' (optional)'}.</p>
${fields.length
    ? html`<table aria-labelledby="${id}"><thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Description</th></tr></thead>
<tbody>${fields.map(([name, f]) => html`<tr><th scope="row"><code>${name}</code></th><td>${typeLabel(f)}</td><td>${required.includes(name) ? 'yes' : 'no'}</td><td>${describe(f)}</td></tr>`)}</tbody></table>`
    : html`<p>Type: <code>${typeLabel(schema)}</code></p>`}`;
}

function responseTable(op: Operation, doc: OpenApiDocument): SafeHtml {
  const id = `${anchor(op)}-responses`;
  const resolve = (r: ResponseObject) => ('$ref' in r ? doc.components.responses[r.$ref.split('/').pop() ?? ''] : r);
  return html`<h4 id="${id}">Responses</h4>
<table aria-labelledby="${id}"><thead><tr><th scope="col">Status</th><th scope="col">Description</th><th scope="col">Content type</th></tr></thead>
<tbody>${Object.entries(op.responses).map(([status, r]) => {
    const found = resolve(r);
    return html`<tr><th scope="row">${status}</th><td>${inline(found?.description ?? '')}</td><td>${Object.keys(found?.content ?? {}).join(', ') || '—'}</td></tr>`;
  })}</tbody></table>`;
}

/** A made-up value of the right type for an example body. */
function sample(s: JsonSchema): unknown {
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.type === 'integer' || s.type === 'number') return typeof s.minimum === 'number' ? s.minimum : 1;
  if (s.type === 'boolean') return true;
  if (s.type === 'array') return [];
  if (s.type === 'object') return {};
  return '…';
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** A curl command ready to paste: path parameters become shell variables such as `$ID`. */
export function curlExample(method: string, path: string, op: Operation, serverUrl: string, signedIn: boolean): string {
  const url = serverUrl + path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => `\${${name.toUpperCase()}}`);
  const query = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${p.name.toUpperCase()}`);
  const parts = [method === 'GET' ? 'curl -s' : `curl -s -X ${method}`];
  if (signedIn) parts.push('-H "Authorization: Bearer $TOKEN"');
  const content = op.requestBody?.content ?? {};
  if (content['multipart/form-data']) {
    parts.push("-F 'file=@data.csv'");
  } else if (content['application/json']) {
    const schema = content['application/json'].schema ?? {};
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    const fields = propertiesOf(schema);
    const shown = required.length ? fields.filter(([name]) => required.includes(name)) : fields.slice(0, 1);
    const example = Object.fromEntries(shown.map(([name, f]) => [name, sample(f)]));
    parts.push("-H 'Content-Type: application/json'", `-d ${shellQuote(JSON.stringify(example))}`);
  }
  parts.push(`"${url}${query.length ? `?${query.join('&')}` : ''}"`);
  return parts.join(parts.length > 2 ? ' \\\n  ' : ' ');
}

function operation(e: Entry, doc: OpenApiDocument, serverUrl: string): SafeHtml {
  const { op, spec } = e;
  return html`<article class="card" aria-labelledby="${anchor(op)}">
<h3 id="${anchor(op)}">${inline(op.summary)}</h3>
<p><code>${e.method} ${e.path}</code> <span class="badge">${op.operationId}</span></p>
${paragraphs(spec.description)}
<p><strong>${whoMayCall(spec.access)}</strong></p>
${parameterTable(op)}
${bodyTable(op)}
${responseTable(op, doc)}
<h4>Example</h4>
<pre ${PRE} tabindex="0"><code>${curlExample(e.method, e.path, op, serverUrl, spec.access !== 'public')}</code></pre>
</article>`;
}

/** The API reference page: a table of contents, then every operation by tag, from the OpenAPI document. */
export function referencePage(doc: OpenApiDocument, specs: readonly RouteSpec[], siteName: string): SafeHtml {
  const byId = new Map(specs.map((s) => [s.operationId, s]));
  const groups = new Map<string, Entry[]>(doc.tags.map((t) => [t.name, []]));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const spec = byId.get(op.operationId);
      if (spec) groups.get(op.tags[0] ?? '')?.push({ method: method.toUpperCase(), path, op, spec });
    }
  }
  const serverUrl = doc.servers[0]?.url.replace(/\/$/, '') ?? '';
  const body = html`<h1>API reference</h1>
<p>Every route of the ${siteName} API, with who may call it, its parameters and a <code>curl</code> example. Programs send an API token as <code>Authorization: Bearer $TOKEN</code>. The same description, for tools, is the OpenAPI document at <a href="/api/v1/openapi.json"><code>/api/v1/openapi.json</code></a>. Every error has the shape <code>{ "error": { "code", "message", "details" } }</code>.</p>
<nav aria-labelledby="contents"><h2 id="contents">Contents</h2><ul>
${[...groups].map(([tag, entries]) => html`<li><a href="#${tagAnchor(tag)}">${tag}</a><ul>${entries.map((e) => html`<li><a href="#${anchor(e.op)}">${e.method} ${e.path}</a> — ${e.op.summary.replace(/`/g, '')}</li>`)}</ul></li>`)}
</ul></nav>
${[...groups].map(([tag, entries]) => html`<section aria-labelledby="${tagAnchor(tag)}"><h2 id="${tagAnchor(tag)}">${tag}</h2>
${entries.map((e) => operation(e, doc, serverUrl))}</section>`)}`;
  return layout({ title: 'API reference', siteName, body });
}
