import { addDays, CHECKLIST_ITEMS, type ChecklistEntry, type MilestoneStatus, type Phase } from '../program/projects.ts';
import type { PeerBlueprint } from './shared.ts';

/**
 * A peer's blueprint made a starting point here: its statement becomes a
 * problem statement of this city; its phases are kept; every adoption
 * constraint starts again "not assessed", with what the peer decided and
 * noted written in its notes; its milestones become plans at the same
 * distance from this project's start; its partners, who are the peer's
 * actors, are named in the summary.
 */
export interface BlueprintCopy {
  statement: { title: string; need: string; dataNotes: string };
  title: string;
  summary: string;
  phases: Phase[];
  checklist: ChecklistEntry[];
  milestones: Array<{ title: string; dueDate: string; status: MilestoneStatus; phase: string }>;
}

const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const DAY = 86_400_000;
const STATUS_WORDS: Record<string, string> = { not_assessed: 'not assessed', fine: 'fine', risk: 'a risk', blocker: 'a blocker' };

export function blueprintCopy(b: PeerBlueprint, peerName: string, startDate: string, fallbackPhases: readonly Phase[]): BlueprintCopy {
  const phases = b.phases.length ? b.phases.map((p) => ({ key: p.key.slice(0, 60), name: p.name.slice(0, 60), weeks: p.weeks })) : fallbackPhases.map((p) => ({ ...p }));
  const keys = new Set(phases.map((p) => p.key));
  const byItem = new Map(b.checklist.map((c) => [c.item, c]));
  const checklist = CHECKLIST_ITEMS.map((item): ChecklistEntry => {
    const theirs = byItem.get(item);
    const said = theirs && (theirs.status !== 'not_assessed' || theirs.notes.trim()) ? `${peerName} found it ${STATUS_WORDS[theirs.status] ?? theirs.status}${theirs.notes.trim() ? `: ${theirs.notes.trim()}` : '.'}` : '';
    return { item, status: 'not_assessed', notes: clip(said, 2000), owner: '' };
  });
  const shift = Math.round((Date.parse(`${startDate}T00:00:00Z`) - Date.parse(`${b.start_date}T00:00:00Z`)) / DAY);
  const milestones = b.milestones.map((m) => ({ title: clip(m.title, 150), dueDate: addDays(m.due_date, shift), status: 'planned' as const, phase: keys.has(m.phase) ? m.phase : (phases[0]?.key ?? '') }));
  const partners = b.partners.length ? `\n\nPartners at ${peerName}: ${b.partners.map((p) => `${p.name} (${p.kind.replace(/_/g, ' ')})`).join(', ')}.` : '';
  const launched = b.launch ? `\n\nLaunched at ${peerName}: ${b.launch.what} (maintained by ${b.launch.maintainer}, ${b.launch.link}).` : '';
  const datasets = b.datasets.length ? `Datasets ${peerName} used: ${b.datasets.map((d) => d.title).join(', ')}.` : '';
  return {
    statement: { title: clip(b.statement.trim() || b.title, 200), need: clip(b.summary, 2000), dataNotes: clip(datasets, 2000) },
    title: clip(b.title, 150),
    summary: clip(`${b.summary}${partners}${launched}`, 5000),
    phases,
    checklist,
    milestones,
  };
}
