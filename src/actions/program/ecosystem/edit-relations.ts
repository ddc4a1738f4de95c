import { invalidInput } from '../../../domain/catalog/schemas.ts';
import { notFound } from '../../../domain/errors.ts';
import { relationFields, SELF_RELATION_RULE, type EcoRelation } from '../../../domain/program/ecosystem.ts';
import type { CatalogStore } from '../../../ports/catalog-store.ts';
import { recordActivity } from '../../activity/record.ts';
import type { Deps, Principal } from '../../deps.ts';
import { fieldError, requireStaff } from './access.ts';

export const DUPLICATE_RELATION_RULE = 'These two actors already have this relationship.';
export const NO_ACTOR_RULE = 'There is no actor with this slug on the map.';

/** The checked relationship: both actors found, not the same, not there already (but for `self`). */
async function checked(store: CatalogStore, input: unknown, self?: EcoRelation) {
  const parsed = relationFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The relationship is', parsed.error);
  const v = parsed.data;
  const from = await store.ecosystem.getActor(v.from);
  if (!from) throw fieldError('from', NO_ACTOR_RULE);
  const to = await store.ecosystem.getActor(v.to);
  if (!to) throw fieldError('to', NO_ACTOR_RULE);
  if (from.id === to.id) throw fieldError('to', SELF_RELATION_RULE);
  const existing = await store.ecosystem.listRelations(from.id);
  if (existing.some((r) => r.id !== self?.id && r.fromId === from.id && r.toId === to.id && r.kind === v.kind)) throw fieldError('kind', DUPLICATE_RELATION_RULE, 'conflict');
  return { v, from, to };
}

/** Adds a relationship "from → to" (program staff): both actors by slug. */
export async function createRelation(deps: Deps, p: Principal, input: unknown): Promise<EcoRelation> {
  requireStaff(p, 'Changing the ecosystem map');
  const { v, from, to } = await checked(deps.catalog, input);
  const rel: EcoRelation = { id: deps.newId(), fromId: from.id, toId: to.id, kind: v.kind, topics: v.topics, note: v.note, createdAt: deps.clock.now().toISOString() };
  return deps.catalog.transaction(async (tx) => {
    await tx.ecosystem.createRelation(rel);
    await recordActivity(deps, tx, p, { verb: 'ecosystem.relation_added', organizationId: null, summary: `linked ${from.name} and ${to.name} on the ecosystem map`, details: { from: from.slug, to: to.slug, kind: rel.kind } });
    return rel;
  });
}

async function findRelation(deps: Deps, id: string): Promise<EcoRelation> {
  const rel = await deps.catalog.ecosystem.getRelation(id);
  if (!rel) throw notFound('Relationship', id);
  return rel;
}

/** Changes a relationship (program staff). */
export async function updateRelation(deps: Deps, p: Principal, id: string, input: unknown): Promise<EcoRelation> {
  requireStaff(p, 'Changing the ecosystem map');
  const had = await findRelation(deps, id);
  const { v, from, to } = await checked(deps.catalog, input, had);
  const rel: EcoRelation = { ...had, fromId: from.id, toId: to.id, kind: v.kind, topics: v.topics, note: v.note };
  return deps.catalog.transaction(async (tx) => {
    await tx.ecosystem.updateRelation(rel);
    await recordActivity(deps, tx, p, { verb: 'ecosystem.relation_updated', organizationId: null, summary: `changed how ${from.name} and ${to.name} relate on the ecosystem map`, details: { from: from.slug, to: to.slug, kind: rel.kind } });
    return rel;
  });
}

/** Removes a relationship (program staff). */
export async function deleteRelation(deps: Deps, p: Principal, id: string): Promise<void> {
  requireStaff(p, 'Changing the ecosystem map');
  const had = await findRelation(deps, id);
  await deps.catalog.transaction(async (tx) => {
    await tx.ecosystem.deleteRelation(had.id);
    await recordActivity(deps, tx, p, { verb: 'ecosystem.relation_removed', organizationId: null, summary: 'removed a relationship from the ecosystem map', details: { relation: had.id, kind: had.kind } });
  });
}
