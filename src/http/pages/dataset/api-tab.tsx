import type { PageContext } from '../components/page-context.ts';
import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { EXPORT_FORMATS, viewHref } from '../../../client/table/results.tsx';
import { geometryIn, queryString } from '../../../client/table/state.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { hiddenTabs } from './about.tsx';
import { DatasetFrame } from './frame.tsx';
import { columnsOf, type TableView } from './query-state.ts';

/**
 * The API tab: the records query of a table view, ready to copy as curl,
 * JavaScript and Python. Every value is written as a literal of the snippet's
 * own language (shell single quotes, JSON strings), and the page escapes the
 * whole snippet as text, so filter text can break out of neither.
 */

/** Text as one shell word: single quotes, with each quote inside closed, escaped and reopened. */
export const shellWord = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
/** Text as a string literal JavaScript and Python both read: JSON's double-quoted escapes are valid in each. */
const str = (s: string): string => JSON.stringify(s);

const TOKEN = 'YOUR_API_TOKEN';

export function curlSnippet(url: string, params: [string, string][], token: boolean): string {
  const lines = [`curl --get ${shellWord(url)}`];
  if (token) lines.push(`  -H ${shellWord(`Authorization: Bearer ${TOKEN}`)}`);
  for (const [k, v] of params) lines.push(`  --data-urlencode ${shellWord(`${k}=${v}`)}`);
  return lines.join(' \\\n');
}

export function jsSnippet(url: string, params: [string, string][], token: boolean): string {
  const entries = params.map(([k, v]) => `  ${k}: ${str(v)},`);
  return [
    `const params = new URLSearchParams({${entries.length ? `\n${entries.join('\n')}\n` : ''}});`,
    `const response = await fetch(${str(url)} + '?' + params${token ? `, { headers: { Authorization: ${str(`Bearer ${TOKEN}`)} } }` : ''});`,
    'if (!response.ok) throw new Error((await response.json()).error.message);',
    'const data = await response.json();',
    'console.log(data.total_count, data.results);',
  ].join('\n');
}

export function pythonSnippet(url: string, params: [string, string][], token: boolean): string {
  const entries = params.map(([k, v]) => `    ${str(k)}: ${str(v)},`);
  return [
    'import json',
    'from urllib.parse import urlencode',
    'from urllib.request import Request, urlopen',
    '',
    `params = urlencode({${entries.length ? `\n${entries.join('\n')}\n` : ''}})`,
    `request = Request(${str(url)} + "?" + params${token ? `, headers={"Authorization": ${str(`Bearer ${TOKEN}`)}}` : ''})`,
    'with urlopen(request) as response:',
    '    data = json.load(response)',
    'print(data["total_count"], data["results"])',
  ].join('\n');
}

function Snippet({ id, title, code }: { id: string; title: string; code: string }) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <pre class="scroll" tabIndex={0} aria-labelledby={id} style="background:#fff;padding:.75rem;max-height:none;white-space:pre-wrap;word-break:break-all">
        <code>{code}</code>
      </pre>
    </section>
  );
}

export interface ApiTabInput {
  pc: PageContext;
  baseUrl: string;
  d: DatasetDetail;
  view: TableView;
}

/** The API tab of a dataset, for the table view its URL describes. */
export function apiTabPage({ pc, baseUrl, d, view }: ApiTabInput): SafeHtml {
  const slug = d.dataset.slug;
  const origin = baseUrl.replace(/\/+$/, '');
  const records = `${origin}/api/v1/datasets/${slug}/records`;
  const { state } = view;
  const params: [string, string][] = Object.entries(view.params).filter((e): e is [string, string] => Boolean(e[1]));
  params.push(['limit', String(state.size)]);
  if (state.page > 1) params.push(['offset', String((state.page - 1) * state.size)]);
  const token = d.dataset.accessLevel !== 'public' || d.dataset.status !== 'published';
  const q = queryString(view.params);
  const problems = view.problems.filters.filter(Boolean);
  const geometry = geometryIn(state, columnsOf(d)).shown;
  const { t } = pc;
  return renderPage(
    <DatasetFrame d={d} tab="api" hidden={hiddenTabs(d)}>
      <section class="card" aria-labelledby="api-heading">
        <h2 id="api-heading">{t.t('api.heading')}</h2>
        <p>
          {t.t('api.introBefore')} <a href={viewHref(slug, state)}>{t.t('api.introView')}</a>
          {params.length > 1 ? ` ${t.t('api.introParts')}` : ''}. {t.t('api.introReference')} <a href="/api/reference">{t.t('api.reference')}</a>.
        </p>
        {problems.length || view.problems.sort ? (
          <p style="color:#a4000f;font-weight:600">
            {t.t('api.problems')} {[...problems, view.problems.sort].filter(Boolean).join(' ')}
          </p>
        ) : null}
        {token ? (
          <p>
            {t.t('api.tokenBefore')} <code>Authorization</code> {t.t('api.tokenMiddle')} <code>{TOKEN}</code>).
          </p>
        ) : null}
        <Snippet id="snippet-curl" title="curl" code={curlSnippet(records, params, token)} />
        <Snippet id="snippet-js" title={t.t('api.js')} code={jsSnippet(records, params, token)} />
        <Snippet id="snippet-python" title={t.t('api.python')} code={pythonSnippet(records, params, token)} />
      </section>
      <section class="card" aria-labelledby="api-urls">
        <h2 id="api-urls">{t.t('api.addresses')}</h2>
        <dl>
          <dt>{t.t('api.records')}</dt>
          <dd>
            <code>{`${records}${q ? `?${q}` : ''}`}</code>
          </dd>
          <dt>{t.t('api.downloads')}</dt>
          <dd>
            <ul style="margin:0;padding-left:1.2rem">
              {EXPORT_FORMATS.filter((f) => f !== 'geojson' || geometry).map((f) => {
                const url = `${origin}/api/v1/datasets/${slug}/export/${f}${q ? `?${q}` : ''}`;
                return (
                  <li key={f}>
                    <a href={url}>{f.toUpperCase()}</a>: <code>{url}</code>
                  </li>
                );
              })}
            </ul>
          </dd>
          <dt>{t.t('api.referenceLabel')}</dt>
          <dd>
            <a href="/api/reference">{t.t('api.referenceLink')}</a> · <a href="/api/v1/openapi.json">{t.t('api.openapi')}</a>
          </dd>
        </dl>
      </section>
    </DatasetFrame>,
    pc,
  );
}
