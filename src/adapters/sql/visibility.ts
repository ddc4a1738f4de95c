import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Visibility } from '../../domain/catalog/search.ts';
import type { CatalogDb } from './schema.ts';

/** Statuses anyone may see (when the dataset is not private). */
export const PUBLIC_STATUSES = ['published', 'archived'] as const;

/**
 * The rule of who sees a dataset, in SQL over the `datasets` table: published
 * or archived and not private, or in an organization the reader belongs to,
 * or everything for site administrators. Mirrors `canSeeDataset` in the domain.
 */
export function datasetVisible(e: ExpressionBuilder<CatalogDb, 'datasets'>, v: Visibility): Expression<SqlBool> {
  if (v.all) return sql<boolean>`1 = 1`;
  const open = e.and([e('datasets.status', 'in', [...PUBLIC_STATUSES]), e('datasets.access_level', '<>', 'private')]);
  return v.organizationIds.length ? e.or([open, e('datasets.organization_id', 'in', v.organizationIds)]) : open;
}
