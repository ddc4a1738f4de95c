import { z } from 'zod';

/**
 * Showcases (PRODUCT.md §5): what the community built with the data — apps,
 * stories, visualizations, research, tools and policy decisions — shown once
 * a moderator approves them, in a gallery and on each dataset they use.
 */

export const SHOWCASE_KINDS = ['app', 'story', 'visualization', 'research', 'tool', 'policy'] as const;
export type ShowcaseKind = (typeof SHOWCASE_KINDS)[number];

/** A showcase waits for a moderator; only approved ones are public. */
export const SHOWCASE_STATES = ['pending', 'approved', 'rejected'] as const;
export type ShowcaseState = (typeof SHOWCASE_STATES)[number];

/** The widths, in pixels, an image is kept at (WebP). */
export const SHOWCASE_IMAGE_WIDTHS = [320, 640, 1280] as const;

/** The largest image upload taken, and the most pixels it may decode to. */
export const SHOWCASE_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const SHOWCASE_IMAGE_MAX_PIXELS = 40_000_000;

/** The most datasets one showcase names. */
export const MAX_SHOWCASE_DATASETS = 20;

export interface Showcase {
  id: string;
  title: string;
  kind: ShowcaseKind;
  description: string;
  /** Where it lives: an http(s) address. */
  link: string;
  /** Who made it, as the submitter names them (a person, a group, a newsroom). */
  madeBy: string;
  /** The key prefix of its image in the blob store (one WebP per width), or null without one. */
  image: string | null;
  /** Text describing the image for people who cannot see it. */
  imageAlt: string;
  state: ShowcaseState;
  /** Why a moderator rejected it (required then). */
  stateReason: string | null;
  /** Who submitted it. */
  authorId: string;
  /** Ids of the datasets it uses. */
  datasetIds: string[];
  /** The showcase's page at the peer it was copied from; absent for showcases made here. */
  originUrl?: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Text a form gives: trimmed, with whole-sentence messages. */
const text = (min: number, max: number, short: string, long: string) => {
  const s = z.string({ message: short }).trim().max(max, long);
  return min > 0 ? s.min(min, short) : s;
};

/** Whether a string is an absolute http or https address. */
export function isWebLink(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

/** One dataset id or slug, or a list of them (a form sends one field per box ticked). */
const datasetList = z
  .union([z.string(), z.array(z.string())], { message: 'Name the datasets it uses.' })
  .transform((v) => [...new Set((Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean))])
  .pipe(z.array(z.string().max(200, 'Name each dataset by its slug.')).min(1, 'Choose at least one dataset it uses.').max(MAX_SHOWCASE_DATASETS, `Choose at most ${MAX_SHOWCASE_DATASETS} datasets.`));

/** A new showcase, as a form or the API gives it (the image comes apart). */
export const showcaseFields = z.object({
  title: text(3, 150, 'Give it a title of at least 3 characters.', 'Keep the title to 150 characters.'),
  kind: z.enum(SHOWCASE_KINDS, { message: `Choose a kind: ${SHOWCASE_KINDS.join(', ')}.` }),
  description: text(10, 5000, 'Describe it in at least 10 characters.', 'Keep the description to 5,000 characters.'),
  link: text(1, 2000, 'Give the address where it can be seen.', 'Keep the link to 2,000 characters.').refine(isWebLink, 'The link must be an http:// or https:// address.'),
  madeBy: text(2, 200, 'Say who made it.', 'Keep who made it to 200 characters.'),
  imageAlt: text(0, 300, 'Describe the image.', 'Keep the image description to 300 characters.').default(''),
  datasets: datasetList,
});
export type ShowcaseInput = z.infer<typeof showcaseFields>;

/** A moderator's decision; rejecting needs a reason the author is told. */
export const showcaseReviewFields = z.object({
  reason: text(0, 2000, 'Say why.', 'Keep the reason to 2,000 characters.').default(''),
});
