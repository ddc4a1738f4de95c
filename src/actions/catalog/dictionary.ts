import { z } from 'zod';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import type { Dataset, DictionaryEntry, Version } from '../../domain/catalog/types.ts';
import { AppError } from '../../domain/errors.ts';
import { COLUMN_ROLES } from '../../domain/table/types.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import { recordActivity } from '../activity/record.ts';
import type { Deps, Principal } from '../deps.ts';
import { editableDataset } from './access.ts';

export const dictionaryFields = z.object({
  columns: z
    .array(
      z.object({
        name: z.string().min(1),
        label: z.string().trim().max(200).optional(),
        description: z.string().trim().max(5000).optional(),
        unit: z.string().trim().max(50).optional(),
        /** The column's role; empty to go back to the inferred one. */
        role: z.enum(['', ...COLUMN_ROLES], { message: `must be one of ${COLUMN_ROLES.join(', ')}, or empty for the inferred role` }).optional(),
      }),
    )
    .min(1, 'Describe at least one column.'),
});

/** One entry per column of the live version, in column order: what publishers wrote, or the header as the label. */
export function mergeDictionary(live: Version | undefined, entries: DictionaryEntry[]): DictionaryEntry[] {
  const byColumn = new Map(entries.map((e) => [e.column, e]));
  return (live?.columns ?? []).map((c) => byColumn.get(c.name) ?? { column: c.name, label: c.label, description: '', unit: '' });
}

/** Seeds entries for columns that have none, from the column headers; run when a version goes live. */
export async function seedDictionary(store: CatalogStore, datasetId: string, live: Version): Promise<void> {
  const have = new Set((await store.datasets.getDictionary(datasetId)).map((e) => e.column));
  const missing = live.columns.filter((c) => !have.has(c.name) && !c.name.startsWith('__'));
  if (missing.length) await store.datasets.putDictionary(datasetId, missing.map((c) => ({ column: c.name, label: c.label, description: '', unit: '' })));
}

/** Sets labels, descriptions and units of columns of the live version (editors). */
export async function updateDictionary(deps: Deps, p: Principal, idOrSlug: string, input: unknown): Promise<DictionaryEntry[]> {
  const parsed = dictionaryFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The data dictionary is', parsed.error);
  return deps.catalog.transaction(async (tx) => {
    const dataset: Dataset = await editableDataset(deps, p, idOrSlug, tx);
    const live = dataset.liveVersionId ? await tx.datasets.getVersion(dataset.liveVersionId) : undefined;
    const current = mergeDictionary(live, await tx.datasets.getDictionary(dataset.id));
    const byName = new Map(current.map((e) => [e.column, e]));
    const unknown = parsed.data.columns.filter((c) => !byName.has(c.name));
    if (unknown.length) {
      throw new AppError('validation_failed', `The dataset has no column ${unknown.map((c) => `"${c.name}"`).join(', ')}.`, {
        fields: unknown.map((c) => ({ field: `columns.${c.name}`, message: 'is not a column of the live version.' })),
      });
    }
    const entries = parsed.data.columns.map((c) => {
      const was = byName.get(c.name)!;
      const role = c.role === undefined ? was.role : c.role === '' ? undefined : c.role;
      return { column: c.name, label: c.label ?? was.label, description: c.description ?? was.description, unit: c.unit ?? was.unit, ...(role ? { role } : {}) };
    });
    await tx.datasets.putDictionary(dataset.id, entries);
    await tx.datasets.updateDataset(dataset.id, { updatedAt: deps.clock.now().toISOString() });
    await recordActivity(deps, tx, p, { verb: 'dataset.dictionary_updated', datasetId: dataset.id, organizationId: dataset.organizationId, summary: `described ${entries.length === 1 ? 'a column' : `${entries.length} columns`}`, details: { columns: entries.map((e) => e.column) } });
    return mergeDictionary(live, await tx.datasets.getDictionary(dataset.id));
  });
}
