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
  languages: z.array(z.string()),
  synonyms: z.array(z.array(z.string())),
});

/** The settings as the API shows them. */
export const presentSite = (s: SiteSettings): z.infer<typeof siteOut> => ({
  name: s.name,
  logo_url: s.logoUrl,
  primary_color: s.primaryColor,
  accent_color: s.accentColor,
  featured: s.featured,
  themes: s.themes,
  languages: s.languages,
  synonyms: s.synonyms,
});
