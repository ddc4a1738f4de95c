import type { ComponentChildren } from 'preact';
import { LANGUAGE_PATH } from '../language.ts';
import { usePage, type LayoutUser } from './page-context.ts';
import { paletteCss } from '../../../domain/site/palette.ts';
import { stylesheet } from '../../assets/stylesheet.ts';

export type { LayoutUser, SiteLook } from './page-context.ts';

export interface LayoutProps {
  title: string;
  /** What the page is about, for search results and shared links; the site's own description when absent. */
  description?: string | undefined;
  /** An Atom feed of the page's changes, linked for feed readers. */
  feed?: { href: string; title: string } | undefined;
  /** The page's own CSS, after the shared stylesheet. */
  styles?: string | undefined;
  /** Browser bundles to load (as modules, so they never block the page). */
  scripts?: string[] | undefined;
  children: ComponentChildren;
}

const publishes = (u: LayoutUser): boolean => Boolean(u.isSiteAdmin) || Object.values(u.roles ?? {}).some((r) => r === 'editor' || r === 'admin');

/** The language switch: one plain link per other language, each named in its own language. */
function LanguageSwitch() {
  const { t, languages, path } = usePage();
  if (languages.length < 2) return null;
  return (
    <nav class="languages" aria-label={t.t('layout.languages')}>
      {languages.map((l) =>
        l.code === t.lang ? (
          <span key={l.code} lang={l.code} aria-current="true">
            {l.name}
          </span>
        ) : (
          <a key={l.code} href={`${LANGUAGE_PATH}/${encodeURIComponent(l.code)}?back=${encodeURIComponent(path)}`} lang={l.code} hrefLang={l.code}>
            {l.name}
          </a>
        ),
      )}
    </nav>
  );
}

/** At most 200 characters of a text, on one line, cut at a word. */
export function summary(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** What search engines and link previews read: the description, Open Graph, the canonical address, the icon and the feed. */
function HeadMeta({ title, description, feed }: Pick<LayoutProps, 'title' | 'description' | 'feed'>) {
  const { t, site, path, baseUrl } = usePage();
  const about = summary(description || t.t('layout.description', { site: site.name }));
  const canonical = `${baseUrl}${path.split('?')[0] ?? '/'}`;
  const absolute = (href: string) => new URL(href, `${baseUrl}/`).toString();
  return (
    <>
      <meta name="description" content={about} />
      <link rel="canonical" href={canonical} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={about} />
      <meta property="og:type" content="website" />
      <meta property="og:url" content={canonical} />
      <meta property="og:site_name" content={site.name} />
      {site.logoUrl ? <meta property="og:image" content={absolute(site.logoUrl)} /> : null}
      <link rel="icon" href={site.iconUrl} />
      {feed ? <link rel="alternate" type="application/atom+xml" title={feed.title} href={feed.href} /> : null}
      <link rel="alternate" type="application/json" title="data.json (DCAT-US)" href="/data.json" />
    </>
  );
}

/** The page frame in the reader's language and the site's look: skip link, header with navigation and language switch, main landmark, footer. */
export function Layout({ title, description, feed, styles, scripts, children }: LayoutProps) {
  const { t, site, user } = usePage();
  const colours = paletteCss(site.primaryColor, site.accentColor);
  return (
    <html lang={t.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${site.name}`}</title>
        <HeadMeta title={title} description={description} feed={feed} />
        <style dangerouslySetInnerHTML={{ __html: stylesheet().css + colours + (styles ?? '') }} />
        {(scripts ?? []).map((src) => (
          <script key={src} type="module" src={src} />
        ))}
      </head>
      <body>
        <a class="usa-skipnav skip" href="#main">
          {t.t('layout.skip')}
        </a>
        <header class="plaza-header">
          <div class="usa-logo plaza-logo">
            <a class="site" href="/">
              {site.logoUrl ? <img src={site.logoUrl} alt="" height={32} /> : null}
              {site.name}
            </a>
          </div>
          <nav aria-label={t.t('layout.site')}>
            <a href="/datasets">{t.t('layout.datasets')}</a>
            <a href="/organizations">{t.t('layout.organizations')}</a>
            <a href="/community">{t.t('layout.community')}</a>
            <a href="/api/reference">{t.t('layout.api')}</a>
            {user && publishes(user) ? <a href="/publish">{t.t('layout.publish')}</a> : null}
            {user?.isSiteAdmin ? <a href="/admin/settings">{t.t('layout.settings')}</a> : null}
            {user?.isModerator || user?.isSiteAdmin ? <a href="/moderation">{t.t('moderation.title')}</a> : null}
            {user ? <a href="/account">{user.name}</a> : <a href="/sign-in">{t.t('layout.signIn')}</a>}
            {user ? null : <a href="/sign-up">{t.t('verify.signUp')}</a>}
          </nav>
          <LanguageSwitch />
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="plaza-footer">
          {t.t('layout.footerApi')} <a href="/api/v1/datasets">/api/v1/datasets</a> · <a href="/api/v1/openapi.json">OpenAPI</a>
        </footer>
      </body>
    </html>
  );
}
