import type { ComponentChildren } from 'preact';
import { PROBLEM_STATUSES } from '../../../domain/community/problems.ts';
import { useT } from '../components/page-context.ts';
import { categoryLabel, statusLabel } from './labels.ts';

/** What the problem filter form needs: where it goes, the chosen category and status, and its own fields before and after them. */
export interface ProblemFilterFormProps {
  /** The page the form asks (`/problems`, `/problems/map`). */
  action: string;
  category: string | undefined;
  status: string | undefined;
  categories: readonly string[];
  /** Fields before the category. */
  before?: ComponentChildren;
  /** Fields after the status. */
  after?: ComponentChildren;
}

/** The form filtering problems by category and status, shared by the list and the map. */
export function ProblemFilterForm({ action, category, status, categories, before, after }: ProblemFilterFormProps) {
  const t = useT();
  return (
    <form method="get" action={action} class="problem-filters" aria-label={t.t('problems.filters')}>
      {before}
      <div class="usa-form-group">
        <label class="usa-label" for="category">{t.t('problems.categoryLabel')}</label>
        <select id="category" name="category" class="usa-select">
          <option value="">{t.t('problems.any')}</option>
          {categories.map((c) => (
            <option key={c} value={c} selected={category === c}>{categoryLabel(t, c)}</option>
          ))}
        </select>
      </div>
      <div class="usa-form-group">
        <label class="usa-label" for="status">{t.t('problems.statusLabel')}</label>
        <select id="status" name="status" class="usa-select">
          <option value="">{t.t('problems.any')}</option>
          {PROBLEM_STATUSES.map((o) => (
            <option key={o} value={o} selected={status === o}>{statusLabel(t, o)}</option>
          ))}
        </select>
      </div>
      {after}
      <button type="submit" class="usa-button">{t.t('problems.show')}</button>
    </form>
  );
}
