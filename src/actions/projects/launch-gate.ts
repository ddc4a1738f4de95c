import { AppError } from '../../domain/errors.ts';
import { launchBlockers, type Project } from '../../domain/program/projects.ts';

const ITEM_NAMES: Record<string, string> = {
  privacy: 'privacy',
  confidentiality: 'confidentiality',
  security: 'security',
  legal: 'legal',
  procurement: 'procurement',
  hosting: 'hosting and server limits',
  accessibility: 'accessibility',
  data_maintenance: 'data maintenance',
  long_term_owner: 'long-term owner',
};

/** Refuses a launch while any checklist item is not assessed or a blocker, naming them. */
export function checkLaunchGate(project: Project): void {
  const held = launchBlockers(project.checklist);
  if (!held.length) return;
  const blockers = held.filter((c) => c.status === 'blocker').map((c) => ITEM_NAMES[c.item]);
  const unassessed = held.filter((c) => c.status === 'not_assessed').map((c) => ITEM_NAMES[c.item]);
  const parts = [blockers.length ? `blocker: ${blockers.join(', ')}` : '', unassessed.length ? `not assessed: ${unassessed.join(', ')}` : ''].filter(Boolean);
  throw new AppError('conflict', `The project cannot launch until every adoption constraint is assessed and none is a blocker (${parts.join('; ')}).`, { items: held.map((c) => ({ item: c.item, status: c.status })) });
}
