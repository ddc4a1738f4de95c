import type { RequestListPage } from '../../../actions/community/read-requests.ts';
import { REQUEST_SORTS, REQUEST_STATUSES, type RequestSort, type RequestStatus } from '../../../domain/community/requests.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { Pagination } from '../components/Pagination.tsx';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { FacetLinks, SearchBox } from '../community/search.tsx';
import { requestPath, requestStatusLabel } from './labels.ts';

/** The list's state, from its URL. */
export interface RequestListState {
  sort: RequestSort;
  status: RequestStatus | undefined;
  /** An organization's slug. */
  organization: string | undefined;
  page: number;
  /** The text searched for; empty or absent for none. */
  q?: string;
  /** Whether `sort` was asked for: a search without one is ordered by relevance. */
  sortChosen?: boolean;
}

export interface OrganizationChoice {
  id: string;
  slug: string;
  name: string;
}

export const REQUESTS_PER_PAGE = 20;

const STYLE = `.request-filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end;margin:1rem 0}.request-filters .usa-form-group{margin:0}
.request-filters .usa-select{max-width:14rem}.request-card .meta{margin:.25rem 0}.votes{font-weight:600}`;

function hrefOf(s: RequestListState, page: number): string {
  const q = new URLSearchParams();
  if (s.q) q.set('q', s.q);
  if (s.sort !== 'votes' || (s.q && s.sortChosen)) q.set('sort', s.sort);
  if (s.status) q.set('status', s.status);
  if (s.organization) q.set('organization', s.organization);
  if (page > 1) q.set('page', String(page));
  const text = q.toString();
  return text ? `/requests?${text}` : '/requests';
}

function Filters({ s, organizations }: { s: RequestListState; organizations: OrganizationChoice[] }) {
  const t = useT();
  return (
    <form method="get" action="/requests" class="request-filters" aria-label={t.t('requests.filters')}>
      <SearchBox label={t.t('requestSearch.label')} value={s.q ?? ''} />
      <div class="usa-form-group">
        <label class="usa-label" for="sort">{t.t('requests.sortBy')}</label>
        <select id="sort" name="sort" class="usa-select">
          {s.q ? <option value="" selected={!s.sortChosen}>{t.t('requestSearch.relevance')}</option> : null}
          {REQUEST_SORTS.map((o) => (
            <option key={o} value={o} selected={s.sort === o && (!s.q || s.sortChosen === true)}>{t.t(`requests.sort.${o}`)}</option>
          ))}
        </select>
      </div>
      <div class="usa-form-group">
        <label class="usa-label" for="status">{t.t('requests.statusLabel')}</label>
        <select id="status" name="status" class="usa-select">
          <option value="">{t.t('requests.any')}</option>
          {REQUEST_STATUSES.map((o) => (
            <option key={o} value={o} selected={s.status === o}>{requestStatusLabel(t, o)}</option>
          ))}
        </select>
      </div>
      <div class="usa-form-group">
        <label class="usa-label" for="organization">{t.t('requests.organizationLabel')}</label>
        <select id="organization" name="organization" class="usa-select">
          <option value="">{t.t('requests.any')}</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.slug} selected={s.organization === o.slug}>{o.name}</option>
          ))}
        </select>
      </div>
      <button type="submit" class="usa-button">{t.t('requests.show')}</button>
    </form>
  );
}

function RequestList({ s, result, organizations, signedIn }: { s: RequestListState; result: RequestListPage; organizations: OrganizationChoice[]; signedIn: boolean }) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(result.total / REQUESTS_PER_PAGE));
  const orgName = new Map(organizations.map((o) => [o.id, o.name]));
  return (
    <>
      <h1>{t.t('requests.title')}</h1>
      <p>{t.t('requests.intro')}</p>
      <p>
        <a class="usa-button" href={signedIn ? '/requests/new' : `/sign-in?next=${encodeURIComponent('/requests/new')}`}>
          {t.t(signedIn ? 'requests.ask' : 'requests.signInToAsk')}
        </a>
      </p>
      <Filters s={s} organizations={organizations} />
      <div class="catalog">
      <FacetLinks
        label={t.t('requestSearch.refine')}
        heading={t.t('requests.statusLabel')}
        counts={result.facets?.status ?? []}
        chosen={s.status}
        href={(v) => hrefOf({ ...s, status: v as RequestStatus | undefined }, 1)}
        valueLabel={(v) => requestStatusLabel(t, v)}
      />
      <div class="results">
      <p role="status">{s.q ? t.t('requestSearch.countMatching', { count: result.total, q: s.q }) : t.t('requests.count', { count: result.total })}</p>
      {result.results.map((r) => (
        <article class="card request-card" key={r.id}>
          <h2>
            <a href={requestPath(r.id)}>{r.title}</a>
          </h2>
          <p class="meta">
            <span class="usa-tag">{requestStatusLabel(t, r.status)}</span>
            {r.organizationId && orgName.has(r.organizationId) ? ` ${orgName.get(r.organizationId)} ·` : ''} <span class="votes">{t.t('requests.votes', { count: r.votes })}</span>
            {result.voted.has(r.id) ? ` · ${t.t('requests.youVoted')}` : ''}
          </p>
          <p>{r.description.length > 240 ? `${r.description.slice(0, 239)}…` : r.description}</p>
        </article>
      ))}
      {pages > 1 ? <Pagination page={s.page} pages={pages} href={(n) => hrefOf(s, n)} label={t.t('requests.pages')} previous={t.t('requests.previous')} next={t.t('requests.next')} pageOf={t.t('requests.pageOf', { page: s.page, pages })} /> : null}
      </div>
      </div>
    </>
  );
}

/** `/requests`: dataset requests, most voted first, with filters as a form that works without JavaScript. */
export function requestsPage(pc: PageContext, s: RequestListState, result: RequestListPage, organizations: OrganizationChoice[]): SafeHtml {
  return renderPage(
    <Layout title={s.q ? pc.t.t('requestSearch.title', { q: s.q }) : pc.t.t('requests.title')} description={pc.t.t('requests.intro')} styles={STYLE}>
      <RequestList s={s} result={result} organizations={organizations} signedIn={pc.user !== undefined} />
    </Layout>,
    pc,
  );
}
