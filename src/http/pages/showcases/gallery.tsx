import type { Dataset } from '../../../domain/catalog/types.ts';
import { SHOWCASE_KINDS, type ShowcaseKind } from '../../../domain/community/showcases.ts';
import type { ShowcasePage } from '../../../ports/store/showcases.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { Pagination } from '../components/Pagination.tsx';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { FacetLinks, SearchBox } from '../community/search.tsx';
import { ShowcasePicture } from './picture.tsx';

/** The gallery's state, from its URL. */
export interface GalleryState {
  kind: ShowcaseKind | undefined;
  /** A dataset's slug. */
  dataset: string | undefined;
  page: number;
  /** The text searched for; empty or absent for none. */
  q?: string;
}

export const SHOWCASES_PER_PAGE = 24;

export const GALLERY_STYLE = `.showcase-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem;margin:1rem 0;padding:0;list-style:none}
.showcase-card{border:1px solid var(--line);border-radius:6px;overflow:hidden;display:flex;flex-direction:column}.showcase-card picture img{display:block;width:100%;aspect-ratio:16/10;object-fit:cover;background:#f0f0f0}
.showcase-card .body{padding:.75rem 1rem}.showcase-card h2,.showcase-card h3{font-size:1.15rem;margin:.25rem 0}.showcase-card p{margin:.25rem 0;overflow-wrap:anywhere}
.showcase-filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end;margin:1rem 0}.showcase-filters .usa-form-group{margin:0}.showcase-filters .usa-select{max-width:16rem}`;

function hrefOf(s: GalleryState, page: number): string {
  const q = new URLSearchParams();
  if (s.q) q.set('q', s.q);
  if (s.kind) q.set('kind', s.kind);
  if (s.dataset) q.set('dataset', s.dataset);
  if (page > 1) q.set('page', String(page));
  const text = q.toString();
  return text ? `/showcases?${text}` : '/showcases';
}

/** One showcase as a card, with its heading at the level its list asks. */
export function ShowcaseCard({ s, widths, level = 2 }: { s: ShowcasePage['results'][number]; widths: readonly number[]; level?: 2 | 3 }) {
  const t = useT();
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <li class="showcase-card">
      <ShowcasePicture s={s} widths={widths} sizes="(max-width: 40em) 100vw, 20rem" />
      <div class="body">
        <span class="usa-tag">{t.t(`showcases.kind.${s.kind}`)}</span>
        <H>
          <a href={`/showcases/${encodeURIComponent(s.id)}`}>{s.title}</a>
        </H>
        <p>{t.t('showcases.madeBy', { name: s.madeBy })}</p>
        <p>{s.description.length > 180 ? `${s.description.slice(0, 179)}…` : s.description}</p>
      </div>
    </li>
  );
}

function Filters({ s, datasets }: { s: GalleryState; datasets: readonly Dataset[] }) {
  const t = useT();
  return (
    <form method="get" action="/showcases" class="showcase-filters" aria-label={t.t('showcases.filters')}>
      <SearchBox label={t.t('showcaseSearch.label')} value={s.q ?? ''} />
      <div class="usa-form-group">
        <label class="usa-label" for="kind">{t.t('showcases.kindLabel')}</label>
        <select id="kind" name="kind" class="usa-select">
          <option value="">{t.t('showcases.any')}</option>
          {SHOWCASE_KINDS.map((k) => (
            <option key={k} value={k} selected={s.kind === k}>{t.t(`showcases.kind.${k}`)}</option>
          ))}
        </select>
      </div>
      <div class="usa-form-group">
        <label class="usa-label" for="dataset">{t.t('showcases.datasetLabel')}</label>
        <select id="dataset" name="dataset" class="usa-select">
          <option value="">{t.t('showcases.any')}</option>
          {datasets.map((d) => (
            <option key={d.id} value={d.slug} selected={s.dataset === d.slug}>{d.title}</option>
          ))}
        </select>
      </div>
      <button type="submit" class="usa-button">{t.t('showcases.show')}</button>
    </form>
  );
}

export interface GalleryData {
  result: ShowcasePage;
  /** The datasets to filter by. */
  datasets: readonly Dataset[];
  widths: readonly number[];
  mayReview: boolean;
}

/** `/showcases`: approved showcases, newest first, filtered by kind and dataset with a form that works without JavaScript. */
export function galleryPage(pc: PageContext, s: GalleryState, d: GalleryData): SafeHtml {
  const t = pc.t;
  const pages = Math.max(1, Math.ceil(d.result.total / SHOWCASES_PER_PAGE));
  return renderPage(
    <Layout title={s.q ? t.t('showcaseSearch.title', { q: s.q }) : t.t('showcases.title')} description={t.t('showcases.intro')} styles={GALLERY_STYLE}>
      <h1>{t.t('showcases.title')}</h1>
      <p>{t.t('showcases.intro')}</p>
      <p>
        <a class="usa-button" href={pc.user ? '/showcases/new' : `/sign-in?next=${encodeURIComponent('/showcases/new')}`}>
          {t.t(pc.user ? 'showcases.submit' : 'showcases.signInToSubmit')}
        </a>
        {d.mayReview ? (
          <a class="usa-button usa-button--outline" href="/showcases/review">
            {t.t('showcases.review')}
          </a>
        ) : null}
      </p>
      <Filters s={s} datasets={d.datasets} />
      <div class="catalog">
      <FacetLinks
        label={t.t('showcaseSearch.refine')}
        heading={t.t('showcaseSearch.kind')}
        counts={d.result.facets?.kind ?? []}
        chosen={s.kind}
        href={(v) => hrefOf({ ...s, kind: v as ShowcaseKind | undefined }, 1)}
        valueLabel={(v) => t.t(`showcases.kind.${v}`)}
      />
      <div class="results">
      <p role="status">{s.q ? t.t('showcaseSearch.countMatching', { count: d.result.total, q: s.q }) : t.t('showcases.count', { count: d.result.total })}</p>
      <ul class="showcase-grid">
        {d.result.results.map((x) => (
          <ShowcaseCard key={x.id} s={x} widths={d.widths} />
        ))}
      </ul>
      {pages > 1 ? <Pagination page={s.page} pages={pages} href={(n) => hrefOf(s, n)} label={t.t('showcases.pages')} previous={t.t('showcases.previous')} next={t.t('showcases.next')} pageOf={t.t('showcases.pageOf', { page: s.page, pages })} /> : null}
      </div>
      </div>
    </Layout>,
    pc,
  );
}
