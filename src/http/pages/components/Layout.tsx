import type { ComponentChildren } from 'preact';
import { STYLE } from './style.ts';

/** The portal's own look from its settings: name, logo and colours (checked `#rrggbb` values). */
export interface SiteLook {
  name: string;
  logoUrl: string | null;
  primaryColor: string;
  accentColor: string;
}

const HEX = /^#[0-9a-f]{6}$/i;

export interface LayoutProps {
  title: string;
  siteName: string;
  /** The settings' look; when given, its name replaces `siteName` and its colours and logo apply. */
  site?: SiteLook | undefined;
  /** The signed-in person, for the header; absent for visitors. */
  user?: LayoutUser | undefined;
  /** The page's own CSS, after the shared stylesheet. */
  styles?: string | undefined;
  /** Browser bundles to load (as modules, so they never block the page). */
  scripts?: string[] | undefined;
  children: ComponentChildren;
}

/** The signed-in person as the header needs them: their name, and what they may do (a principal fits). */
export interface LayoutUser {
  name: string;
  isSiteAdmin?: boolean;
  roles?: Record<string, string>;
}

const publishes = (u: LayoutUser): boolean => Boolean(u.isSiteAdmin) || Object.values(u.roles ?? {}).some((r) => r === 'editor' || r === 'admin');

/** The page frame: skip link, header with navigation, main landmark, footer. */
export function Layout({ title, siteName: envName, site, user, styles, scripts, children }: LayoutProps) {
  const siteName = site?.name ?? envName;
  const colours = site && HEX.test(site.primaryColor) && HEX.test(site.accentColor) ? `:root{--accent:${site.accentColor}}header{background:${site.primaryColor}}` : '';
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${siteName}`}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
        {colours || styles ? <style dangerouslySetInnerHTML={{ __html: colours + (styles ?? '') }} /> : null}
        {(scripts ?? []).map((src) => (
          <script key={src} type="module" src={src} />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header>
          <a class="site" href="/">
            {site?.logoUrl ? <img src={site.logoUrl} alt="" height={32} style="vertical-align:middle;margin-right:.5rem;max-width:8rem;object-fit:contain" /> : null}
            {siteName}
          </a>{' '}
          <nav aria-label="Site">
            <a href="/datasets">Datasets</a>
            <a href="/api/reference">API</a>
            {user && publishes(user) ? <a href="/publish">Publish</a> : null}
            {user?.isSiteAdmin ? <a href="/admin/settings">Settings</a> : null}
            {user ? <a href="/account/subscriptions">{user.name}</a> : <a href="/sign-in">Sign in</a>}
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer>
          Open data API: <a href="/api/v1/datasets">/api/v1/datasets</a> · <a href="/api/v1/openapi.json">OpenAPI</a>
        </footer>
      </body>
    </html>
  );
}
