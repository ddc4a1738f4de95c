import { z } from 'zod';
import type { ActorDetail } from '../../../actions/program/ecosystem/read-ecosystem.ts';
import type { EcoActor, EcoRelation } from '../../../domain/program/ecosystem.ts';

export const actorUrl = (slug: string): string => `/api/v1/ecosystem/actors/${encodeURIComponent(slug)}`;

export const actorSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.string(),
  topics: z.array(z.string()),
  note: z.string(),
  website: z.string(),
  organization_id: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  links: z.object({ self: z.string(), page: z.string() }),
});

export const relationSchema = z.object({
  id: z.string(),
  from: z.string().describe('The slug of the actor it reads from'),
  to: z.string().describe('The slug of the actor it reads to'),
  kind: z.string(),
  topics: z.array(z.string()),
  note: z.string(),
  created_at: z.string(),
});

export const actorDetailSchema = actorSchema.extend({
  organization: z.object({ slug: z.string(), name: z.string() }).nullable(),
  relationships: z.array(relationSchema.extend({ direction: z.enum(['out', 'in']) })),
});

export const presentActor = (a: EcoActor) => ({
  id: a.id,
  slug: a.slug,
  name: a.name,
  kind: a.kind,
  topics: a.topics,
  note: a.note,
  website: a.website,
  organization_id: a.organizationId,
  created_at: a.createdAt,
  updated_at: a.updatedAt,
  links: { self: actorUrl(a.slug), page: `/ecosystem/actors/${encodeURIComponent(a.slug)}` },
});

/** A relationship with its actors by slug (`slugOf` finds them by id). */
export const presentRelation = (r: EcoRelation, slugOf: (id: string) => string) => ({
  id: r.id,
  from: slugOf(r.fromId),
  to: slugOf(r.toId),
  kind: r.kind,
  topics: r.topics,
  note: r.note,
  created_at: r.createdAt,
});

export function presentActorDetail(d: ActorDetail) {
  const slugs = new Map([[d.actor.id, d.actor.slug], ...d.relations.map((x) => [x.other.id, x.other.slug] as [string, string])]);
  return {
    ...presentActor(d.actor),
    organization: d.organization ? { slug: d.organization.slug, name: d.organization.name } : null,
    relationships: d.relations.map((x) => ({ ...presentRelation(x.relation, (id) => slugs.get(id) ?? id), direction: x.direction })),
  };
}
