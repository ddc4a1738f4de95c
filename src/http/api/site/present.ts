import { z } from 'zod';
import type { SiteSettings } from '../../../domain/site/settings.ts';

/** How the portal's settings leave the API. */

export const siteOut = z.object({
  name: z.string(),
  logo_url: z.string().nullable(),
  primary_color: z.string(),
  accent_color: z.string(),
  featured: z.array(z.string()),
  themes: z.array(z.string()),
  problem_categories: z.array(z.string()).describe('The categories problems are filed under'),
  languages: z.array(z.string()),
  synonyms: z.array(z.array(z.string())),
  map_tile_url: z.string().nullable(),
  map_tile_attribution: z.string().nullable(),
  map_tile_attribution_url: z.string().nullable(),
  map_context: z.string().nullable(),
  anonymous_problems: z.boolean().describe('Whether problems may be posted without an account, held until a moderator approves them'),
  time_zone: z.string().describe('The IANA time zone dates are shown and typed in, like "America/New_York"; instants stay UTC'),
});

/** The settings as the API shows them. */
export const presentSite = (s: SiteSettings): z.infer<typeof siteOut> => ({
  name: s.name,
  logo_url: s.logoUrl,
  primary_color: s.primaryColor,
  accent_color: s.accentColor,
  featured: s.featured,
  themes: s.themes,
  problem_categories: s.problemCategories,
  languages: s.languages,
  synonyms: s.synonyms,
  map_tile_url: s.tileUrl,
  map_tile_attribution: s.tileAttribution,
  map_tile_attribution_url: s.tileAttributionUrl,
  map_context: s.mapContext,
  anonymous_problems: s.anonymousProblems,
  time_zone: s.timeZone,
});
