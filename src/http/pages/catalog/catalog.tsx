import type { SearchPage } from '../../../actions/catalog/read-datasets.ts';
import { SEARCH_FACETS, SEARCH_SORTS, type SearchFacet, type SearchSort } from '../../../domain/catalog/search.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { vocab } from '../components/vocab.ts';
import type { SafeHtml } from '../html.ts';

/** What the catalog page shows, all of it in its URL. */
export interface CatalogState {
  q: string;
  filters: Partial<Record<SearchFacet, string[]>>;
  sort: SearchSort | undefined;
  page: number;
}


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

/** A facet value as readers know it: a license's or frequency's name, a theme in their language. */
const VOCAB: Partial<Record<SearchFacet, 'license' | 'frequency' | 'theme'>> = { license: 'license', frequency: 'frequency', theme: 'theme' };

function Facets({ state, result }: { state: CatalogState; result: SearchPage }) {
  const t = useT();
  const shown = SEARCH_FACETS.filter((f) => (result.facets[f]?.length ?? 0) > 0);
  if (!shown.length) return null;
  return (
    <section class="facets" aria-label={t.t('catalog.refine')}>
      {shown.map((f) => (
        <div key={f}>
          <h2 id={`facet-${f}`}>{t.t(`catalog.facet.${f}`)}</h2>
          <ul aria-labelledby={`facet-${f}`}>
            {(result.facets[f] ?? []).map(({ value, count, label }) => {
              const on = state.filters[f]?.includes(value) ?? false;
              return (
                <li key={value}>
                  <a href={catalogHref(toggle(state, f, value))} aria-current={on ? 'true' : undefined}>
                    {on ? '✓ ' : ''}
                    {VOCAB[f] ? vocab(t, VOCAB[f], value) : (label ?? value)}
                  </a>{' '}
                  <span class="meta">({t.number(count)})</span>
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
  const t = useT();
  return (
    <>
      {result.results.map(({ dataset, organization, live, freshness }) => (
        <article class="card" key={dataset.id}>
          <h2>
            <a href={`/datasets/${dataset.slug}`}>{dataset.title}</a>
          </h2>
          <p class="meta">
            {organization?.name ?? ''}
            {live?.rowCount !== undefined && live.rowCount !== null ? ` · ${t.t('common.rows', { count: live.rowCount })}` : ''} · {t.t('common.updated', { date: dataset.updatedAt })}{' '}
            {live?.source ? <span class="badge">{live.source.format.toUpperCase()}</span> : null}{' '}
            {freshness.overdue ? <span class="badge warn">{t.t('catalog.overdue')}</span> : null}
          </p>
          {dataset.description ? <p>{dataset.description.length > 300 ? `${dataset.description.slice(0, 300)}…` : dataset.description}</p> : null}
        </article>
      ))}
    </>
  );
}

/** The catalog: a search form, facets that refine, sorting and pages; it all works without JavaScript. */
export function catalogPage(pc: PageContext, state: CatalogState, result: SearchPage, size: number, scripts?: string[]): SafeHtml {
  const { t } = pc;
  const pages = Math.max(1, Math.ceil(result.total / size));
  return renderPage(
    <Layout title={state.q ? t.t('catalog.titleSearch', { q: state.q }) : t.t('catalog.title')} scripts={scripts}>
      <h1>{t.t('catalog.title')}</h1>
      <form class="search" role="search" action="/datasets" method="get">
        <div>
          <label for="q">{t.t('catalog.searchLabel')}</label>
          <br />
          <input id="q" name="q" type="search" value={state.q} />
        </div>
        {SEARCH_FACETS.flatMap((f) => (state.filters[f] ?? []).map((v) => <input key={`${f}=${v}`} type="hidden" name={f} value={v} />))}
        <div>
          <label for="sort">{t.t('catalog.sortBy')}</label>
          <br />
          <select id="sort" name="sort" data-autosubmit>
            {SEARCH_SORTS.map((s) => (
              <option key={s} value={s} selected={(state.sort ?? (state.q ? 'relevance' : 'updated')) === s}>
                {t.t(`catalog.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t.t('common.search')}</button>
      </form>
      <p class="meta" role="status">
        {state.q ? t.t('catalog.countMatching', { count: result.total, q: state.q }) : t.t('common.datasets', { count: result.total })}
      </p>
      <Facets state={state} result={result} />
      {result.total === 0 ? <p>{t.t('catalog.none')}</p> : <Results result={result} />}
      {pages > 1 ? (
        <nav aria-label={t.t('catalog.pages')}>
          {state.page > 1 ? <a href={catalogHref({ ...state, page: state.page - 1 })}>{t.t('catalog.previous')}</a> : null}{' '}
          <span class="meta">{t.t('catalog.pageOf', { page: state.page, pages })}</span>{' '}
          {state.page < pages ? <a href={catalogHref({ ...state, page: state.page + 1 })}>{t.t('catalog.next')}</a> : null}
        </nav>
      ) : null}
    </Layout>,
    pc,
  );
}
