import type { FacetCount } from '../../../domain/catalog/search.ts';
import { searchIconHref } from '../../assets/stylesheet.ts';
import { useT } from '../components/page-context.ts';

/** A list's search box, inside the list's own GET form: `q`, kept as typed. */
export function SearchBox({ label, value }: { label: string; value: string }) {
  const t = useT();
  return (
    <div class="usa-search" role="search">
      <label class="usa-sr-only" for="q">{label}</label>
      <input id="q" name="q" type="search" value={value} maxLength={500} class="usa-input" />
      <button type="submit" class="usa-button">
        <span class="usa-search__submit-text">{t.t('common.search')}</span>
        <img src={searchIconHref()} class="usa-search__submit-icon" alt={t.t('common.search')} />
      </button>
    </div>
  );
}

/**
 * One facet's counts as links: each narrows the list to its value, or widens
 * it again when chosen already.
 */
export function FacetLinks(props: {
  /** The navigation's name, for screen readers. */
  label: string;
  heading: string;
  counts: FacetCount[];
  chosen: string | undefined;
  /** The list's address with this value chosen (undefined: none chosen), from the first page. */
  href: (value: string | undefined) => string;
  valueLabel: (value: string) => string;
}) {
  const t = useT();
  if (!props.counts.length) return null;
  return (
    <nav class="facets" aria-label={props.label}>
      <h2 id="facet-list">{props.heading}</h2>
      <ul class="usa-sidenav" aria-labelledby="facet-list">
        {props.counts.map(({ value, count }) => {
          const on = props.chosen === value;
          return (
            <li class="usa-sidenav__item" key={value}>
              <a href={props.href(on ? undefined : value)} class={on ? 'usa-current' : undefined} aria-current={on ? 'true' : undefined}>
                {on ? '✓ ' : ''}
                {props.valueLabel(value)} <span class="meta">({t.number(count)})</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
