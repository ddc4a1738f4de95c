import type { DatasetDetail, DatasetSummary } from '../../actions/catalog/read-datasets.ts';
import type { RecordsPage } from '../../actions/records/query-records.ts';
import { html, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';

const n = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : x.toLocaleString('en-US'));
const EXPORTS = ['csv', 'json', 'ndjson', 'geojson', 'parquet', 'xlsx'] as const;

export function datasetsPage(siteName: string, list: { total: number; results: DatasetSummary[] }, page: number, size: number, q = ''): SafeHtml {
  const more = q ? `&q=${encodeURIComponent(q)}` : '';
  const cards = list.results.map(
    ({ dataset, organization, live }) => html`<article class="card">
  <h2><a href="/datasets/${dataset.slug}">${dataset.title}</a></h2>
  <p class="meta">${organization?.name ?? ''} · ${n(live?.rowCount)} rows · ${live?.columns.length ?? 0} columns ${live?.source ? html`<span class="badge">${live.source.format.toUpperCase()}</span>` : ''}</p>
  ${dataset.description ? html`<p>${dataset.description}</p>` : ''}
</article>`,
  );
  const pages = Math.max(1, Math.ceil(list.total / size));
  const body = html`<h1>Datasets</h1>
<form role="search" action="/datasets" method="get"><label for="q">Search datasets</label> <input id="q" name="q" type="search" value="${q}"> <button type="submit">Search</button></form>
<p class="meta">${n(list.total)} datasets</p>
${list.total === 0 ? html`<p>No datasets yet. Load one with <code>npx plaza load FILE --org NAME --title TITLE</code>.</p>` : cards}
<nav aria-label="Pages">${page > 1 ? html`<a href="/datasets?page=${page - 1}${more}">Previous</a> ` : ''}${page < pages ? html`<a href="/datasets?page=${page + 1}${more}">Next</a>` : ''}</nav>`;
  return layout({ title: 'Datasets', siteName, body });
}

export function datasetPage(siteName: string, d: DatasetDetail, preview: RecordsPage | undefined, page: number): SafeHtml {
  const { dataset, organization, live } = d;
  const api = `/api/v1/datasets/${dataset.slug}`;
  const table = preview
    ? html`<div class="scroll" tabindex="0" role="region" aria-label="Table preview"><table>
<thead><tr>${preview.fields.map((f) => html`<th scope="col" title="${f.type}">${f.label}</th>`)}</tr></thead>
<tbody>${preview.results.map((r) => html`<tr>${preview.fields.map((f) => html`<td>${cell(r[f.name])}</td>`)}</tr>`)}</tbody>
</table></div>
<nav aria-label="Preview pages">${page > 1 ? html`<a href="?page=${page - 1}">Previous rows</a> ` : ''}${preview.total_count > page * 25 ? html`<a href="?page=${page + 1}">Next rows</a>` : ''}</nav>`
    : html`<p>This dataset has no data yet.</p>`;
  const body = html`<p class="meta"><a href="/datasets">Datasets</a> › ${organization?.name ?? ''}</p>
<h1>${dataset.title}</h1>
${dataset.description ? html`<p>${dataset.description}</p>` : ''}
<section class="card" aria-labelledby="about"><h2 id="about">About</h2><dl>
<dt>Publisher</dt><dd>${organization?.name ?? '—'}</dd>
<dt>Rows</dt><dd>${n(live?.rowCount)}</dd>
<dt>Version</dt><dd>${live ? `${live.number} of ${d.versions.length}` : '—'}</dd>
<dt>Source</dt><dd>${live?.source ? `${live.source.format.toUpperCase()}, ${live.source.encoding}` : '—'}</dd>
<dt>Updated</dt><dd>${dataset.updatedAt.slice(0, 10)}</dd>
<dt>Download</dt><dd>${EXPORTS.map((f) => html`<a href="${api}/export/${f}">${f.toUpperCase()}</a> `)}</dd>
<dt>API</dt><dd><a href="${api}/records">${api}/records</a></dd>
</dl></section>
<section aria-labelledby="preview"><h2 id="preview">Preview</h2>${table}</section>
<section class="card" aria-labelledby="columns"><h2 id="columns">Columns</h2><table>
<thead><tr><th scope="col">Column</th><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Empty</th><th scope="col">Distinct</th><th scope="col">Min</th><th scope="col">Max</th></tr></thead>
<tbody>${(live?.columns ?? []).map((c) => {
    const p = live?.profile[c.name];
    return html`<tr><td>${c.label}</td><td><code>${c.name}</code></td><td>${c.type}</td><td>${n(p?.nulls)}</td><td>${n(p?.distinct)}</td><td>${cell(p?.min)}</td><td>${cell(p?.max)}</td></tr>`;
  })}</tbody></table></section>`;
  return layout({ title: dataset.title, siteName, body });
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

export function errorPage(siteName: string, title: string, message: string): SafeHtml {
  return layout({ title, siteName, body: html`<h1>${title}</h1><p>${message}</p><p><a href="/datasets">All datasets</a></p>` });
}
