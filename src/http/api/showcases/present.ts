import { z } from 'zod';
import type { ShowcaseDetail } from '../../../actions/showcases/read-showcases.ts';
import { SHOWCASE_KINDS, SHOWCASE_STATES, type Showcase } from '../../../domain/community/showcases.ts';
import type { ShowcasePage } from '../../../ports/store/showcases.ts';

/** How showcases leave the API. */

export const showcaseUrl = (id: string): string => `/api/v1/showcases/${encodeURIComponent(id)}`;

/** The address of one width of a showcase's image. */
export const showcaseImageUrl = (id: string, width: number): string => `/showcases/${encodeURIComponent(id)}/image-${width}.webp`;

export const showcaseSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(SHOWCASE_KINDS),
  description: z.string(),
  link: z.string().describe('Where it can be seen: an http(s) address'),
  made_by: z.string().describe('Who made it'),
  image: z.record(z.string(), z.string()).nullable().describe('The image at each width, in pixels, as WebP; null without one'),
  image_alt: z.string(),
  state: z.enum(SHOWCASE_STATES),
  state_reason: z.string().nullable().describe('Why it was not approved'),
  dataset_ids: z.array(z.string()),
  origin_url: z.string().nullable().describe('The showcase\'s page at the peer it was copied from; null for showcases submitted here'),
  created_at: z.string(),
  updated_at: z.string(),
  links: z.object({ self: z.string(), page: z.string() }),
});

export function presentShowcase(s: Showcase, widths: readonly number[]): z.infer<typeof showcaseSchema> {
  return {
    id: s.id,
    title: s.title,
    kind: s.kind,
    description: s.description,
    link: s.link,
    made_by: s.madeBy,
    image: s.image ? Object.fromEntries(widths.map((w) => [String(w), showcaseImageUrl(s.id, w)])) : null,
    image_alt: s.imageAlt,
    state: s.state,
    state_reason: s.stateReason,
    dataset_ids: s.datasetIds,
    origin_url: s.originUrl ?? null,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    links: { self: showcaseUrl(s.id), page: `/showcases/${encodeURIComponent(s.id)}` },
  };
}

export const showcaseListSchema = z.object({
  total: z.number().int(),
  results: z.array(showcaseSchema),
  facets: z
    .object({ kind: z.array(z.object({ value: z.string(), count: z.number().int() })) })
    .describe('The showcases found, counted by kind, most first; the counts apply every filter but the kind'),
});

export const presentShowcaseList = (page: ShowcasePage, widths: readonly number[]): z.infer<typeof showcaseListSchema> => ({
  total: page.total,
  results: page.results.map((s) => presentShowcase(s, widths)),
  facets: { kind: page.facets?.kind ?? [] },
});

export const showcaseDetailSchema = showcaseSchema.extend({
  datasets: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string() })).describe('The datasets it uses that are public'),
});

export const presentShowcaseDetail = (d: ShowcaseDetail, widths: readonly number[]): z.infer<typeof showcaseDetailSchema> => ({
  ...presentShowcase(d.showcase, widths),
  datasets: d.datasets.map((x) => ({ id: x.id, slug: x.slug, title: x.title })),
});
