import type { SearchPage } from '../../../actions/catalog/read-datasets.ts';
import { SEARCH_FACETS, SEARCH_SORTS, type SearchFacet, type SearchSort } from '../../../domain/catalog/search.ts';
import { searchIconHref } from '../../assets/stylesheet.ts';
import { Layout } from '../components/Layout.tsx';
import { Pagination } from '../components/Pagination.tsx';
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
    <nav class="facets" aria-label={t.t('catalog.refine')}>
      {shown.map((f) => (
        <div key={f}>
          <h2 id={`facet-${f}`}>{t.t(`catalog.facet.${f}`)}</h2>
          <ul class="usa-sidenav" aria-labelledby={`facet-${f}`}>
            {(result.facets[f] ?? []).map(({ value, count, label }) => {
              const on = state.filters[f]?.includes(value) ?? false;
              return (
                <li class="usa-sidenav__item" key={value}>
                  <a href={catalogHref(toggle(state, f, value))} class={on ? 'usa-current' : undefined} aria-current={on ? 'true' : undefined}>
                    {on ? '✓ ' : ''}
                    {VOCAB[f] ? vocab(t, VOCAB[f], value) : (label ?? value)} <span class="meta">({t.number(count)})</span>
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}

function Results({ result, showcases, harvested }: { result: SearchPage; showcases: ReadonlyMap<string, number>; harvested: ReadonlyMap<string, string[]> }) {
  const t = useT();
  return (
    <ul class="card-list">
      {result.results.map(({ dataset, organization, live, freshness }) => (
        <li class="usa-card" key={dataset.id}>
          <article class="usa-card__container">
          <h2 class="usa-card__heading">
            <a href={`/datasets/${dataset.slug}`}>{dataset.title}</a>
          </h2>
          <p class="meta">
            {organization?.name ?? ''}
            {live?.rowCount !== undefined && live.rowCount !== null ? ` · ${t.t('common.rows', { count: live.rowCount })}` : ''} · {t.t('common.updated', { date: dataset.updatedAt })}{' '}
            {live?.source ? <span class="usa-tag badge">{live.source.format.toUpperCase()}</span> : null}{' '}
            {freshness.overdue ? <span class="usa-tag warn badge">{t.t('catalog.overdue')}</span> : null}
            {(harvested.get(dataset.id) ?? []).map((source) => (
              <span key={source} class="usa-tag badge harvested">
                {t.t('harvest.fromSource', { source })}
              </span>
            ))}
            {showcases.get(dataset.id) ? (
              <>
                {' · '}
                <a href={`/showcases?dataset=${encodeURIComponent(dataset.slug)}`}>{t.t('showcases.cardCount', { count: showcases.get(dataset.id) ?? 0 })}</a>
              </>
            ) : null}
          </p>
          {dataset.description ? <p>{dataset.description.length > 300 ? `${dataset.description.slice(0, 300)}…` : dataset.description}</p> : null}
          </article>
        </li>
      ))}
    </ul>
  );
}

/** The catalog: a search form, facets that refine, sorting and pages; it all works without JavaScript. */
export function catalogPage(pc: PageContext, state: CatalogState, result: SearchPage, size: number, scripts?: string[], showcases: ReadonlyMap<string, number> = new Map(), harvested: ReadonlyMap<string, string[]> = new Map(), hasPeers = false): SafeHtml {
  const { t } = pc;
  const pages = Math.max(1, Math.ceil(result.total / size));
  return renderPage(
    <Layout title={state.q ? t.t('catalog.titleSearch', { q: state.q }) : t.t('catalog.title')} scripts={scripts}>
      <h1>{t.t('catalog.title')}</h1>
      <form class="search" action="/datasets" method="get">
        <div class="usa-search" role="search">
          <label class="usa-sr-only" for="q">
            {t.t('catalog.searchLabel')}
          </label>
          <input id="q" name="q" type="search" value={state.q} class="usa-input" />
          <button type="submit" class="usa-button">
            <span class="usa-search__submit-text">{t.t('common.search')}</span>
            <img src={searchIconHref()} class="usa-search__submit-icon" alt={t.t('common.search')} />
          </button>
        </div>
        {SEARCH_FACETS.flatMap((f) => (state.filters[f] ?? []).map((v) => <input key={`${f}=${v}`} type="hidden" name={f} value={v} />))}
        <div class="sort">
          <label class="usa-label" for="sort">
            {t.t('catalog.sortBy')}
          </label>
          <select id="sort" name="sort" data-autosubmit class="usa-select">
            {SEARCH_SORTS.map((s) => (
              <option key={s} value={s} selected={(state.sort ?? (state.q ? 'relevance' : 'updated')) === s}>
                {t.t(`catalog.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {hasPeers ? (
        <p>
          <a href={`/search?${new URLSearchParams({ q: state.q, peers: '1' }).toString()}`}>{t.t('peers.catalogLink')}</a>
        </p>
      ) : null}
      <div class="catalog">
        <Facets state={state} result={result} />
        <div class="results">
          <p class="meta" role="status">
            {state.q ? t.t('catalog.countMatching', { count: result.total, q: state.q }) : t.t('common.datasets', { count: result.total })}
          </p>
          {result.total === 0 ? <p>{t.t('catalog.none')}</p> : <Results result={result} showcases={showcases} harvested={harvested} />}
          <Pagination
            page={state.page}
            pages={pages}
            href={(page) => catalogHref({ ...state, page })}
            label={t.t('catalog.pages')}
            previous={t.t('catalog.previous')}
            next={t.t('catalog.next')}
            pageOf={t.t('catalog.pageOf', { page: state.page, pages })}
          />
        </div>
      </div>
    </Layout>,
    pc,
  );
}
