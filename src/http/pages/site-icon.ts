import type { SiteSettings } from '../../domain/site/settings.ts';
import { logoBytes } from './site-look.ts';

const escapeXml = (s: string): string => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The portal's own icon when it has no logo: its first letter, white on the header's colour. */
export function letterIcon(name: string, colour: string): string {
  const letter = escapeXml([...name.trim()][0]?.toUpperCase() ?? 'P');
  const fill = /^#[0-9a-f]{6}$/i.test(colour) ? colour : '#12263a';
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
    `<rect width="32" height="32" rx="6" fill="${fill}"/>` +
    `<text x="16" y="23" font-family="system-ui, sans-serif" font-size="20" font-weight="700" text-anchor="middle" fill="#ffffff">${letter}</text>` +
    '</svg>'
  );
}

/** The icon as sent: an uploaded logo's bytes, a logo's web address to go to, or the letter icon. */
export type SiteIcon = { kind: 'bytes'; type: string; bytes: Buffer; uploaded: boolean } | { kind: 'elsewhere'; url: string };

export function siteIcon(s: Pick<SiteSettings, 'name' | 'logoUrl' | 'primaryColor'>): SiteIcon {
  const logo = logoBytes(s.logoUrl);
  if (logo) return { kind: 'bytes', ...logo, uploaded: true };
  if (s.logoUrl) return { kind: 'elsewhere', url: s.logoUrl };
  return { kind: 'bytes', type: 'image/svg+xml', bytes: Buffer.from(letterIcon(s.name, s.primaryColor)), uploaded: false };
}
