import { z } from 'zod';
import type { ChampionDetail } from '../../../actions/champions/read-champions.ts';
import { CHAMPION_TIERS, CHANNEL_KINDS, type Champion } from '../../../domain/program/champions.ts';

/** How champions leave the API: only the channels the reader may see are in the profile. */

export const championUrl = (slug: string): string => `/api/v1/champions/${encodeURIComponent(slug)}`;

export const championSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  tier: z.enum(CHAMPION_TIERS),
  organization_id: z.string().nullable(),
  department: z.string(),
  topics: z.array(z.string()),
  bio: z.string(),
  channels: z.array(z.object({ kind: z.enum(CHANNEL_KINDS), value: z.string(), place: z.string(), shown: z.boolean() })).describe('The ways to reach them: to readers, only those the person chose to show'),
  dataset_ids: z.array(z.string()),
  project_ids: z.array(z.string()).describe('The co-design projects they look after'),
  published: z.boolean(),
  linked_to_account: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  links: z.object({ self: z.string(), page: z.string() }),
});

export function presentChampion(c: Champion): z.infer<typeof championSchema> {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    tier: c.tier,
    organization_id: c.organizationId,
    department: c.department,
    topics: c.topics,
    bio: c.bio,
    channels: c.channels.map((x) => ({ kind: x.kind, value: x.value, place: x.place, shown: x.shown })),
    dataset_ids: c.datasetIds,
    project_ids: c.projectIds,
    published: c.published,
    linked_to_account: c.userId !== null,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    links: { self: championUrl(c.slug), page: `/champions/${encodeURIComponent(c.slug)}` },
  };
}

export const championListSchema = z.object({ total: z.number().int(), results: z.array(championSchema) });

export const championDetailSchema = championSchema.extend({
  datasets: z
    .array(z.object({ id: z.string(), slug: z.string(), title: z.string(), freshness: z.enum(['on_time', 'overdue', 'never']), next_due: z.string().nullable(), last_updated: z.string().nullable() }))
    .describe('The public datasets they look after, each with its freshness'),
  projects: z
    .array(z.object({ id: z.string(), slug: z.string(), title: z.string(), phase: z.string().describe('The name of its current phase'), launched: z.boolean() }))
    .describe('The co-design projects they look after, by title'),
});

export const presentChampionDetail = (d: ChampionDetail): z.infer<typeof championDetailSchema> => ({
  ...presentChampion(d.champion),
  datasets: d.datasets.map((x) => ({ id: x.dataset.id, slug: x.dataset.slug, title: x.dataset.title, freshness: x.state, next_due: x.freshness.nextDue, last_updated: x.freshness.lastUpdated })),
  projects: d.projects.map((x) => ({ id: x.project.id, slug: x.project.slug, title: x.project.title, phase: x.phase, launched: x.launched })),
});
