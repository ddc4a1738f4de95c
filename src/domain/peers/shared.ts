import { z } from 'zod';
import { SHOWCASE_KINDS, type Showcase } from '../community/showcases.ts';
import type { HarvestedRecord } from '../harvest/types.ts';
import { CHECK_STATUSES, MILESTONE_STATUSES } from '../program/projects.ts';
import { PeerAnswerError } from './types.ts';

/**
 * What a Plaza peer shares through its API, read into plain values: its
 * showcases, its projects and their blueprints, and one dataset as a
 * harvested record. A peer answering something else is refused with the
 * reason (`PeerAnswerError`).
 */

function read<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const r = schema.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new PeerAnswerError(`The answer is not ${what}${issue ? ` (${issue.path.join('.') || 'the whole answer'}: ${issue.message})` : ''}.`);
}

/** An address at the peer, from a path or address it gave; only http(s). */
export function atPeer(root: string, pathOrUrl: string): string {
  const u = new URL(pathOrUrl.startsWith('/') ? pathOrUrl.slice(1) : pathOrUrl, `${root}/`);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new PeerAnswerError(`The address "${pathOrUrl.slice(0, 80)}" is not a web address.`);
  return u.toString();
}

export interface PeerShowcase extends Pick<Showcase, 'id' | 'title' | 'kind' | 'description' | 'link' | 'madeBy'> {
  /** Its picture at the peer, at the largest width it offers; null without one. */
  imageUrl: string | null;
  imageAlt: string;
  /** Its page at the peer. */
  pageUrl: string;
}

const showcaseJson = z.object({ id: z.string().min(1), title: z.string().min(1), kind: z.enum(SHOWCASE_KINDS), description: z.string(), link: z.string(), made_by: z.string(), image: z.record(z.string(), z.string()).nullish(), image_alt: z.string().nullish(), links: z.object({ page: z.string() }) });

/** The address of the widest picture offered. */
function widest(root: string, image: Record<string, string> | null | undefined): string | null {
  const best = Object.entries(image ?? {}).sort((a, b) => Number(b[0]) - Number(a[0]))[0];
  return best ? atPeer(root, best[1]) : null;
}

const toShowcase = (root: string, s: z.infer<typeof showcaseJson>): PeerShowcase => ({ id: s.id, title: s.title, kind: s.kind, description: s.description, link: s.link, madeBy: s.made_by, imageUrl: widest(root, s.image), imageAlt: s.image_alt ?? '', pageUrl: atPeer(root, s.links.page) });

export const readPeerShowcases = (json: unknown, root: string): PeerShowcase[] => read(z.object({ results: z.array(showcaseJson) }), json, 'a list of Plaza showcases').results.map((s) => toShowcase(root, s));
export const readPeerShowcase = (json: unknown, root: string): PeerShowcase => toShowcase(root, read(showcaseJson, json, 'a Plaza showcase'));

export interface PeerProject {
  id: string;
  slug: string;
  title: string;
  summary: string;
  currentPhase: string;
  launched: boolean;
  pageUrl: string;
}

const projectJson = z.object({ id: z.string(), slug: z.string().min(1), title: z.string().min(1), summary: z.string(), current_phase: z.string(), launch: z.unknown().nullable(), links: z.object({ page: z.string() }) });
export const readPeerProjects = (json: unknown, root: string): PeerProject[] =>
  read(z.object({ results: z.array(projectJson) }), json, 'a list of Plaza projects').results.map((p) => ({ id: p.id, slug: p.slug, title: p.title, summary: p.summary, currentPhase: p.current_phase, launched: p.launch !== null, pageUrl: atPeer(root, p.links.page) }));

const blueprintJson = z.object({
  title: z.string().min(1),
  summary: z.string(),
  statement: z.string(),
  partners: z.array(z.object({ name: z.string(), kind: z.string() })),
  checklist: z.array(z.object({ item: z.string(), status: z.enum(CHECK_STATUSES), notes: z.string(), owner: z.string() })),
  datasets: z.array(z.object({ title: z.string(), slug: z.string() })),
  start_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  phases: z.array(z.object({ key: z.string().min(1), name: z.string().min(1), weeks: z.number().int().min(1).max(52) })).max(12),
  milestones: z.array(z.object({ title: z.string().min(1), due_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), status: z.enum(MILESTONE_STATUSES), phase: z.string() })),
  launch: z.object({ what: z.string(), maintainer: z.string(), link: z.string() }).nullable(),
});
export type PeerBlueprint = z.infer<typeof blueprintJson>;
export const readPeerBlueprint = (json: unknown): PeerBlueprint => read(blueprintJson, json, 'a Plaza project blueprint');

const datasetJson = z.object({
  id: z.string().min(1),
  slug: z.string().min(1),
  title: z.string(),
  description: z.string().nullish(),
  keywords: z.array(z.string()).default([]),
  themes: z.array(z.string()).default([]),
  publisher: z.string().nullish(),
  contact_point: z.object({ name: z.string(), email: z.string() }).nullish(),
  license: z.object({ id: z.string() }).nullish(),
  frequency: z.object({ id: z.string() }).nullish(),
  temporal: z.object({ start: z.string().nullable(), end: z.string().nullable() }).nullish(),
  spatial: z.object({ place: z.string().nullable(), bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable() }).nullish(),
  issued: z.string().nullish(),
  modified: z.string().nullish(),
  language: z.array(z.string()).default([]),
  version: z.number().nullish(),
  resources: z.array(z.object({ kind: z.string(), name: z.string(), url: z.string().nullish(), format: z.string().nullish() })).default([]),
});

/**
 * One of a Plaza peer's datasets (`GET /api/v1/datasets/{slug}`) as a
 * harvested record: its identifier is its page at the peer, as the peer's
 * `data.json` gives it, so that harvesting the peer later meets the same
 * dataset; its table is linked as the peer's CSV export.
 */
export function readPeerDataset(json: unknown, root: string): HarvestedRecord {
  const d = read(datasetJson, json, 'a Plaza dataset');
  const page = atPeer(root, `/datasets/${encodeURIComponent(d.slug)}`);
  const links = d.resources.filter((r) => r.kind !== 'file' && r.url && /^https?:\/\//.test(r.url)).map((r) => ({ title: r.name, url: r.url ?? '', format: r.format ?? null, mediaType: null }));
  const table = d.version ? [{ title: `${d.title} (CSV)`, url: atPeer(root, `/api/v1/datasets/${encodeURIComponent(d.slug)}/export/csv`), format: 'csv', mediaType: 'text/csv' }] : [];
  return {
    remoteId: d.id,
    identifier: page,
    title: d.title,
    description: d.description ?? '',
    keywords: d.keywords,
    themes: d.themes,
    publisher: d.publisher ?? null,
    contactPoint: d.contact_point ?? null,
    license: d.license?.id ?? null,
    frequency: d.frequency?.id ?? null,
    temporal: d.temporal ?? null,
    spatial: d.spatial ?? null,
    issued: d.issued ?? null,
    modified: d.modified ?? null,
    language: d.language,
    landingPage: page,
    distributions: [...table, ...links],
  };
}
