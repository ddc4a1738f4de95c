import { z } from 'zod';
import type { DatasetMetadata } from './types.ts';
import { ACCESS_LEVELS, FREQUENCIES, LICENSES } from './vocab.ts';
import { SLUG_PATTERN } from './slug.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2024-05-31.').refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date.');
const text = (max: number) => z.string().trim().max(max, `Keep it under ${max} characters.`);

/**
 * The metadata a publisher writes, as the API takes it (snake_case). Every
 * field is optional here; `createFields` adds what a new dataset needs.
 * Themes come from the portal's configured list, so the schema is built per
 * portal; `null` takes any theme names (for describing the API, where the
 * action checks them against the list in effect).
 */
export function metadataFields(themes: readonly string[] | null) {
  return z.object({
    title: text(200).min(1, 'A dataset needs a title.').optional(),
    description: text(20_000).optional(),
    keywords: z
      .array(text(60).min(1, 'Keywords cannot be empty.'))
      .max(30, 'Use at most 30 keywords.')
      .transform((ks) => [...new Set(ks.map((k) => k.toLowerCase()))])
      .optional(),
    themes: z
      .array(themes ? z.enum(themes as [string, ...string[]], { message: `is not a theme; use one of: ${themes.join(', ')}` }) : z.string().trim().min(1).max(100))
      .max(5, 'Choose at most 5 themes.')
      .optional(),
    publisher: text(200).nullable().optional(),
    contact_point: z
      .object({ name: text(200).min(1, 'Name the contact.'), email: z.email('is not an email address.') })
      .nullable()
      .optional(),
    license: z.enum(LICENSES.map((l) => l.id) as [string, ...string[]], { message: `is not a known license; use one of: ${LICENSES.map((l) => l.id).join(', ')}` }).nullable().optional(),
    frequency: z.enum(FREQUENCIES.map((f) => f.id) as [string, ...string[]], { message: `is not an update frequency; use one of: ${FREQUENCIES.map((f) => f.id).join(', ')}` }).nullable().optional(),
    temporal: z
      .object({ start: isoDate.nullable().default(null), end: isoDate.nullable().default(null) })
      .refine((t) => !t.start || !t.end || t.start <= t.end, { message: 'The start must not be after the end.', path: ['end'] })
      .nullable()
      .optional(),
    spatial: z
      .object({
        place: text(200).nullable().default(null),
        bbox: z
          .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])
          .refine(([w, s, e, n]) => w <= e && s <= n, 'Give west, south, east, north with west ≤ east and south ≤ north.')
          .nullable()
          .default(null),
      })
      .nullable()
      .optional(),
    issued: isoDate.nullable().optional(),
    language: z.array(z.string().regex(/^[a-z]{2}$/, 'Use two-letter language codes, like "en".')).max(10).optional(),
    access_level: z.enum(ACCESS_LEVELS, { message: `is not an access level; use one of: ${ACCESS_LEVELS.join(', ')}` }).optional(),
    suggested_uses: text(10_000).optional(),
    known_limitations: text(10_000).optional(),
  });
}

export type MetadataInput = z.infer<ReturnType<typeof metadataFields>>;

export function newDatasetFields(themes: readonly string[] | null) {
  return metadataFields(themes).extend({
    title: text(200).min(1, 'A dataset needs a title.'),
    organization: z.string().trim().min(1, 'Name the organization (department) that publishes the dataset.').max(200),
    slug: z.string().regex(SLUG_PATTERN, 'Use lowercase letters, digits and dashes, like "street-trees".').max(80).optional(),
  });
}

/** The metadata fields present in validated input, in the dataset's own names. */
export function toMetadataPatch(m: MetadataInput): Partial<DatasetMetadata> {
  const out: Partial<DatasetMetadata> = {};
  if (m.title !== undefined) out.title = m.title;
  if (m.description !== undefined) out.description = m.description;
  if (m.keywords !== undefined) out.keywords = m.keywords;
  if (m.themes !== undefined) out.themes = m.themes;
  if (m.publisher !== undefined) out.publisher = m.publisher || null;
  if (m.contact_point !== undefined) out.contactPoint = m.contact_point;
  if (m.license !== undefined) out.license = m.license;
  if (m.frequency !== undefined) out.frequency = m.frequency;
  if (m.temporal !== undefined) out.temporal = m.temporal;
  if (m.spatial !== undefined) out.spatial = m.spatial;
  if (m.issued !== undefined) out.issued = m.issued;
  if (m.language !== undefined) out.language = m.language;
  if (m.access_level !== undefined) out.accessLevel = m.access_level;
  if (m.suggested_uses !== undefined) out.suggestedUses = m.suggested_uses;
  if (m.known_limitations !== undefined) out.knownLimitations = m.known_limitations;
  return out;
}

/** What a dataset must have before it is published; each problem names its field. */
export function publishProblems(d: DatasetMetadata, resourceCount: number): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (!d.description.trim()) problems.push({ field: 'description', message: 'Describe the dataset before publishing it.' });
  if (!d.license) problems.push({ field: 'license', message: 'Choose a license before publishing.' });
  if (resourceCount === 0) problems.push({ field: 'resources', message: 'Add a file, link or API before publishing.' });
  return problems;
}

export const EMPTY_METADATA: Omit<DatasetMetadata, 'title'> = {
  description: '',
  keywords: [],
  themes: [],
  publisher: null,
  contactPoint: null,
  license: null,
  frequency: null,
  temporal: null,
  spatial: null,
  issued: null,
  language: [],
  accessLevel: 'public',
  suggestedUses: '',
  knownLimitations: '',
};
