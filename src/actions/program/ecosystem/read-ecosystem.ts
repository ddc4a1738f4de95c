import type { Organization } from '../../../domain/catalog/types.ts';
import { notFound } from '../../../domain/errors.ts';
import { canRunProgram } from '../../../domain/program/policy.ts';
import type { EcoActor, EcoRelation } from '../../../domain/program/ecosystem.ts';
import { filterGraph, type EcoGraph, type GraphFilter } from '../../../domain/program/ecosystem-measures.ts';
import type { Deps, Principal } from '../../deps.ts';

/** Every actor on the ecosystem map, by slug: what projects pick their partners from. Public. */
export async function listActors(deps: Deps): Promise<EcoActor[]> {
  return deps.catalog.ecosystem.listActors();
}

/** One relationship seen from an actor: the other actor and which way it reads. */
export interface RelationFromActor {
  relation: EcoRelation;
  other: EcoActor;
  /** `out`: "this actor funds the other"; `in`: "the other funds this actor". */
  direction: 'out' | 'in';
}

export interface ActorDetail {
  actor: EcoActor;
  /** Its Plaza organization, when linked. */
  organization: Organization | undefined;
  relations: RelationFromActor[];
  /** Whether the principal may change the map. */
  mayEdit: boolean;
}

/** An actor by slug or id, or not found. Public. */
export async function findActor(deps: Deps, slugOrId: string): Promise<EcoActor> {
  const actor = await deps.catalog.ecosystem.getActor(slugOrId);
  if (!actor) throw notFound('Actor', slugOrId);
  return actor;
}

/** One actor with its relationships both ways and its Plaza organization. Public. */
export async function getActor(deps: Deps, p: Principal, slugOrId: string): Promise<ActorDetail> {
  const actor = await findActor(deps, slugOrId);
  const [rels, all] = await Promise.all([deps.catalog.ecosystem.listRelations(actor.id), deps.catalog.ecosystem.listActors()]);
  const byId = new Map(all.map((a) => [a.id, a]));
  const relations: RelationFromActor[] = [];
  for (const relation of rels) {
    const out = relation.fromId === actor.id;
    const other = byId.get(out ? relation.toId : relation.fromId);
    if (other) relations.push({ relation, other, direction: out ? 'out' : 'in' });
  }
  const organization = actor.organizationId ? await deps.catalog.datasets.getOrganization(actor.organizationId) : undefined;
  return { actor, organization, relations, mayEdit: canRunProgram(p) };
}

export interface EcosystemView {
  /** The actors and relationships passing the filter. */
  graph: EcoGraph;
  /** Every topic on the map's actors, sorted: the filter's choices. */
  topics: string[];
  total: { actors: number; relations: number };
}

/** The whole map, or the part passing a filter (the relationships among the actors shown). Public. */
export async function getEcosystem(deps: Deps, filter: GraphFilter = {}): Promise<EcosystemView> {
  const [actors, relations] = await Promise.all([deps.catalog.ecosystem.listActors(), deps.catalog.ecosystem.listRelations()]);
  const topics = [...new Set(actors.flatMap((a) => a.topics))].sort();
  return { graph: filterGraph({ actors, relations }, filter), topics, total: { actors: actors.length, relations: relations.length } };
}

/** Whether the principal may add, change and remove actors and relationships. */
export const mayEditEcosystem = (p: Principal): boolean => canRunProgram(p);

/** One relationship with its actors, or not found. Public. */
export async function getRelation(deps: Deps, id: string): Promise<{ relation: EcoRelation; from: EcoActor; to: EcoActor }> {
  const relation = await deps.catalog.ecosystem.getRelation(id);
  const from = relation && (await deps.catalog.ecosystem.getActor(relation.fromId));
  const to = relation && (await deps.catalog.ecosystem.getActor(relation.toId));
  if (!relation || !from || !to) throw notFound('Relationship', id);
  return { relation, from, to };
}
