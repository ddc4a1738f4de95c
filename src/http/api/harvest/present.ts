import { z } from 'zod';
import type { Provenance } from '../../../actions/harvest/harvested.ts';
import type { HarvestMark } from '../../../actions/harvest/marks.ts';
import type { SourceView } from '../../../actions/harvest/source-views.ts';
import { HARVEST_KINDS, type HarvestRun, type HarvestSource } from '../../../domain/harvest/types.ts';
import { maskUrl } from '../../../domain/net/mask-url.ts';
import type { HarvestNotes } from '../../../ports/store/harvest.ts';

/** How harvest sources, runs and the origins of harvested datasets leave the API. Source addresses are always masked of credentials. */

export const sourceUrl = (id: string): string => `/api/v1/harvest/sources/${encodeURIComponent(id)}`;
export const runUrl = (id: string): string => `/api/v1/harvest/runs/${encodeURIComponent(id)}`;

const RUN_STATUSES = ['queued', 'running', 'succeeded', 'partial', 'failed'] as const;

export const countsSchema = z.object({ created: z.number(), updated: z.number(), archived: z.number(), unchanged: z.number(), errors: z.number() });

export const runSchema = z.object({
  id: z.string(),
  source_id: z.string(),
  job_id: z.string().nullable().describe('The background job running it; null for a run the CLI ran in its own process'),
  trigger: z.enum(['manual', 'schedule', 'first-start']),
  status: z.enum(RUN_STATUSES).describe('partial: finished, some records could not be taken (see errors)'),
  counts: countsSchema,
  errors: z.array(z.object({ identifier: z.string().nullable(), title: z.string().nullable(), reason: z.string() })).describe('Records that could not be taken, and why (the first 200; counts.errors has them all)'),
  message: z.string().nullable().describe('What stopped a failed run, in words'),
  since: z.string().nullable().describe('Changes since this instant were asked for; null: the whole catalog was read'),
  bytes: z.number().describe('Bytes read from the source'),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  links: z.object({ self: z.string(), source: z.string() }),
});

export function presentRun(r: HarvestRun): z.infer<typeof runSchema> {
  return {
    id: r.id,
    source_id: r.sourceId,
    job_id: r.jobId,
    trigger: r.trigger,
    status: r.status,
    counts: { ...r.counts },
    errors: r.errors.map((e) => ({ identifier: e.identifier, title: e.title, reason: e.reason })),
    message: r.message,
    since: r.since,
    bytes: r.bytes,
    started_at: r.startedAt,
    finished_at: r.finishedAt,
    links: { self: runUrl(r.id), source: sourceUrl(r.sourceId) },
  };
}

export const sourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(HARVEST_KINDS),
  url: z.string().describe('The catalog\'s address, credentials masked'),
  organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable().describe('Where its datasets are listed'),
  harvest: z.boolean().describe('Its datasets are brought into this catalog'),
  peer: z.boolean().describe('Listed in the peer network'),
  schedule_hours: z.number().nullable().describe('Hours between scheduled runs; null: on demand only'),
  next_run_at: z.string().nullable(),
  last_run: z.object({ id: z.string(), status: z.enum(RUN_STATUSES), started_at: z.string(), finished_at: z.string().nullable(), counts: countsSchema }).nullable().describe('Shown to site administrators'),
  created_at: z.string(),
  updated_at: z.string(),
  links: z.object({ self: z.string(), runs: z.string() }),
});

export function presentSource({ source: s, organization, lastRun }: SourceView): z.infer<typeof sourceSchema> {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    url: maskUrl(s.url),
    organization,
    harvest: s.harvest,
    peer: s.peer,
    schedule_hours: s.scheduleHours,
    next_run_at: s.nextRunAt,
    last_run: lastRun && { id: lastRun.id, status: lastRun.status, started_at: lastRun.startedAt, finished_at: lastRun.finishedAt, counts: { ...lastRun.counts } },
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    links: { self: sourceUrl(s.id), runs: `${sourceUrl(s.id)}/runs` },
  };
}

/** A source named beside its runs: enough to say whose report it is. */
export const sourceRefSchema = z.object({ id: z.string(), name: z.string(), kind: z.enum(HARVEST_KINDS), url: z.string() });
export const presentSourceRef = (s: Pick<HarvestSource, 'id' | 'name' | 'kind' | 'url'>): z.infer<typeof sourceRefSchema> => ({ id: s.id, name: s.name, kind: s.kind, url: maskUrl(s.url) });

export const notesSchema = z.object({ notes: z.string(), updated_by: z.string().nullable(), updated_at: z.string() });
export const presentNotes = (n: HarvestNotes): z.infer<typeof notesSchema> => ({ notes: n.notes, updated_by: n.updatedBy, updated_at: n.updatedAt });

export const originSchema = z.object({
  harvested: z.boolean().describe('false: the dataset was made here; origins is then empty'),
  origins: z.array(z.object({
    source: sourceRefSchema.extend({ peer: z.boolean() }),
    identifier: z.string().describe('The identifier other catalogs know it by: what makes two sources\' records one dataset'),
    original_url: z.string().nullable().describe('Its page at the source'),
    remote_modified: z.string().nullable(),
    first_seen_at: z.string(),
    last_seen_at: z.string(),
    removed_at: z.string().nullable().describe('When the source stopped listing it'),
  })),
  notes: notesSchema.nullable().describe('The local notes, the one part of a harvested dataset edited here'),
});

export function presentProvenance(p: Provenance | null): z.infer<typeof originSchema> {
  if (!p) return { harvested: false, origins: [], notes: null };
  return {
    harvested: true,
    origins: p.origins.map((o) => ({
      source: { ...presentSourceRef(o.source), peer: o.source.peer },
      identifier: o.identifier,
      original_url: o.originalUrl,
      remote_modified: o.remoteModified,
      first_seen_at: o.firstSeenAt,
      last_seen_at: o.lastSeenAt,
      removed_at: o.removedAt,
    })),
    notes: p.notes && presentNotes(p.notes),
  };
}

/** The `harvested` field of a dataset in the API: null, or where it came from. */
export const presentMark = (m: HarvestMark | undefined): { source: { id: string; name: string; kind: string }; original_url: string | null } | null =>
  m ? { source: m.source, original_url: m.originalUrl } : null;
