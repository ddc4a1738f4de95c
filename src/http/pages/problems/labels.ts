import type { Translator } from '../../../domain/i18n/translator.ts';
import type { Problem } from '../../../domain/community/problems.ts';

/** A category's name in the reader's language; a category of the site's own stays as written. */
export const categoryLabel = (t: Translator, c: string): string => (t.has(`problems.category.${c}`) ? t.t(`problems.category.${c}`) : c);

/** A status's name in the reader's language. */
export const statusLabel = (t: Translator, s: string): string => t.t(`problems.status.${s}`);

/** Where a problem is, in words: a point's coordinates, its area, or the whole city. */
export function placeLabel(t: Translator, p: Problem): string {
  if (p.place.kind === 'point') return t.t('problems.atPoint', { lat: p.place.lat.toFixed(5), lon: p.place.lon.toFixed(5) });
  if (p.place.kind === 'area') return t.t('problems.inArea', { area: p.place.area });
  return t.t('problems.citywide');
}
