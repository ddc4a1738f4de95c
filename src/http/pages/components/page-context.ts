import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translator } from '../../../domain/i18n/translator.ts';
import type { Language } from '../../../ports/locales.ts';

/** The portal's own look from its settings: name, logo and colours (checked `#rrggbb` values). */
export interface SiteLook {
  name: string;
  logoUrl: string | null;
  primaryColor: string;
  accentColor: string;
}

/** The signed-in person as the header needs them: their name, and what they may do (a principal fits). */
export interface LayoutUser {
  name: string;
  isSiteAdmin?: boolean;
  roles?: Record<string, string>;
}

/** What every page knows about its request: the reader's language, the site's look, who is signed in and where the page is. */
export interface PageContext {
  t: Translator;
  site: SiteLook;
  /** The signed-in person, for the header; absent for visitors. */
  user?: LayoutUser | undefined;
  /** The languages the language switch offers (the site's enabled ones); one or none means no switch. */
  languages: readonly Language[];
  /** The page's own path and query, so the language switch can come back to it. */
  path: string;
}

export const PageCtx = createContext<PageContext | null>(null);

/** The request's page context, inside a page rendered by `renderPage`. */
export function usePage(): PageContext {
  const pc = useContext(PageCtx);
  if (!pc) throw new Error('A page component rendered outside renderPage has no page context.');
  return pc;
}

/** The reader's translator, inside a page rendered by `renderPage`. */
export const useT = (): Translator => usePage().t;
