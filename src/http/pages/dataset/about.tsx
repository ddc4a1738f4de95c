import type { LayoutUser } from '../components/Layout.tsx';
import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import type { RecordsPage } from '../../../actions/records/query-records.ts';
import { frequencyById, licenseById } from '../../../domain/catalog/vocab.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { DatasetFrame, type DatasetTab } from './frame.tsx';
import { Distribution } from './profile.tsx';
import { Versions } from './versions.tsx';

const n = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : x.toLocaleString('en-US'));
const EXPORTS = ['csv', 'json', 'ndjson', 'geojson', 'parquet', 'xlsx'] as const;
export const PREVIEW_ROWS = 25;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

function Preview({ preview, page }: { preview: RecordsPage; page: number }) {
  return (
    <>
      <div class="scroll" tabIndex={0} role="region" aria-label="Table preview">
        <table>
          <thead>
            <tr>
              {preview.fields.map((f) => (
                <th scope="col" title={f.type} key={f.name}>
                  {f.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.results.map((r, i) => (
              <tr key={i}>
                {preview.fields.map((f) => (
                  <td key={f.name}>{cell(r[f.name])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Preview pages">
        {page > 1 ? <a href={`?page=${page - 1}`}>Previous rows</a> : null} {preview.total_count > page * PREVIEW_ROWS ? <a href={`?page=${page + 1}`}>Next rows</a> : null}
      </nav>
    </>
  );
}

function About({ d }: { d: DatasetDetail }) {
  const { dataset, organization, live, freshness } = d;
  const license = licenseById(dataset.license);
  const api = `/api/v1/datasets/${dataset.slug}`;
  return (
    <section class="card" aria-labelledby="about">
      <h2 id="about">About</h2>
      <dl>
        <dt>Publisher</dt>
        <dd>{organization ? <a href={`/organizations/${organization.slug}`}>{dataset.publisher ?? organization.name}</a> : '—'}</dd>
        {dataset.themes.length ? (
          <>
            <dt>Themes</dt>
            <dd>{dataset.themes.join(', ')}</dd>
          </>
        ) : null}
        {dataset.keywords.length ? (
          <>
            <dt>Keywords</dt>
            <dd>{dataset.keywords.join(', ')}</dd>
          </>
        ) : null}
        <dt>License</dt>
        <dd>{license ? <a href={license.url}>{license.title}</a> : 'Not stated'}</dd>
        <dt>Updated</dt>
        <dd>
          {(freshness.lastUpdated ?? dataset.updatedAt).slice(0, 10)}
          {dataset.frequency ? ` · ${frequencyById(dataset.frequency)?.title ?? dataset.frequency}` : ''}
          {freshness.overdue ? <span class="badge warn"> Update overdue since {freshness.nextDue?.slice(0, 10)}</span> : null}
        </dd>
        {dataset.contactPoint ? (
          <>
            <dt>Contact</dt>
            <dd>
              <a href={`mailto:${dataset.contactPoint.email}`}>{dataset.contactPoint.name}</a>
            </dd>
          </>
        ) : null}
        <dt>Rows</dt>
        <dd>{n(live?.rowCount)}</dd>
        <dt>Version</dt>
        <dd>{live ? `${live.number} of ${d.versions.length}` : '—'}</dd>
        <dt>Download</dt>
        <dd>
          {d.dataAccess
            ? EXPORTS.flatMap((f) => [
                <a key={f} href={`${api}/export/${f}`}>
                  {f.toUpperCase()}
                </a>,
                ' ',
              ])
            : 'Sign in to download this restricted dataset.'}
        </dd>
        <dt>API</dt>
        <dd>
          <a href={`${api}/records`}>{`${api}/records`}</a>
        </dd>
      </dl>
    </section>
  );
}

function UseCases({ suggested, limitations }: { suggested: string; limitations: string }) {
  if (!suggested && !limitations) return null;
  return (
    <section class="card" aria-labelledby="uses">
      <h2 id="uses">Using this data</h2>
      {suggested ? (
        <>
          <h3>Good for</h3>
          <p>{suggested}</p>
        </>
      ) : null}
      {limitations ? (
        <>
          <h3>Limitations</h3>
          <p>{limitations}</p>
        </>
      ) : null}
    </section>
  );
}

function Columns({ d }: { d: DatasetDetail }) {
  const live = d.live;
  const entries = new Map(d.dictionary.map((e) => [e.column, e]));
  return (
    <section class="card" aria-labelledby="columns">
      <h2 id="columns">Columns</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Description</th>
            <th scope="col">Empty</th>
            <th scope="col">Distinct</th>
            <th scope="col">Min</th>
            <th scope="col">Max</th>
            <th scope="col">Values</th>
          </tr>
        </thead>
        <tbody>
          {(live?.columns ?? []).map((c) => {
            const p = live?.profile[c.name];
            const e = entries.get(c.name);
            return (
              <tr key={c.name}>
                <td>{e?.label || c.label}</td>
                <td>
                  <code>{c.name}</code>
                </td>
                <td>{c.type}</td>
                <td>
                  {e?.description ?? ''}
                  {e?.unit ? ` (${e.unit})` : ''}
                </td>
                <td>{n(p?.nulls)}</td>
                <td>{n(p?.distinct)}</td>
                <td>{cell(p?.min)}</td>
                <td>{cell(p?.max)}</td>
                <td>
                  <Distribution profile={p} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Tabs that have nothing to show for this dataset: the map, when no column holds places. */
export function hiddenTabs(d: DatasetDetail): DatasetTab[] {
  const places = d.live?.columns.some((c) => c.type === 'geometry') ?? false;
  return d.live ? (places ? [] : ['map']) : ['table', 'chart', 'map'];
}

/** A dataset: what it is, how to use it, a preview of its rows, its columns. */
export function datasetPage(siteName: string, d: DatasetDetail, preview: RecordsPage | undefined, page: number, user?: LayoutUser): SafeHtml {
  const { dataset } = d;
  return renderPage(
    <DatasetFrame d={d} tab="about" siteName={siteName} user={user} hidden={hiddenTabs(d)}>
      {dataset.description ? <p>{dataset.description}</p> : null}
      <About d={d} />
      <UseCases suggested={dataset.suggestedUses} limitations={dataset.knownLimitations} />
      <section aria-labelledby="preview">
        <h2 id="preview">Preview</h2>
        {preview ? <Preview preview={preview} page={page} /> : <p>{d.live ? 'Sign in to see the rows of this restricted dataset.' : 'This dataset has no data yet.'}</p>}
      </section>
      <Columns d={d} />
      <Versions d={d} />
    </DatasetFrame>,
  );
}
