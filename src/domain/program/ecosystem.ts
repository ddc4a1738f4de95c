import { z } from 'zod';
import { ACTOR_KINDS, RELATION_KINDS, type ActorKind, type RelationKind } from './ecosystem-kinds.ts';

/**
 * The ecosystem map, after the Civic Tech and Data Collaborative's mapping
 * method: the actors around the city's open data and how they relate, each
 * with topics and a note.
 */
export interface EcoActor {
  id: string;
  /** Its address on the map (`/ecosystem/actors/{slug}`), kept when it is renamed; imports merge by it. */
  slug: string;
  name: string;
  kind: ActorKind;
  /** Lower-case words or short phrases ("food", "housing"), each once, in the order given. */
  topics: string[];
  note: string;
  /** An http(s) address, or ''. */
  website: string;
  /** The Plaza organization it is, when it publishes here. */
  organizationId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** "From funds to": a relationship reads from its first actor to its second. */
export interface EcoRelation {
  id: string;
  fromId: string;
  toId: string;
  kind: RelationKind;
  topics: string[];
  note: string;
  createdAt: string;
}

export const MAX_TOPICS = 20;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug from a name: lower case, accents dropped, words joined by hyphens. */
export function slugOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
}

/** Topics from a list or from text separated by ";" or ",": trimmed, lower case, each once. */
export function topicsOf(v: string | string[] | undefined): string[] {
  const parts = (Array.isArray(v) ? v : (v ?? '').split(/[;,]/)).map((s) => s.trim().toLowerCase().replace(/\s+/g, ' ')).filter(Boolean);
  return [...new Set(parts)];
}

function isWebAddress(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

const text = (max: number, long: string) => z.string().trim().max(max, long);
const topicsField = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => topicsOf(v))
  .pipe(z.array(z.string().max(50, 'Keep each topic to 50 characters.')).max(MAX_TOPICS, `Give at most ${MAX_TOPICS} topics.`));

export const ACTOR_KIND_RULE = `Choose a kind of actor: ${ACTOR_KINDS.join(', ')}.`;
export const RELATION_KIND_RULE = `Choose a kind of relationship: ${RELATION_KINDS.join(', ')}.`;

/** An actor as a form, the API or an import gives it. */
export const actorFields = z.object({
  slug: z
    .string()
    .trim()
    .max(100, 'Keep the slug to 100 characters.')
    .refine((s) => s === '' || SLUG_PATTERN.test(s), 'Use lower-case letters, digits and hyphens in the slug.')
    .optional(),
  name: z.string({ message: 'Give the actor a name.' }).trim().min(2, 'Give the actor a name of at least 2 characters.').max(150, 'Keep the name to 150 characters.'),
  kind: z.enum(ACTOR_KINDS, { message: ACTOR_KIND_RULE }),
  topics: topicsField,
  note: text(2000, 'Keep the note to 2,000 characters.').default(''),
  website: text(2000, 'Keep the website to 2,000 characters.')
    .default('')
    .refine((s) => s === '' || isWebAddress(s), 'The website must be an http:// or https:// address.'),
  /** The slug of a Plaza organization, or ''. */
  organization: text(200, 'Name the organization by its slug.').default(''),
});
export type ActorInput = z.infer<typeof actorFields>;

/** A relationship as a form, the API or an import gives it: its actors by slug. */
export const relationFields = z.object({
  from: z.string({ message: 'Choose the actor it goes from.' }).trim().min(1, 'Choose the actor it goes from.').max(100, 'Choose the actor it goes from.'),
  to: z.string({ message: 'Choose the actor it goes to.' }).trim().min(1, 'Choose the actor it goes to.').max(100, 'Choose the actor it goes to.'),
  kind: z.enum(RELATION_KINDS, { message: RELATION_KIND_RULE }),
  topics: topicsField,
  note: text(2000, 'Keep the note to 2,000 characters.').default(''),
});
export type RelationInput = z.infer<typeof relationFields>;

export const SELF_RELATION_RULE = 'A relationship joins two different actors; choose another actor.';
