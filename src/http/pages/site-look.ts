import { createHash } from 'node:crypto';
import type { SiteSettings } from '../../domain/site/settings.ts';

/** The portal's own look from its settings: name, logo and colours (checked `#rrggbb` values). */
export interface SiteLook {
  name: string;
  logoUrl: string | null;
  primaryColor: string;
  accentColor: string;
  /** The page icon's address (the logo when there is one, else the portal's letter icon). */
  iconUrl: string;
}

/** Where an uploaded logo is served, so pages link to it instead of carrying its bytes. */
export const LOGO_PATH = '/site/logo';

/**
 * The logo's address for pages: a web address as it is; an uploaded image
 * (a `data:` URL) as LOGO_PATH with a version from its content, so browsers
 * can keep it until it changes.
 */
export function logoHref(logoUrl: string | null): string | null {
  if (!logoUrl?.startsWith('data:')) return logoUrl;
  return `${LOGO_PATH}?v=${createHash('sha256').update(logoUrl).digest('hex').slice(0, 12)}`;
}

/** Where every page's icon is served; browsers that ask for `/favicon.ico` get the same icon. */
export const ICON_PATH = '/favicon.svg';

/** The icon's address for pages, with a version from what it is made of, so browsers keep it until it changes. */
export function iconHref(s: Pick<SiteSettings, 'name' | 'logoUrl' | 'primaryColor'>): string {
  const v = createHash('sha256').update(`${s.logoUrl ?? ''}\n${s.name}\n${s.primaryColor}`).digest('hex').slice(0, 12);
  return `${ICON_PATH}?v=${v}`;
}

/** The part of the settings the Layout shows. */
export const lookOf = (s: SiteSettings): SiteLook => ({ name: s.name, logoUrl: logoHref(s.logoUrl), primaryColor: s.primaryColor, accentColor: s.accentColor, iconUrl: iconHref(s) });

/** An uploaded logo's type and bytes, from its `data:` URL; undefined when the logo is not an upload. */
export function logoBytes(logoUrl: string | null): { type: string; bytes: Buffer } | undefined {
  const m = /^data:(image\/[a-z+]+);base64,(.*)$/.exec(logoUrl ?? '');
  return m ? { type: m[1]!, bytes: Buffer.from(m[2]!, 'base64') } : undefined;
}
