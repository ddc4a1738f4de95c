import type { ProblemListPage } from '../../../actions/community/read-problems.ts';
import { PROBLEM_SORTS, PROBLEM_STATUSES, type ProblemSort, type ProblemStatus } from '../../../domain/community/problems.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { Pagination } from '../components/Pagination.tsx';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { categoryLabel, placeLabel, statusLabel } from './labels.ts';
import { filterQuery } from './map.tsx';

/** The list's state, from its URL. */
export interface ProblemListState {
  sort: ProblemSort;
  category: string | undefined;
  status: ProblemStatus | undefined;
  /** An area's name, and an organization's slug, as the map links to them. */
  area?: string | undefined;
  organization?: string | undefined;
  page: number;
}

export const PROBLEMS_PER_PAGE = 20;

const STYLE = `.problem-filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end;margin:1rem 0}.problem-filters .usa-form-group{margin:0}
.problem-filters .usa-select{max-width:14rem}.problem-card .meta{margin:.25rem 0}.votes{font-weight:600}`;

function hrefOf(s: ProblemListState, page: number): string {
  const q = new URLSearchParams();
  if (s.sort !== 'votes') q.set('sort', s.sort);
  if (s.category) q.set('category', s.category);
  if (s.status) q.set('status', s.status);
  if (s.area) q.set('area', s.area);
  if (s.organization) q.set('organization', s.organization);
  if (page > 1) q.set('page', String(page));
  const text = q.toString();
  return text ? `/problems?${text}` : '/problems';
}

function Filters({ s, categories }: { s: ProblemListState; categories: readonly string[] }) {
  const t = useT();
  return (
    <form method="get" action="/problems" class="problem-filters" aria-label={t.t('problems.filters')}>
      <div class="usa-form-group">
        <label class="usa-label" for="sort">{t.t('problems.sortBy')}</label>
        <select id="sort" name="sort" class="usa-select">
          {PROBLEM_SORTS.map((o) => (
            <option key={o} value={o} selected={s.sort === o}>{t.t(`problems.sort.${o}`)}</option>
          ))}
        </select>
      </div>
      <div class="usa-form-group">
        <label class="usa-label" for="category">{t.t('problems.categoryLabel')}</label>
        <select id="category" name="category" class="usa-select">
          <option value="">{t.t('problems.any')}</option>
          {categories.map((c) => (
            <option key={c} value={c} selected={s.category === c}>{categoryLabel(t, c)}</option>
          ))}
        </select>
      </div>
      <div class="usa-form-group">
        <label class="usa-label" for="status">{t.t('problems.statusLabel')}</label>
        <select id="status" name="status" class="usa-select">
          <option value="">{t.t('problems.any')}</option>
          {PROBLEM_STATUSES.map((o) => (
            <option key={o} value={o} selected={s.status === o}>{statusLabel(t, o)}</option>
          ))}
        </select>
      </div>
      <button type="submit" class="usa-button">{t.t('problems.show')}</button>
    </form>
  );
}

function ProblemList({ s, result, categories, signedIn }: { s: ProblemListState; result: ProblemListPage; categories: readonly string[]; signedIn: boolean }) {
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
      <Filters s={s} categories={categories} />
      <p role="status">{t.t('problems.count', { count: result.total })}</p>
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
    </>
  );
}

/** `/problems`: the problem inventory, most voted first, with its filters as a form that works without JavaScript. */
export function problemsPage(pc: PageContext, s: ProblemListState, result: ProblemListPage, categories: readonly string[]): SafeHtml {
  return renderPage(
    <Layout title={pc.t.t('problems.title')} description={pc.t.t('problems.intro')} styles={STYLE}>
      <ProblemList s={s} result={result} categories={categories} signedIn={pc.user !== undefined} />
    </Layout>,
    pc,
  );
}
