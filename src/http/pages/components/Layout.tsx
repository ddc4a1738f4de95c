import type { ComponentChildren } from 'preact';
import { STYLE } from './style.ts';

export interface LayoutProps {
  title: string;
  siteName: string;
  /** The signed-in person, for the header; absent for visitors. */
  user?: { name: string } | undefined;
  /** Browser bundles to load (as modules, so they never block the page). */
  scripts?: string[] | undefined;
  children: ComponentChildren;
}

/** The page frame: skip link, header with navigation, main landmark, footer. */
export function Layout({ title, siteName, user, scripts, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${siteName}`}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
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
            {siteName}
          </a>{' '}
          <nav aria-label="Site">
            <a href="/datasets">Datasets</a>
            <a href="/api/reference">API</a>
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
