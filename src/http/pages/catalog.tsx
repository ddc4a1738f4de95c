import type { SearchPage } from '../../actions/catalog/read-datasets.ts';
import { SEARCH_FACETS, SEARCH_SORTS, type SearchFacet, type SearchSort } from '../../domain/catalog/search.ts';
import { Layout, type LayoutUser } from './components/Layout.tsx';
import { renderPage } from './components/render.tsx';
import type { SafeHtml } from './html.ts';

/** What the catalog page shows, all of it in its URL. */
export interface CatalogState {
  q: string;
  filters: Partial<Record<SearchFacet, string[]>>;
  sort: SearchSort | undefined;
  page: number;
}

const FACET_TITLES: Record<SearchFacet, string> = { organization: 'Organization', theme: 'Theme', keyword: 'Keyword', format: 'Format', license: 'License', frequency: 'Updated' };
const SORT_TITLES: Record<SearchSort, string> = { relevance: 'Best match', updated: 'Recently updated', popular: 'Most viewed', title: 'Title' };

/** The catalog URL for a state: every filter, the search and the sort are in it, so any view can be shared. */
export function catalogHref(s: CatalogState): string {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const f of SEARCH_FACETS) for (const v of s.filters[f] ?? []) p.append(f, v);
  if (s.sort) p.set('sort', s.sort);
  if (s.page > 1) p.set('page', String(s.page));
  const qs = p.toString();
  return qs ? `/datasets?${qs}` : '/datasets';
}

const toggle = (s: CatalogState, facet: SearchFacet, value: string): CatalogState => {
  const now = s.filters[facet] ?? [];
  const next = now.includes(value) ? now.filter((v) => v !== value) : [...now, value];
  return { ...s, page: 1, filters: { ...s.filters, [facet]: next } };
};

function Facets({ state, result }: { state: CatalogState; result: SearchPage }) {
  const shown = SEARCH_FACETS.filter((f) => (result.facets[f]?.length ?? 0) > 0);
  if (!shown.length) return null;
  return (
    <section class="facets" aria-label="Refine the results">
      {shown.map((f) => (
        <div key={f}>
          <h2 id={`facet-${f}`}>{FACET_TITLES[f]}</h2>
          <ul aria-labelledby={`facet-${f}`}>
            {(result.facets[f] ?? []).map(({ value, count }) => {
              const on = state.filters[f]?.includes(value) ?? false;
              return (
                <li key={value}>
                  <a href={catalogHref(toggle(state, f, value))} aria-current={on ? 'true' : undefined}>
                    {on ? '✓ ' : ''}
                    {value}
                  </a>{' '}
                  <span class="meta">({count.toLocaleString('en-US')})</span>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}

function Results({ result }: { result: SearchPage }) {
  return (
    <>
      {result.results.map(({ dataset, organization, live, freshness }) => (
        <article class="card" key={dataset.id}>
          <h2>
            <a href={`/datasets/${dataset.slug}`}>{dataset.title}</a>
          </h2>
          <p class="meta">
            {organization?.name ?? ''}
            {live ? ` · ${live.rowCount?.toLocaleString('en-US') ?? '—'} rows` : ''} · updated {dataset.updatedAt.slice(0, 10)}{' '}
            {live?.source ? <span class="badge">{live.source.format.toUpperCase()}</span> : null}{' '}
            {freshness.overdue ? <span class="badge warn">Update overdue</span> : null}
          </p>
          {dataset.description ? <p>{dataset.description.length > 300 ? `${dataset.description.slice(0, 300)}…` : dataset.description}</p> : null}
        </article>
      ))}
    </>
  );
}

/** The catalog: a search form, facets that refine, sorting and pages; it all works without JavaScript. */
export function catalogPage(siteName: string, state: CatalogState, result: SearchPage, size: number, user?: LayoutUser, scripts?: string[]): SafeHtml {
  const pages = Math.max(1, Math.ceil(result.total / size));
  return renderPage(
    <Layout title={state.q ? `“${state.q}” – Datasets` : 'Datasets'} siteName={siteName} user={user} scripts={scripts}>
      <h1>Datasets</h1>
      <form class="search" role="search" action="/datasets" method="get">
        <div>
          <label for="q">Search datasets</label>
          <br />
          <input id="q" name="q" type="search" value={state.q} />
        </div>
        {SEARCH_FACETS.flatMap((f) => (state.filters[f] ?? []).map((v) => <input key={`${f}=${v}`} type="hidden" name={f} value={v} />))}
        <div>
          <label for="sort">Sort by</label>
          <br />
          <select id="sort" name="sort" data-autosubmit>
            {SEARCH_SORTS.map((s) => (
              <option key={s} value={s} selected={(state.sort ?? (state.q ? 'relevance' : 'updated')) === s}>
                {SORT_TITLES[s]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      <p class="meta" role="status">
        {result.total.toLocaleString('en-US')} {result.total === 1 ? 'dataset' : 'datasets'}
        {state.q ? ` matching “${state.q}”` : ''}
      </p>
      <Facets state={state} result={result} />
      {result.total === 0 ? <p>No datasets match. Try fewer words or remove a filter.</p> : <Results result={result} />}
      {pages > 1 ? (
        <nav aria-label="Pages">
          {state.page > 1 ? <a href={catalogHref({ ...state, page: state.page - 1 })}>Previous page</a> : null}{' '}
          <span class="meta">
            Page {state.page} of {pages}
          </span>{' '}
          {state.page < pages ? <a href={catalogHref({ ...state, page: state.page + 1 })}>Next page</a> : null}
        </nav>
      ) : null}
    </Layout>,
  );
}
