import { stylesheet } from '../../assets/stylesheet.ts';

export interface PaginationProps {
  /** The current page, from 1. */
  page: number;
  pages: number;
  /** The address of a page. */
  href: (page: number) => string;
  /** The navigation's name, and the words for the arrows and the page's place (already in the reader's language). */
  label: string;
  previous: string;
  next: string;
  pageOf: string;
}

/** The pages a reader can jump to: the first, the last, and the current one with its neighbours; `0` marks a gap. */
export function pageSlots(page: number, pages: number): number[] {
  const wanted = [...new Set([1, page - 1, page, page + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return wanted.flatMap((p, i) => (i > 0 && p - wanted[i - 1]! > 1 ? [0, p] : [p]));
}

function Arrow({ icon }: { icon: string }) {
  return (
    <svg class="usa-icon" aria-hidden="true" focusable="false" role="img">
      <use href={`${stylesheet().icons.path}#${icon}`} />
    </svg>
  );
}

/** USWDS pagination: previous and next arrows and the nearby page numbers, as plain links. */
export function Pagination({ page, pages, href, label, previous, next, pageOf }: PaginationProps) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} class="usa-pagination">
      <ul class="usa-pagination__list">
        {page > 1 ? (
          <li class="usa-pagination__item usa-pagination__arrow">
            <a href={href(page - 1)} class="usa-pagination__link usa-pagination__previous-page" rel="prev">
              <Arrow icon="navigate_before" />
              <span class="usa-pagination__link-text">{previous}</span>
            </a>
          </li>
        ) : null}
        {pageSlots(page, pages).map((p, i) =>
          p === 0 ? (
            <li key={`gap-${i}`} class="usa-pagination__item usa-pagination__overflow" aria-hidden="true">
              <span>…</span>
            </li>
          ) : (
            <li key={p} class="usa-pagination__item usa-pagination__page-no">
              <a href={href(p)} class={p === page ? 'usa-pagination__button usa-current' : 'usa-pagination__button'} aria-current={p === page ? 'page' : undefined}>
                {p}
              </a>
            </li>
          ),
        )}
        {page < pages ? (
          <li class="usa-pagination__item usa-pagination__arrow">
            <a href={href(page + 1)} class="usa-pagination__link usa-pagination__next-page" rel="next">
              <span class="usa-pagination__link-text">{next}</span>
              <Arrow icon="navigate_next" />
            </a>
          </li>
        ) : null}
      </ul>
      <p class="usa-sr-only">{pageOf}</p>
    </nav>
  );
}
