import type { Dataset, DictionaryEntry, Organization, Resource, Version } from '../../domain/catalog/types.ts';
import type { DatasetListQuery, DatasetPatch, NewVersion, VersionCompletion } from '../../ports/store/datasets.ts';
import type { Db } from './dialect.ts';
import { datasetColumns, toDataset, toDictionaryEntry, toOrganization, toResource, toVersion } from './rows.ts';

export async function createOrganization(db: Db, o: Organization): Promise<void> {
  await db.insertInto('organizations').values({ id: o.id, slug: o.slug, name: o.name, description: o.description, created_at: o.createdAt }).execute();
}

export async function getOrganization(db: Db, idOrSlug: string): Promise<Organization | undefined> {
  const r = await db.selectFrom('organizations').selectAll().where((e) => e.or([e('id', '=', idOrSlug), e('slug', '=', idOrSlug)])).executeTakeFirst();
  return r && toOrganization(r);
}

export async function listOrganizations(db: Db): Promise<Organization[]> {
  return (await db.selectFrom('organizations').selectAll().orderBy('name').execute()).map(toOrganization);
}

export async function updateOrganization(db: Db, id: string, patch: Partial<Pick<Organization, 'name' | 'description'>>): Promise<void> {
  const values = { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.description !== undefined ? { description: patch.description } : {}) };
  if (Object.keys(values).length) await db.updateTable('organizations').set(values).where('id', '=', id).execute();
}

export async function createDataset(db: Db, d: Dataset): Promise<void> {
  await db.insertInto('datasets').values(datasetColumns(d) as Required<ReturnType<typeof datasetColumns>>).execute();
}

export async function getDataset(db: Db, idOrSlug: string): Promise<Dataset | undefined> {
  const r = await db.selectFrom('datasets').selectAll().where((e) => e.or([e('id', '=', idOrSlug), e('slug', '=', idOrSlug)])).executeTakeFirst();
  return r && toDataset(r);
}

export async function getDatasets(db: Db, ids: string[]): Promise<Dataset[]> {
  if (!ids.length) return [];
  const rows = (await db.selectFrom('datasets').selectAll().where('id', 'in', ids).execute()).map(toDataset);
  const byId = new Map(rows.map((d) => [d.id, d]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function listDatasets(db: Db, q: DatasetListQuery): Promise<{ total: number; results: Dataset[] }> {
  let base = db.selectFrom('datasets');
  if (q.organizationId) base = base.where('organization_id', '=', q.organizationId);
  const total = await base.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('updated_at', 'desc').orderBy('slug').limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), results: rows.map(toDataset) };
}

export async function updateDataset(db: Db, id: string, patch: DatasetPatch): Promise<void> {
  const values = datasetColumns(patch);
  if (Object.keys(values).length) await db.updateTable('datasets').set(values).where('id', '=', id).execute();
}

export async function deleteDataset(db: Db, id: string): Promise<void> {
  await db.deleteFrom('data_dictionary').where('dataset_id', '=', id).execute();
  await db.updateTable('datasets').set({ live_version_id: null }).where('id', '=', id).execute();
  await db.deleteFrom('versions').where('dataset_id', '=', id).execute();
  await db.deleteFrom('resources').where('dataset_id', '=', id).execute();
  await db.deleteFrom('datasets').where('id', '=', id).execute();
}

export async function setLiveVersion(db: Db, datasetId: string, versionId: string, at: string): Promise<void> {
  await db.updateTable('datasets').set({ live_version_id: versionId, updated_at: at, data_updated_at: at }).where('id', '=', datasetId).execute();
}

export async function addPopularity(db: Db, datasetId: string, by: number): Promise<void> {
  await db.updateTable('datasets').set((e) => ({ popularity: e('popularity', '+', by) })).where('id', '=', datasetId).execute();
}

export async function getDictionary(db: Db, datasetId: string): Promise<DictionaryEntry[]> {
  return (await db.selectFrom('data_dictionary').selectAll().where('dataset_id', '=', datasetId).orderBy('column_name').execute()).map(toDictionaryEntry);
}

export async function putDictionary(db: Db, datasetId: string, entries: DictionaryEntry[]): Promise<void> {
  for (const e of entries) {
    const row = { dataset_id: datasetId, column_name: e.column, label: e.label, description: e.description, unit: e.unit };
    await db
      .insertInto('data_dictionary')
      .values(row)
      .onConflict((oc) => oc.columns(['dataset_id', 'column_name']).doUpdateSet({ label: e.label, description: e.description, unit: e.unit }))
      .execute();
  }
}

export async function createResource(db: Db, r: Resource): Promise<void> {
  await db
    .insertInto('resources')
    .values({
      id: r.id,
      dataset_id: r.datasetId,
      kind: r.kind,
      name: r.name,
      description: r.description,
      source_url: r.sourceUrl,
      blob_key: r.blobKey,
      size_bytes: r.sizeBytes,
      format: r.format,
      created_at: r.createdAt,
    })
    .execute();
}

export async function getResource(db: Db, id: string): Promise<Resource | undefined> {
  const r = await db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toResource(r);
}

export async function listResources(db: Db, datasetId: string): Promise<Resource[]> {
  return (await db.selectFrom('resources').selectAll().where('dataset_id', '=', datasetId).orderBy('created_at', 'desc').orderBy('id').execute()).map(toResource);
}

export async function deleteResource(db: Db, id: string): Promise<void> {
  await db.updateTable('versions').set({ resource_id: null }).where('resource_id', '=', id).execute();
  await db.deleteFrom('resources').where('id', '=', id).execute();
}

export async function createVersion(db: Db, v: NewVersion, at: string): Promise<Version> {
  // Locks the dataset's row until the transaction ends, so versions of one
  // dataset created at the same time get consecutive numbers on PostgreSQL
  // (SQLite runs one write transaction at a time already).
  await db.updateTable('datasets').set((e) => ({ updated_at: e.ref('updated_at') })).where('id', '=', v.datasetId).execute();
  const last = await db.selectFrom('versions').select((e) => e.fn.max('number').as('n')).where('dataset_id', '=', v.datasetId).executeTakeFirst();
  const row = {
    id: v.id,
    dataset_id: v.datasetId,
    number: Number(last?.n ?? 0) + 1,
    status: 'pending',
    resource_id: v.resourceId,
    row_count: null,
    rejected_count: 0,
    columns: '[]',
    profile: '{}',
    source: null,
    warnings: '[]',
    data_key: null,
    rejects_key: null,
    error: null,
    type_overrides: JSON.stringify(v.typeOverrides),
    created_at: at,
    completed_at: null,
  };
  await db.insertInto('versions').values(row).execute();
  return toVersion(row);
}

export async function getVersion(db: Db, id: string): Promise<Version | undefined> {
  const r = await db.selectFrom('versions').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toVersion(r);
}

export async function getVersions(db: Db, ids: string[]): Promise<Version[]> {
  if (!ids.length) return [];
  return (await db.selectFrom('versions').selectAll().where('id', 'in', ids).execute()).map(toVersion);
}

export async function listVersions(db: Db, datasetId: string): Promise<Version[]> {
  return (await db.selectFrom('versions').selectAll().where('dataset_id', '=', datasetId).orderBy('number', 'desc').execute()).map(toVersion);
}

export async function completeVersion(db: Db, id: string, d: VersionCompletion, at: string): Promise<void> {
  await db
    .updateTable('versions')
    .set({
      status: 'ready',
      row_count: d.rowCount,
      rejected_count: d.rejectedCount,
      columns: JSON.stringify(d.columns),
      profile: JSON.stringify(d.profile),
      source: JSON.stringify(d.source),
      warnings: JSON.stringify(d.warnings),
      data_key: d.dataKey,
      rejects_key: d.rejectsKey,
      completed_at: at,
    })
    .where('id', '=', id)
    .execute();
}

export async function failVersion(db: Db, id: string, error: string, at: string): Promise<void> {
  await db.updateTable('versions').set({ status: 'failed', error, completed_at: at }).where('id', '=', id).execute();
}
