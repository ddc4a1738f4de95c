import { isSiteAdmin } from '../../domain/accounts/policy.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { AppError } from '../../domain/errors.ts';
import { fromStored, sitePatchFields, toStored, type SiteSettings } from '../../domain/site/settings.ts';
import { deny } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';

/**
 * How long a process keeps the settings it read: every page reads them, and
 * a change made through this process is seen at once; other processes (more
 * web nodes) see it within this time.
 */
export const SITE_CACHE_MS = 5_000;
const cached = new WeakMap<Deps['catalog'], { at: number; settings: Promise<SiteSettings> }>();

/** The portal's settings as they apply now: what site administrators set, else the environment's defaults. Anyone may read them. */
export function getSite(deps: Deps): Promise<SiteSettings> {
  const hit = cached.get(deps.catalog);
  if (hit && performance.now() - hit.at < SITE_CACHE_MS) return hit.settings;
  const defaults = { ...deps.site, languages: deps.locales.languages().map((l) => l.code) };
  const settings = deps.catalog.site.getSiteSettings().then((stored) => fromStored(stored, defaults));
  cached.set(deps.catalog, { at: performance.now(), settings });
  settings.catch(() => cached.delete(deps.catalog));
  return settings;
}

/** Forgets the settings this process keeps, after they change. */
export const forgetSite = (deps: Deps): void => void cached.delete(deps.catalog);

/** The settings for the form that changes them: site administrators only. */
export async function settingsToEdit(deps: Deps, p: Principal): Promise<SiteSettings> {
  if (!isSiteAdmin(p)) deny(p, 'The portal’s settings are for site administrators.');
  return getSite(deps);
}

/** The themes publishers choose from: the settings' list when one is set, else the environment's. */
export async function siteThemes(deps: Deps): Promise<string[]> {
  return (await getSite(deps)).themes;
}

/**
 * Changes the portal's settings (site administrators only): fields given
 * replace, `null` returns one to its default. Featured datasets must exist.
 */
export async function updateSite(deps: Deps, p: Principal, input: unknown): Promise<SiteSettings> {
  if (!isSiteAdmin(p)) deny(p, 'Changing the portal’s settings is for site administrators (with a session or an admin-scoped token).');
  const parsed = sitePatchFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The settings are', parsed.error);
  const missing: string[] = [];
  for (const slug of parsed.data.featured ?? []) if (!(await deps.catalog.datasets.getDataset(slug))) missing.push(slug);
  if (missing.length) {
    const message = `No dataset is called ${missing.map((s) => `“${s}”`).join(', ')}; feature datasets by their slug, as in /datasets/{slug}.`;
    throw new AppError('validation_failed', `The settings are not valid: featured: ${message}`, { fields: [{ field: 'featured', message }] });
  }
  const known = deps.locales.languages().map((l) => l.code);
  const unknown = (parsed.data.languages ?? []).filter((code) => !known.includes(code));
  if (unknown.length) {
    const message = `The portal has no messages for ${unknown.map((c) => `“${c}”`).join(', ')}; it speaks ${known.join(', ')}. Add a language with message files (docs/languages.md).`;
    throw new AppError('validation_failed', `The settings are not valid: languages: ${message}`, { fields: [{ field: 'languages', message }] });
  }
  await deps.catalog.site.putSiteSettings(toStored(parsed.data));
  forgetSite(deps);
  return getSite(deps);
}
