import type { ProblemListPage } from '../../../actions/community/read-problems.ts';
import { PROBLEM_FACETS, PROBLEM_STATUSES, type ProblemFacet, type ProblemStatus } from '../../../domain/community/problems.ts';
import { useT } from '../components/page-context.ts';
import { categoryLabel, statusLabel } from './labels.ts';
import { hrefOf, type ProblemListState } from './list-state.ts';

/** The most values a facet lists (areas may be many). */
const SHOWN = 12;

const isStatus = (v: string): v is ProblemStatus => (PROBLEM_STATUSES as readonly string[]).includes(v);

/** The list with a facet's value chosen, or no longer chosen when it was, from the first page. */
function toggled(s: ProblemListState, facet: ProblemFacet, value: string): ProblemListState {
  const chosen = s[facet] === value ? undefined : value;
  if (facet === 'status') return { ...s, page: 1, status: chosen !== undefined && isStatus(chosen) ? chosen : undefined };
  return { ...s, page: 1, [facet]: chosen };
}

/** The problems found counted by category, status and area, as links that narrow the list to a value or widen it again. */
export function ProblemFacets({ s, result }: { s: ProblemListState; result: ProblemListPage }) {
  const t = useT();
  const label = (facet: ProblemFacet, value: string) =>
    facet === 'category' ? categoryLabel(t, value) : facet === 'status' && isStatus(value) ? statusLabel(t, value) : value;
  const shown = PROBLEM_FACETS.filter((f) => (result.facets?.[f]?.length ?? 0) > 0);
  if (!shown.length) return null;
  return (
    <nav class="facets" aria-label={t.t('problemSearch.refine')}>
      {shown.map((f) => (
        <div key={f}>
          <h2 id={`facet-${f}`}>{t.t(`problemSearch.facet.${f}`)}</h2>
          <ul class="usa-sidenav" aria-labelledby={`facet-${f}`}>
            {(result.facets?.[f] ?? []).slice(0, SHOWN).map(({ value, count }) => {
              const on = s[f] === value;
              return (
                <li class="usa-sidenav__item" key={value}>
                  <a href={hrefOf(toggled(s, f, value), 1)} class={on ? 'usa-current' : undefined} aria-current={on ? 'true' : undefined}>
                    {on ? '✓ ' : ''}
                    {label(f, value)} <span class="meta">({t.number(count)})</span>
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
