import { z } from 'zod';
import { SLUG_PATTERN } from '../catalog/slug.ts';
import { AA_TEXT, contrast, ratioText } from './contrast.ts';
import { DEFAULT_SYNONYMS, synonymsField } from './synonyms.ts';
import { DEFAULT_PROBLEM_CATEGORIES } from '../community/problems.ts';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../i18n/time-zone.ts';
import { mapContextField, NO_MAP_SETTINGS, tileAttributionField, tileAttributionUrlField, tileUrlField, type MapSettings } from './map-settings.ts';

/**
 * The portal's own settings, chosen by site administrators: its name and
 * logo, its two colours, the datasets its home page features, the themes
 * publishers file datasets under, the languages it offers, and the synonyms
 * catalog search uses (see `synonyms.ts`). Each is stored as text under its
 * key; a key never set takes its default.
 */

/** A language's code as its message files are named: a BCP 47 tag like `es` or `pt-BR`. */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-\d{3})?$/;

export const MAX_FEATURED = 6;
export const MAX_THEMES = 30;
export const MAX_LOGO_BYTES = 200 * 1024;
/** The header's text is white; links sit on the page background. */
export const HEADER_TEXT = '#ffffff';
export const PAGE_BACKGROUND = '#f7f8fa';

export interface SiteSettings extends MapSettings {
  name: string;
  /** A web address of an image, or an uploaded image as a `data:` URL; null for none. */
  logoUrl: string | null;
  /** The header's background, under white text. */
  primaryColor: string;
  /** Links and highlights, on the light page background. */
  accentColor: string;
  /** Dataset slugs the home page shows first, in order. */
  featured: string[];
  themes: string[];
  /** The categories problems are filed under, in the order forms offer them. */
  problemCategories: string[];
  /** The languages offered to readers, the first being the one for readers whose browser asks for none of them. */
  languages: string[];
  /** Groups of words and phrases that catalog search takes as meaning the same. */
  synonyms: string[][];
  /** Whether problems may be posted without an account; they are held, not public, until a moderator approves them. */
  anonymousProblems: boolean;
  /** The IANA time zone dates are shown in and typed in ("America/New_York"); instants are kept in UTC. */
  timeZone: string;
}

/** What the settings fall back to: the name and themes from the portal's environment settings. */
export interface SiteDefaults {
  name: string;
  themes: readonly string[];
  /** Every language with message files: all are offered until an administrator chooses. */
  languages: readonly string[];
}

export const DEFAULT_COLORS = { primaryColor: '#12263a', accentColor: '#0b5cad' } as const;

export function defaultSettings(d: SiteDefaults): SiteSettings {
  return { name: d.name, logoUrl: null, ...DEFAULT_COLORS, featured: [], themes: [...d.themes], problemCategories: [...DEFAULT_PROBLEM_CATEGORIES], languages: [...d.languages], synonyms: DEFAULT_SYNONYMS.map((g) => [...g]), ...NO_MAP_SETTINGS, anonymousProblems: false, timeZone: DEFAULT_TIME_ZONE };
}

const DATA_URL = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,([A-Za-z0-9+/]+={0,2})$/;

/** The size in bytes of what a base64 text decodes to. */
const decodedBytes = (b64: string): number => Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

const logoField = z
  .string()
  .trim()
  .refine((s) => s === '' || /^https:\/\/\S+$/.test(s) || DATA_URL.test(s), 'Give the logo as a web address starting with https:// or upload a PNG, JPEG, GIF, WebP or SVG image.')
  .refine((s) => s.startsWith('data:') || s.length <= 2000, 'The logo address must be at most 2,000 characters long.')
  .refine((s) => !DATA_URL.test(s) || decodedBytes(DATA_URL.exec(s)![2]!) <= MAX_LOGO_BYTES, `The logo image must be at most ${MAX_LOGO_BYTES / 1024} KB; make it smaller and upload it again.`);

const hex = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, 'Give a colour as # and six hexadecimal digits, like #0b5cad.');

/** A colour that must reach AA contrast for text against `against`, described in `what` when it does not. */
const contrasting = (against: string, what: (c: string, ratio: string) => string) =>
  hex.superRefine((c, ctx) => {
    const r = contrast(c, against);
    if (r < AA_TEXT) ctx.addIssue({ code: 'custom', message: `${what(c, ratioText(r))}; WCAG AA needs at least 4.5:1 for text. Choose a darker colour.` });
  });

const primaryField = contrasting(HEADER_TEXT, (c, r) => `The primary colour ${c} has a contrast of ${r} with the white text of the header`);
const accentField = contrasting(PAGE_BACKGROUND, (c, r) => `The accent colour ${c} has a contrast of ${r} with the light page background that links sit on`);

const unique = (list: string[]) => new Set(list.map((s) => s.toLowerCase())).size === list.length;

const featuredField = z
  .array(z.string().trim().toLowerCase().regex(SLUG_PATTERN, 'A featured dataset is named by its slug, like "street-trees".'))
  .max(MAX_FEATURED, `Feature at most ${MAX_FEATURED} datasets.`)
  .refine(unique, 'A dataset is featured twice.');

const themesField = z
  .array(z.string().trim().min(1, 'A theme needs a name.').max(80, 'A theme must be at most 80 characters long.'))
  .min(1, 'Keep at least one theme.')
  .max(MAX_THEMES, `Offer at most ${MAX_THEMES} themes.`)
  .refine(unique, 'A theme is listed twice.');

export const MAX_PROBLEM_CATEGORIES = 30;

const problemCategoriesField = z
  .array(z.string().trim().min(1, 'A category needs a name.').max(40, 'A category must be at most 40 characters long.'))
  .min(1, 'Keep at least one problem category.')
  .max(MAX_PROBLEM_CATEGORIES, `Offer at most ${MAX_PROBLEM_CATEGORIES} problem categories.`)
  .refine(unique, 'A problem category is listed twice.');

const languagesField = z
  .array(z.string().trim().regex(LANGUAGE_TAG, 'A language is named by its code, like "en", "es" or "pt-BR".'))
  .min(1, 'Keep at least one language.')
  .refine((l) => new Set(l).size === l.length, 'A language is listed twice.');

const timeZoneField = z.string().trim().refine((z) => z === '' || isTimeZone(z), 'Give the time zone by its IANA name, like "America/New_York" or "UTC".');

/** A change to the settings, as the API takes it: fields given replace, `null` goes back to the default. */
export const sitePatchFields = z
  .object({
    name: z.string().trim().min(1, 'Enter the portal’s name.').max(100, 'The name must be at most 100 characters long.').nullable().optional(),
    logo_url: logoField.nullable().optional(),
    primary_color: primaryField.nullable().optional(),
    accent_color: accentField.nullable().optional(),
    featured: featuredField.nullable().optional(),
    themes: themesField.nullable().optional(),
    problem_categories: problemCategoriesField.nullable().optional(),
    languages: languagesField.nullable().optional(),
    synonyms: synonymsField.nullable().optional(),
    map_tile_url: tileUrlField.nullable().optional(),
    map_tile_attribution: tileAttributionField.nullable().optional(),
    map_tile_attribution_url: tileAttributionUrlField.nullable().optional(),
    map_context: mapContextField.nullable().optional(),
    anonymous_problems: z.boolean({ message: 'Say whether problems may be posted without an account (true or false).' }).nullable().optional(),
    time_zone: timeZoneField.nullable().optional(),
  })
  .strict();
export type SitePatch = z.infer<typeof sitePatchFields>;

const KEYS = ['name', 'logo_url', 'primary_color', 'accent_color', 'featured', 'themes', 'languages', 'synonyms', 'map_tile_url', 'map_tile_attribution', 'map_tile_attribution_url', 'map_context', 'anonymous_problems', 'problem_categories', 'time_zone'] as const;
const LISTS = new Set<string>(['featured', 'themes', 'problem_categories', 'languages', 'synonyms']);

/** The stored form of a checked change: text per key, `null` to remove it. An empty text (a logo, a map setting) removes the setting. */
export function toStored(patch: SitePatch): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const key of KEYS) {
    const v = patch[key];
    if (v === undefined) continue;
    out[key] = v === null || v === '' ? null : LISTS.has(key) ? JSON.stringify(v) : typeof v === 'boolean' ? String(v) : (v as string);
  }
  return out;
}

/** The settings from what is stored; a value that no longer reads (or was never set) takes its default. */
export function fromStored(stored: Record<string, string>, d: SiteDefaults): SiteSettings {
  const s = defaultSettings(d);
  const read = <T>(key: string, schema: z.ZodType<T>): T | undefined => {
    const raw = stored[key];
    if (raw === undefined) return undefined;
    let value: unknown = raw;
    if (LISTS.has(key)) {
      try {
        value = JSON.parse(raw);
      } catch {
        return undefined;
      }
    }
    const r = schema.safeParse(value);
    return r.success ? r.data : undefined;
  };
  const tileAttribution = read('map_tile_attribution', tileAttributionField) || null;
  return {
    name: read('name', z.string().min(1)) ?? s.name,
    logoUrl: read('logo_url', logoField) || s.logoUrl,
    primaryColor: read('primary_color', primaryField) ?? s.primaryColor,
    accentColor: read('accent_color', accentField) ?? s.accentColor,
    featured: read('featured', featuredField) ?? s.featured,
    themes: read('themes', themesField) ?? s.themes,
    problemCategories: read('problem_categories', problemCategoriesField) ?? s.problemCategories,
    synonyms: read('synonyms', synonymsField) ?? s.synonyms,
    // Tiles are never drawn without saying whose they are.
    tileUrl: (tileAttribution && read('map_tile_url', tileUrlField)) || null,
    tileAttribution,
    tileAttributionUrl: read('map_tile_attribution_url', tileAttributionUrlField) || null,
    mapContext: read('map_context', mapContextField) || null,
    anonymousProblems: stored.anonymous_problems === 'true',
    timeZone: read('time_zone', timeZoneField.refine((z) => z !== '')) ?? s.timeZone,
    languages: read('languages', languagesField.transform((l) => l.filter((code) => d.languages.includes(code))).refine((l) => l.length > 0)) ?? s.languages,
  };
}
