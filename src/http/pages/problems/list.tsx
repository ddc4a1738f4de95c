import type { ProblemListPage } from '../../../actions/community/read-problems.ts';
import { PROBLEM_SORTS } from '../../../domain/community/problems.ts';
import { searchIconHref } from '../../assets/stylesheet.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { Pagination } from '../components/Pagination.tsx';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { categoryLabel, placeLabel, statusLabel } from './labels.ts';
import { ProblemFilterForm } from './filter-form.tsx';
import { AreaOrganizationFields, type OrganizationChoice } from './place-fields.tsx';
import { filterQuery } from './map.tsx';
import { ProblemFacets } from './facets.tsx';
import { hrefOf, sortOf, type ProblemListState } from './list-state.ts';

export type { ProblemListState } from './list-state.ts';

export const PROBLEMS_PER_PAGE = 20;

const STYLE = `.problem-filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end;margin:1rem 0}.problem-filters .usa-form-group{margin:0}
.problem-filters .usa-select{max-width:14rem}.problem-card .meta{margin:.25rem 0}.votes{font-weight:600}`;

function Filters({ s, categories, organizations }: { s: ProblemListState; categories: readonly string[]; organizations: readonly OrganizationChoice[] }) {
  const t = useT();
  return (
    <ProblemFilterForm
      action="/problems"
      category={s.category}
      status={s.status}
      categories={categories}
      after={<AreaOrganizationFields area={s.area} organization={s.organization} organizations={organizations} />}
      before={
        <>
          <div class="usa-search" role="search">
            <label class="usa-sr-only" for="q">{t.t('problemSearch.label')}</label>
            <input id="q" name="q" type="search" value={s.q} maxLength={500} class="usa-input" />
            <button type="submit" class="usa-button">
              <span class="usa-search__submit-text">{t.t('common.search')}</span>
              <img src={searchIconHref()} class="usa-search__submit-icon" alt={t.t('common.search')} />
            </button>
          </div>
          <div class="usa-form-group">
            <label class="usa-label" for="sort">{t.t('problems.sortBy')}</label>
            <select id="sort" name="sort" class="usa-select">
              {PROBLEM_SORTS.map((o) => (
                // The default order is sent as no order, so a new search is ordered by relevance and a cleared one by votes.
                <option key={o} value={o === sortOf({ ...s, sort: undefined }) ? '' : o} selected={sortOf(s) === o}>{t.t(`problems.sort.${o}`)}</option>
              ))}
            </select>
          </div>
        </>
      }
    />
  );
}

function ProblemList({ s, result, categories, organizations, signedIn }: { s: ProblemListState; result: ProblemListPage; categories: readonly string[]; organizations: readonly OrganizationChoice[]; signedIn: boolean }) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(result.total / PROBLEMS_PER_PAGE));
  return (
    <>
      <h1>{t.t('problems.title')}</h1>
      <p>{t.t('problems.intro')}</p>
      <p>
        <a class="usa-button" href={signedIn ? '/problems/new' : `/sign-in?next=${encodeURIComponent('/problems/new')}`}>
          {t.t(signedIn ? 'problems.post' : 'problems.signInToPost')}
        </a>
      </p>
      <p>
        <a href={`/problems/map${filterQuery({ category: s.category, status: s.status, area: s.area, organization: s.organization })}`}>{t.t('problemMaps.viewMap')}</a>
      </p>
      <Filters s={s} categories={categories} organizations={organizations} />
      <div class="catalog">
        <ProblemFacets s={s} result={result} />
            <div class="results">
          <p role="status">{s.q ? t.t('problemSearch.countMatching', { count: result.total, q: s.q }) : t.t('problems.count', { count: result.total })}</p>
          {result.results.map((p) => (
            <article class="card problem-card" key={p.id}>
              <h2>
                <a href={`/problems/${encodeURIComponent(p.id)}`}>{p.title}</a>
              </h2>
              <p class="meta">
                <span class="usa-tag">{statusLabel(t, p.status)}</span> {categoryLabel(t, p.category)} · {placeLabel(t, p)} · <span class="votes">{t.t('problems.votes', { count: p.votes })}</span>
                {result.voted.has(p.id) ? ` · ${t.t('problems.youVoted')}` : ''}
              </p>
              <p>{p.description.length > 240 ? `${p.description.slice(0, 239)}…` : p.description}</p>
            </article>
          ))}
          {pages > 1 ? <Pagination page={s.page} pages={pages} href={(n) => hrefOf(s, n)} label={t.t('problems.pages')} previous={t.t('problems.previous')} next={t.t('problems.next')} pageOf={t.t('problems.pageOf', { page: s.page, pages })} /> : null}
        </div>
      </div>
    </>
  );
}

/** `/problems`: the problem inventory, most voted first or best matches first when searched, with its search, filters and counts as a form and links that work without JavaScript. */
export function problemsPage(pc: PageContext, s: ProblemListState, result: ProblemListPage, categories: readonly string[], organizations: readonly OrganizationChoice[] = []): SafeHtml {
  return renderPage(
    <Layout title={s.q ? pc.t.t('problemSearch.title', { q: s.q }) : pc.t.t('problems.title')} description={pc.t.t('problems.intro')} styles={STYLE}>
      <ProblemList s={s} result={result} categories={categories} organizations={organizations} signedIn={pc.user !== undefined} />
    </Layout>,
    pc,
  );
}
