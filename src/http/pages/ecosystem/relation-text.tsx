import type { EcoActor, EcoRelation } from '../../../domain/program/ecosystem.ts';
import type { Translator } from '../../../domain/i18n/translator.ts';

/** A relationship read from one of its actors: "Funds X" or "Funded by X". */
export function relationText(t: Translator, r: EcoRelation, direction: 'out' | 'in', other: EcoActor): string {
  return t.t(`ecosystem.rel.${r.kind}.${direction}`, { name: other.name });
}
