import { z } from 'zod';

/**
 * Data champions: the people who look after the city's data and whom others
 * can turn to. Executive champions set the agenda; internal champions train
 * staff in each department; external champions are community liaisons,
 * the people residents can turn to. A profile is opt-in: it is public only
 * once published, and shows only the ways of reaching the person they chose
 * to show.
 */

export const CHAMPION_TIERS = ['executive', 'internal', 'external'] as const;
export type ChampionTier = (typeof CHAMPION_TIERS)[number];

/** The ways a champion may be reached; office hours have a time and a place. */
export const CHANNEL_KINDS = ['email', 'newsletter', 'forge', 'chat', 'office_hours'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface Channel {
  kind: ChannelKind;
  /** The address, link or handle; for office hours, the time. */
  value: string;
  /** For office hours: where they are held (empty otherwise). */
  place: string;
  /** Whether the person chose to show it to everyone. */
  shown: boolean;
}

export interface Champion {
  id: string;
  slug: string;
  name: string;
  tier: ChampionTier;
  /** The Plaza organization they belong to, or null with a department or group named in `department`. */
  organizationId: string | null;
  department: string;
  /** From the catalog's themes. */
  topics: string[];
  bio: string;
  /** One of each kind at most. */
  channels: Channel[];
  /** The datasets they look after (ids). */
  datasetIds: string[];
  /** The co-design projects they look after (ids, in id order). */
  projectIds: string[];
  /** The account the profile belongs to, when the person linked it. */
  userId: string | null;
  published: boolean;
  /** How the person agreed to being shown, when staff published the profile for them. */
  consent: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** The most datasets one champion looks after. */
export const MAX_CHAMPION_DATASETS = 50;

/** The most projects one champion looks after. */
export const MAX_CHAMPION_PROJECTS = 50;

const text = (min: number, max: number, short: string, long: string) => {
  const s = z.string({ message: short }).trim().max(max, long);
  return min > 0 ? s.min(min, short) : s;
};

/** One value or a list of them (a form sends one field per box ticked), trimmed, without blanks or repeats. */
const list = (max: number, tooMany: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((v) => [...new Set((Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(200, 'Keep each entry to 200 characters.')).max(max, tooMany));

const yes = z.union([z.boolean(), z.string()]).default(false).transform((v) => v === true || v === 'true' || v === 'on' || v === '1');

export const channelFields = z.object({
  kind: z.enum(CHANNEL_KINDS, { message: `Choose a channel: ${CHANNEL_KINDS.join(', ')}.` }),
  value: text(1, 300, 'Give the address, link or time of the channel.', 'Keep each channel to 300 characters.'),
  place: text(0, 300, 'Say where.', 'Keep the place to 300 characters.').default(''),
  shown: yes,
});

/** A champion profile as a form or the API gives it. */
export const championFields = z
  .object({
    name: text(2, 150, 'Give the champion’s name.', 'Keep the name to 150 characters.'),
    tier: z.enum(CHAMPION_TIERS, { message: 'Choose a tier: executive, internal, external.' }),
    organization: text(0, 200, 'Choose an organization.', 'Keep the organization to 200 characters.').default(''),
    department: text(0, 200, 'Name the department.', 'Keep the department to 200 characters.').default(''),
    topics: list(10, 'Choose at most 10 topics.'),
    bio: text(0, 1000, 'Write a short bio.', 'Keep the bio to 1,000 characters.').default(''),
    channels: z.array(channelFields).max(CHANNEL_KINDS.length, 'Give one channel of each kind at most.').default([]),
    datasets: list(MAX_CHAMPION_DATASETS, `Choose at most ${MAX_CHAMPION_DATASETS} datasets.`),
    /** Projects by slug or id. */
    projects: list(MAX_CHAMPION_PROJECTS, `Choose at most ${MAX_CHAMPION_PROJECTS} projects.`),
    published: yes,
    consent: text(0, 300, 'Say how the person agreed.', 'Keep the consent note to 300 characters.').default(''),
  })
  .superRefine((v, c) => {
    if (!v.organization && !v.department) c.addIssue({ code: 'custom', path: ['organization'], message: 'Choose an organization or name a department.' });
    const kinds = v.channels.map((x) => x.kind);
    if (new Set(kinds).size !== kinds.length) c.addIssue({ code: 'custom', path: ['channels'], message: 'Give one channel of each kind at most.' });
    v.channels.forEach((x, i) => {
      if (x.kind === 'office_hours' && !x.place) c.addIssue({ code: 'custom', path: ['channels', i, 'place'], message: 'Say where office hours are held.' });
    });
  });
export type ChampionInput = z.infer<typeof championFields>;

/** A slug from a name: lowercase letters, digits and dashes. */
export function championSlug(name: string): string {
  const s = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'champion';
}

/** The profile as others see it: only the channels the person chose to show. */
export function publicProfile(c: Champion): Champion {
  return { ...c, channels: c.channels.filter((x) => x.shown), consent: '' };
}
