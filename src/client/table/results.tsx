import type { Translator } from '../../domain/i18n/translator.ts';
import type { ColumnType } from '../../domain/table/types.ts';
import { queryString, stateParams, type RecordsParams, type TableState } from './state.ts';

/**
 * The parts of the table explorer that change with its state: the count, the
 * rows (with headers that sort), the pages and the download links. The server renders them into the
 * page; the browser island renders the same components again after each change.
 */

export interface ResultField {
  name: string;
  label: string;
  type: ColumnType;
}

/** A page of records: the count of all matching rows, the fields and the page's rows. */
export interface ResultPage {
  total: number;
  fields: ResultField[];
  results: Record<string, unknown>[];
}

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson', 'geojson', 'parquet', 'xlsx'] as const;

/** A value as table text: objects as JSON, long text cut at 200 characters. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/** The address of the table view in another state (another page, say). */
export const viewHref = (slug: string, s: TableState): string => {
  const q = stateParams(s).toString();
  return `/datasets/${slug}/table${q ? `?${q}` : ''}`;
};

export interface ResultsProps {
  /** The reader's translator (the server's, or one the island builds from the messages the page hands it: `table.*` and `dataset.type.*`). */
  t: Translator;
  slug: string;
  state: TableState;
  page: ResultPage;
  /** The dataset's columns with the labels pages show (the data dictionary's, where the publisher wrote one), to head the table with. */
  columns?: ReadonlyArray<{ name: string; label: string }> | undefined;
}

/** How many rows match: said once, in the page's status line, which the island updates (and screen readers then announce). */
export function MatchCount({ t, total }: { t: Translator; total: number }) {
  return (
    <span id="table-count">
      <strong>{t.t('table.matching', { count: total })}</strong>
    </span>
  );
}

/** A column's header: a link sorting by it (ascending first, then the other way), with aria-sort on the column sorted by. */
function Header({ t, slug, state, field }: { t: Translator; slug: string; state: TableState; field: ResultField }) {
  const title = t.t(`dataset.type.${field.type}`);
  if (field.type === 'geometry')
    return (
      <th scope="col" title={title}>
        {field.label}
      </th>
    );
  const sorted = state.sort === field.name;
  const dir = sorted && state.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" title={title} aria-sort={sorted ? (state.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={viewHref(slug, { ...state, sort: field.name, dir, page: 1 })} data-sort={field.name} data-dir={dir}>
        {field.label}
        {sorted ? <span aria-hidden="true">{state.dir === 'asc' ? ' ▲' : ' ▼'}</span> : null}
      </a>
    </th>
  );
}

/** The rows of the current page, and links to the pages either side; the count of matching rows is the page's status line. */
export function Results({ t, slug, state, page, columns }: ResultsProps) {
  const labels = new Map((columns ?? []).map((c) => [c.name, c.label]));
  const total = page.total;
  const first = (state.page - 1) * state.size + 1;
  const last = first + page.results.length - 1;
  const more = last < total;
  const compact = state.density === 'compact';
  return (
    <>
      {page.results.length ? (
        <div class="scroll" tabIndex={0} role="region" aria-labelledby="table-caption">
          <table class={compact ? 'usa-table usa-table--compact compact' : 'usa-table'}>
            <caption id="table-caption" style="text-align:left;padding:.3rem .5rem">
              {t.t('table.caption', { first, last })}
            </caption>
            <thead>
              <tr>
                {page.fields.map((f) => (
                  <Header key={f.name} t={t} slug={slug} state={state} field={{ ...f, label: labels.get(f.name) ?? f.label }} />
                ))}
              </tr>
            </thead>
            <tbody>
              {page.results.map((r, i) => (
                <tr key={i}>
                  {page.fields.map((f) => (
                    <td key={f.name}>{compact ? <div>{cellText(r[f.name])}</div> : cellText(r[f.name])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{total && state.page > 1 ? <a href={viewHref(slug, { ...state, page: 1 })}>{t.t('table.noRowsOnPage')}</a> : t.t('table.noRowsMatch')}</p>
      )}
      {state.page > 1 || more ? (
        <nav aria-label={t.t('table.pages')} style="display:flex;gap:1.5rem;margin:.5rem 0">
          {state.page > 1 ? (
            <a href={viewHref(slug, { ...state, page: state.page - 1 })} data-page={state.page - 1} rel="prev">
              {t.t('table.previous', { n: state.size })}
            </a>
          ) : null}
          {more ? (
            <a href={viewHref(slug, { ...state, page: state.page + 1 })} data-page={state.page + 1} rel="next">
              {t.t('table.next', { n: state.size })}
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

export interface DownloadsProps {
  t: Translator;
  slug: string;
  state: TableState;
  params: RecordsParams;
  /** Whether the rows shown include a geometry column (GeoJSON needs one). */
  geometry: boolean;
  /** Whether the whole dataset has one. */
  anyGeometry: boolean;
}

/** Download links for the rows the filters match, in every format, and for the whole dataset; and the API for this view. */
export function Downloads({ t, slug, state, params, geometry, anyGeometry }: DownloadsProps) {
  const base = `/api/v1/datasets/${slug}/export`;
  const q = queryString(params);
  const api = stateParams(state).toString();
  const filtered = Boolean(q);
  return (
    <section class="card" aria-labelledby="downloads">
      <h2 id="downloads">{t.t('table.download')}</h2>
      {filtered ? (
        <p>
          {t.t('table.viewRows')}{' '}
          {EXPORT_FORMATS.filter((f) => f !== 'geojson' || geometry).flatMap((f) => [
            <a key={f} href={`${base}/${f}?${q}`} data-format={f}>
              {t.t('table.formatThisView', { format: f.toUpperCase() })}
            </a>,
            ' ',
          ])}
        </p>
      ) : null}
      <p>
        {t.t('table.wholeDataset')}{' '}
        {EXPORT_FORMATS.filter((f) => f !== 'geojson' || anyGeometry).flatMap((f) => [
          <a key={f} href={`${base}/${f}`}>
            {f.toUpperCase()}
          </a>,
          ' ',
        ])}
      </p>
      <p>
        <a id="api-link" href={`/datasets/${slug}/api${api ? `?${api}` : ''}`}>
          {t.t('table.apiForView')}
        </a>
      </p>
    </section>
  );
}
