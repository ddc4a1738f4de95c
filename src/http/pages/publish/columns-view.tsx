import type { LayoutUser } from '../components/Layout.tsx';
import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import type { RecordsPage } from '../../../actions/records/query-records.ts';
import type { Job } from '../../../domain/catalog/types.ts';
import type { ColumnProfile } from '../../../domain/ingest/profile-types.ts';
import { COLUMN_TYPES } from '../../../domain/table/types.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { Csrf, ErrorSummary, JobStatus, PublishLayout, Steps, type FieldErrors } from './parts.tsx';

export interface ColumnsState {
  siteName: string;
  user: LayoutUser;
  csrf: string;
  d: DatasetDetail;
  job?: Job | undefined;
  scripts: string[];
  errors: FieldErrors;
  notice?: string | undefined;
  /** A search of the rows, to check how values were read (accents, leading zeros). */
  lookup?: { find: string; page?: RecordsPage | undefined; error?: string | undefined } | undefined;
}

const TYPE_TITLES: Record<(typeof COLUMN_TYPES)[number], string> = {
  integer: 'Whole number',
  decimal: 'Decimal number',
  boolean: 'Yes / no',
  date: 'Date',
  timestamp: 'Date and time',
  time: 'Time of day',
  text: 'Text',
  geometry: 'Geometry (place)',
};

const count = (n: number) => n.toLocaleString('en-US');
const sample = (v: string | number | boolean | null) => (v === null ? '(empty)' : String(v));

/** The most frequent values of a column, as the profile counted them. */
function Samples({ profile }: { profile: ColumnProfile | undefined }) {
  const top = (profile?.top ?? []).slice(0, 5);
  if (!top.length) return <span class="meta">none</span>;
  return (
    <ul>
      {top.map((t, i) => (
        <li key={i}>
          <code>{sample(t.value)}</code> <span class="meta">({count(t.count)})</span>
        </li>
      ))}
    </ul>
  );
}

const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** A search form (GET, so it works with the column form on the same page) and the first rows that match. */
function Lookup({ s }: { s: ColumnsState }) {
  const { dataset, live } = s.d;
  const found = s.lookup;
  const columns = (live?.columns ?? []).filter((c) => !c.name.startsWith('__'));
  return (
    <section aria-labelledby="lookup" class="card">
      <h2 id="lookup">Check values in the rows</h2>
      <p class="hint" id="find-hint">
        Search the data for a word to see how its rows were read, for example a name with accents.
      </p>
      <form method="get" action={`/publish/${dataset.slug}/columns`}>
        <label for="find">Search the rows</label>{' '}
        <input type="search" id="find" name="find" value={found?.find ?? ''} maxLength={200} aria-describedby="find-hint" />{' '}
        <button type="submit" class="secondary">
          Search
        </button>
      </form>
      {found?.error ? (
        <p class="error" role="alert">
          {found.error}
        </p>
      ) : null}
      {found?.page ? (
        found.page.results.length ? (
          <div class="scroll">
            <table>
              <caption class="meta">{found.page.total_count === 1 ? '1 matching row' : `${found.page.total_count.toLocaleString('en-US')} matching rows; the first ${found.page.results.length} shown`}</caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.name} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {found.page.results.map((r, i) => (
                  <tr key={i}>
                    {columns.map((c) => (
                      <td key={c.name}>{cell(r[c.name])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p role="status">{`No rows contain “${found.find}”.`}</p>
        )
      ) : null}
    </section>
  );
}

/**
 * Column review: each column's inferred type, its commonest values, empty
 * and distinct counts, a type to change it to, and its dictionary entry.
 */
export function columnsPage(s: ColumnsState): SafeHtml {
  const { dataset, live, dictionary } = s.d;
  const entries = new Map(dictionary.map((e) => [e.column, e]));
  const columns = (live?.columns ?? []).filter((c) => !c.name.startsWith('__'));
  return renderPage(
    <PublishLayout title={`Review columns – ${dataset.title}`} siteName={s.siteName} user={s.user} scripts={s.scripts}>
      <Steps dataset={dataset} step="columns" />
      <h1>Review the columns of “{dataset.title}”</h1>
      {s.notice ? (
        <p class="notice" role="status">
          {s.notice}
        </p>
      ) : null}
      {s.job ? <JobStatus job={s.job} next={{ href: `/publish/${dataset.slug}/columns`, text: 'Review the columns again' }} /> : null}
      <ErrorSummary errors={s.errors} labels={{}} />
      {live ? <Lookup s={s} /> : null}
      {live ? (
        <form method="post" action={`/publish/${dataset.slug}/columns`}>
          <Csrf token={s.csrf} />
          <p>
            Plaza read {count(live.rowCount ?? 0)} rows. Check the type it chose for each column: a changed type loads the file again. Labels, descriptions and units make the data dictionary.
          </p>
          {columns.map((c) => {
            const p = live.profile[c.name];
            const e = entries.get(c.name);
            const id = (f: string) => `${f}-${c.name}`;
            return (
              <fieldset class="card" key={c.name}>
                <legend>
                  {c.label} <code class="meta">{c.name}</code>
                </legend>
                <div class="column">
                  <dl>
                    <dt>Inferred type</dt>
                    <dd>{TYPE_TITLES[c.type]}</dd>
                    <dt>Empty</dt>
                    <dd>{p ? count(p.nulls) : '–'}</dd>
                    <dt>Distinct values</dt>
                    <dd>{p ? count(p.distinct) : '–'}</dd>
                    <dt>Commonest values</dt>
                    <dd>
                      <Samples profile={p} />
                    </dd>
                  </dl>
                  <div class="form">
                    <div>
                      <label for={id('type')}>
                        Type<span class="sr"> of {c.label}</span>
                      </label>
                      <select id={id('type')} name={`type.${c.name}`}>
                        {COLUMN_TYPES.map((t) => (
                          <option key={t} value={t} selected={t === c.type}>
                            {TYPE_TITLES[t]}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div>
                      <label for={id('label')}>
                        Label<span class="sr"> of {c.label}</span>
                      </label>
                      <input type="text" id={id('label')} name={`label.${c.name}`} value={e?.label ?? c.label} maxLength={200} />
                    </div>
                    <div>
                      <label for={id('unit')}>
                        Unit<span class="sr"> of {c.label}</span>
                      </label>
                      <input type="text" id={id('unit')} name={`unit.${c.name}`} value={e?.unit ?? ''} maxLength={50} />
                    </div>
                    <div>
                      <label for={id('description')}>
                        Description<span class="sr"> of {c.label}</span>
                      </label>
                      <textarea id={id('description')} name={`description.${c.name}`} rows={2}>
                        {e?.description ?? ''}
                      </textarea>
                    </div>
                  </div>
                </div>
              </fieldset>
            );
          })}
          <p>
            <button type="submit">Save the columns</button> <a href={`/publish/${dataset.slug}/describe`}>Next: describe the dataset</a>
          </p>
        </form>
      ) : (
        <p>
          There are no columns yet: <a href={`/publish/${dataset.slug}/upload`}>upload a file</a> first.
        </p>
      )}
    </PublishLayout>,
  );
}
