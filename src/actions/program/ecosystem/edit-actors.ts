import { invalidInput } from '../../../domain/catalog/schemas.ts';
import { actorFields, slugOf, type EcoActor } from '../../../domain/program/ecosystem.ts';
import { recordActivity } from '../../activity/record.ts';
import type { Deps, Principal } from '../../deps.ts';
import { fieldError, organizationOf, requireStaff } from './access.ts';
import { findActor } from './read-ecosystem.ts';

export const DUPLICATE_ACTOR_RULE = 'Another actor already has this slug; choose another name or slug.';

/** Adds an actor to the map (program staff). Its slug comes from its name unless given; a slug taken is refused. */
export async function createActor(deps: Deps, p: Principal, input: unknown): Promise<EcoActor> {
  requireStaff(p, 'Changing the ecosystem map');
  const parsed = actorFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The actor is', parsed.error);
  const v = parsed.data;
  const slug = v.slug || slugOf(v.name);
  if (!slug) throw fieldError('name', 'Give the actor a name with letters or digits.');
  if (await deps.catalog.ecosystem.getActor(slug)) throw fieldError('slug', DUPLICATE_ACTOR_RULE, 'conflict');
  const org = await organizationOf(deps.catalog, v.organization);
  const now = deps.clock.now().toISOString();
  const actor: EcoActor = { id: deps.newId(), slug, name: v.name, kind: v.kind, topics: v.topics, note: v.note, website: v.website, organizationId: org?.id ?? null, createdAt: now, updatedAt: now };
  return deps.catalog.transaction(async (tx) => {
    await tx.ecosystem.createActor(actor);
    await recordActivity(deps, tx, p, { verb: 'ecosystem.actor_added', organizationId: actor.organizationId, summary: `added ${actor.name} to the ecosystem map`, details: { actor: actor.slug } });
    return actor;
  });
}

/** Changes an actor (program staff); a new slug must be free. */
export async function updateActor(deps: Deps, p: Principal, slugOrId: string, input: unknown): Promise<EcoActor> {
  requireStaff(p, 'Changing the ecosystem map');
  const had = await findActor(deps, slugOrId);
  const parsed = actorFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The actor is', parsed.error);
  const v = parsed.data;
  const slug = v.slug || had.slug;
  const other = slug === had.slug ? undefined : await deps.catalog.ecosystem.getActor(slug);
  if (other && other.id !== had.id) throw fieldError('slug', DUPLICATE_ACTOR_RULE, 'conflict');
  const org = await organizationOf(deps.catalog, v.organization);
  const actor: EcoActor = { ...had, slug, name: v.name, kind: v.kind, topics: v.topics, note: v.note, website: v.website, organizationId: org?.id ?? null, updatedAt: deps.clock.now().toISOString() };
  return deps.catalog.transaction(async (tx) => {
    await tx.ecosystem.updateActor(actor);
    await recordActivity(deps, tx, p, { verb: 'ecosystem.actor_updated', organizationId: actor.organizationId, summary: `changed ${actor.name} on the ecosystem map`, details: { actor: actor.slug } });
    return actor;
  });
}

/** Removes an actor and its relationships (program staff). */
export async function deleteActor(deps: Deps, p: Principal, slugOrId: string): Promise<void> {
  requireStaff(p, 'Changing the ecosystem map');
  const had = await findActor(deps, slugOrId);
  await deps.catalog.transaction(async (tx) => {
    await tx.ecosystem.deleteActor(had.id);
    await recordActivity(deps, tx, p, { verb: 'ecosystem.actor_removed', organizationId: had.organizationId, summary: `removed ${had.name} from the ecosystem map`, details: { actor: had.slug } });
  });
}
