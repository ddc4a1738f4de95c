import type { Deps } from '../deps.ts';
import { getSite } from '../site/settings.ts';

/** A list's search text, trimmed, with the site's synonyms; nothing when there is no text. */
export type TextSearch = { q: string; synonyms: string[][] } | { q?: undefined };

/** The search terms a community list passes to its store, from the text asked for. */
export async function textSearch(deps: Deps, text: string | undefined): Promise<TextSearch> {
  const q = text?.trim() || undefined;
  return q ? { q, synonyms: (await getSite(deps)).synonyms } : {};
}
