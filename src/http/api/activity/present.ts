import { z } from 'zod';
import type { ActivityItem, ActivityPage } from '../../../actions/activity/list-activity.ts';

/** How the activity stream leaves the API. */

export const activityEntrySchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actor: z.object({ name: z.string() }),
  verb: z.string(),
  summary: z.string(),
  dataset: z.object({ slug: z.string(), title: z.string() }).nullable(),
  organization: z.object({ slug: z.string(), name: z.string() }).nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const activityPageSchema = z.object({
  results: z.array(activityEntrySchema),
  next_before: z.number().int().nullable().describe('Pass as `before` to get the next, older page; null on the last page.'),
});

export function presentActivity({ entry, dataset, organization }: ActivityItem): z.infer<typeof activityEntrySchema> {
  return {
    id: entry.id,
    seq: entry.seq,
    at: entry.at,
    actor: { name: entry.actorName },
    verb: entry.verb,
    summary: entry.summary,
    dataset: dataset ? { slug: dataset.slug, title: dataset.title } : null,
    organization: organization ? { slug: organization.slug, name: organization.name } : null,
    details: entry.details,
  };
}

/** A page of the stream, newest first, with where the next (older) page starts. */
export const presentActivityPage = (page: ActivityPage): z.infer<typeof activityPageSchema> => ({ results: page.items.map(presentActivity), next_before: page.nextBefore });
