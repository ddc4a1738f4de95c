import { isSiteAdmin } from '../../domain/accounts/policy.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { AppError } from '../../domain/errors.ts';
import { fromStored, sitePatchFields, toStored, type SitePatch, type SiteSettings } from '../../domain/site/settings.ts';
import { ATTRIBUTION_NEEDED } from '../../domain/site/map-settings.ts';
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
  await checkMapSettings(deps, parsed.data);
  await deps.catalog.site.putSiteSettings(toStored(parsed.data));
  forgetSite(deps);
  return getSite(deps);
}

const refuse = (field: string, message: string): never => {
  throw new AppError('validation_failed', `The settings are not valid: ${field}: ${message}`, { fields: [{ field, message }] });
};

/**
 * The map settings as they will be after a change: tiles need an attribution
 * (given now or kept from before), and the context layer must be a dataset
 * of areas. A dataset whose first version is still loading is taken; its
 * areas are drawn once it is live.
 */
async function checkMapSettings(deps: Deps, patch: SitePatch): Promise<void> {
  const current = await getSite(deps);
  const after = <T>(given: T | null | undefined, kept: T | null): T | null => (given === undefined ? kept : given || null);
  if (after(patch.map_tile_url, current.tileUrl) && !after(patch.map_tile_attribution, current.tileAttribution)) refuse('map_tile_attribution', ATTRIBUTION_NEEDED);
  const slug = patch.map_context;
  if (!slug) return;
  const dataset = await deps.catalog.datasets.getDataset(slug);
  if (!dataset) refuse('map_context', `No dataset is called “${slug}”; name the dataset of areas by the slug in its address, as in /datasets/zip-code-areas.`);
  const d = dataset!;
  if (d.accessLevel !== 'public') refuse('map_context', `“${d.title}” is not public, so not every reader may see it; choose a public dataset of areas.`);
  const live = d.liveVersionId ? (await deps.catalog.datasets.listVersions(d.id)).find((v) => v.id === d.liveVersionId) : undefined;
  if (live && !live.columns.some((c) => c.type === 'geometry' && !c.point)) {
    refuse('map_context', `“${d.title}” has no column of areas (polygons) to draw beneath the maps; choose a dataset of areas, like districts or ZIP codes.`);
  }
}
