import type { ActorKind } from '../../src/domain/program/ecosystem-kinds.ts';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';
import { at, uid } from './factories.ts';

/** Problem statements and ecosystem actors for tests of what reads them, kept through their own store areas. */

/** A problem statement linking the problems and datasets given (by id). */
export async function insertStatement(store: CatalogStore, s: { title?: string; problemIds?: string[]; datasetIds?: string[] } = {}): Promise<{ id: string; title: string }> {
  const id = uid('statement');
  const title = s.title ?? `Statement ${id}`;
  await store.events.createStatement({ id, title, affected: 'Residents', need: 'To know', measure: 'Fewer complaints', dataNotes: '', eventId: null, problemIds: s.problemIds ?? [], datasetIds: s.datasetIds ?? [], authorId: 'user-1', createdAt: at(), updatedAt: at() });
  return { id, title };
}

/** An ecosystem actor of the kind given. */
export async function insertActor(store: CatalogStore, a: { name?: string; kind: ActorKind }): Promise<{ id: string; name: string; kind: string }> {
  const id = uid('actor');
  const name = a.name ?? `Actor ${id}`;
  await store.ecosystem.createActor({ id, slug: id, name, kind: a.kind, topics: [], note: '', website: '', organizationId: null, createdAt: at(), updatedAt: at() });
  return { id, name, kind: a.kind };
}

/** One agency, one community organization and one tech partner. */
export async function insertPartners(store: CatalogStore, names: [string, string, string] = ['City Agency', 'Neighbors Group', 'Code Shop']): Promise<string[]> {
  const kinds = ['agency', 'community_organization', 'tech_partner'] as const;
  const out: string[] = [];
  for (let i = 0; i < 3; i++) out.push((await insertActor(store, { name: names[i]!, kind: kinds[i]! })).id);
  return out;
}
