import { z } from 'zod';
import type { ActorKind } from './ecosystem-kinds.ts';

/**
 * Co-design projects, after the Opportunity Project's sprint: a city agency,
 * a community organization and a tech partner research, co-design, build and
 * launch a public-service tool from a problem statement, with the constraints
 * that decide whether the city can adopt it stated on day one.
 */

/** The adoption constraints every project answers, in this order. */
export const CHECKLIST_ITEMS = ['privacy', 'confidentiality', 'security', 'legal', 'procurement', 'hosting', 'accessibility', 'data_maintenance', 'long_term_owner'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export const CHECK_STATUSES = ['not_assessed', 'fine', 'risk', 'blocker'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const MILESTONE_STATUSES = ['planned', 'done', 'missed'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** The kinds of partner every project has at least one of. */
export const REQUIRED_PARTNER_KINDS: readonly ActorKind[] = ['agency', 'community_organization', 'tech_partner'];

export interface Phase {
  key: string;
  name: string;
  weeks: number;
}

export interface ProjectTemplate {
  id: string;
  name: string;
  phases: Phase[];
  createdAt: string;
  updatedAt: string;
}

export interface ChecklistEntry {
  item: ChecklistItem;
  status: CheckStatus;
  notes: string;
  owner: string;
}

/** What launched, who keeps it, where it is, and its showcase. */
export interface Launch {
  what: string;
  maintainer: string;
  link: string;
  showcaseId: string | null;
  at: string;
}

export interface Project {
  id: string;
  slug: string;
  title: string;
  summary: string;
  statementId: string;
  partnerIds: string[];
  datasetIds: string[];
  /** The first day, YYYY-MM-DD. */
  startDate: string;
  templateId: string;
  /** Copied from the template when the project was made. */
  phases: Phase[];
  currentPhase: string;
  checklist: ChecklistEntry[];
  launch: Launch | null;
  /** The project's page at the peer whose blueprint it was copied from; absent for projects started here. */
  originUrl?: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface Milestone {
  id: string;
  projectId: string;
  title: string;
  dueDate: string;
  status: MilestoneStatus;
  phase: string;
}

export interface ProjectUpdate {
  id: string;
  projectId: string;
  body: string;
  authorId: string;
  createdAt: string;
}

/** A new project's checklist: every item, not assessed. */
export const emptyChecklist = (): ChecklistEntry[] => CHECKLIST_ITEMS.map((item) => ({ item, status: 'not_assessed', notes: '', owner: '' }));

/** The items that hold a launch back: not assessed, or a blocker. */
export function launchBlockers(checklist: readonly ChecklistEntry[]): ChecklistEntry[] {
  const byItem = new Map(checklist.map((c) => [c.item, c]));
  return CHECKLIST_ITEMS.map((item) => byItem.get(item) ?? { item, status: 'not_assessed' as const, notes: '', owner: '' }).filter((c) => c.status === 'not_assessed' || c.status === 'blocker');
}

/** The kinds of partner a project still lacks. */
export const missingPartnerKinds = (kinds: readonly string[]): ActorKind[] => REQUIRED_PARTNER_KINDS.filter((k) => !kinds.includes(k));

/** The launch phase is a project's last phase. */
export const launchPhase = (phases: readonly Phase[]): string | undefined => phases.at(-1)?.key;

const DAY = 86_400_000;

/** Adds days to a YYYY-MM-DD date. */
export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** Each phase's first and last day, one after the other from the start date. */
export function phaseDates(startDate: string, phases: readonly Phase[]): Array<Phase & { start: string; end: string }> {
  let day = 0;
  return phases.map((p) => {
    const start = addDays(startDate, day);
    day += p.weeks * 7;
    return { ...p, start, end: addDays(startDate, day - 1) };
  });
}

const text = (min: number, max: number, short: string, long: string) => {
  const s = z.string({ message: short }).trim().max(max, long);
  return min > 0 ? s.min(min, short) : s;
};
const isoDate = (message: string) => z.string({ message }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, message).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), message);
const list = (message: string, max: number, min: number, minMessage: string) =>
  z
    .union([z.string(), z.array(z.string())], { message })
    .transform((v) => [...new Set((Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(200, message)).min(min, minMessage).max(max, `Choose at most ${max}.`));

export const projectFields = z.object({
  title: text(3, 150, 'Give the project a title of at least 3 characters.', 'Keep the title to 150 characters.'),
  summary: text(10, 5000, 'Summarize the project in at least 10 characters.', 'Keep the summary to 5,000 characters.'),
  statement: text(1, 200, 'Choose the problem statement the project works on.', 'Choose the problem statement the project works on.'),
  partners: list('Choose the partners.', 30, 3, 'Choose at least three partners: an agency, a community organization and a tech partner.'),
  datasets: list('Choose the datasets it uses.', 30, 0, '').default([]),
  startDate: isoDate('Give the start date as YYYY-MM-DD.'),
  template: text(0, 200, 'Choose a template.', 'Choose a template.').default(''),
});
export type ProjectInput = z.infer<typeof projectFields>;

const phaseFields = z.object({
  name: text(2, 60, 'Name each phase in at least 2 characters.', 'Keep a phase name to 60 characters.'),
  weeks: z.coerce.number({ message: 'Give each phase a number of weeks from 1 to 52.' }).int('Give each phase a whole number of weeks.').min(1, 'Give each phase a number of weeks from 1 to 52.').max(52, 'Give each phase a number of weeks from 1 to 52.'),
});

export const templateFields = z.object({
  name: text(3, 100, 'Name the template in at least 3 characters.', 'Keep the name to 100 characters.'),
  phases: z.array(phaseFields, { message: 'List the phases.' }).min(1, 'Give the template at least one phase.').max(12, 'Give the template at most 12 phases.'),
});
export type TemplateInput = z.infer<typeof templateFields>;

const checkEntry = z.object({
  item: z.enum(CHECKLIST_ITEMS, { message: `Name an item: ${CHECKLIST_ITEMS.join(', ')}.` }),
  status: z.enum(CHECK_STATUSES, { message: `Choose a status: ${CHECK_STATUSES.join(', ')}.` }),
  notes: text(0, 2000, 'Write notes as text.', 'Keep the notes to 2,000 characters.').default(''),
  owner: text(0, 200, 'Name the owner as text.', 'Keep the owner to 200 characters.').default(''),
});
export const checklistFields = z.object({ items: z.array(checkEntry, { message: 'Give the checklist items.' }).min(1, 'Give at least one checklist item.').max(CHECKLIST_ITEMS.length) });

export const milestoneFields = z.object({
  title: text(3, 150, 'Give the milestone a title of at least 3 characters.', 'Keep the title to 150 characters.'),
  dueDate: isoDate('Give the due date as YYYY-MM-DD.'),
  status: z.enum(MILESTONE_STATUSES, { message: `Choose a status: ${MILESTONE_STATUSES.join(', ')}.` }).default('planned'),
  phase: text(1, 60, 'Choose the phase it belongs to.', 'Choose the phase it belongs to.'),
});

export const updateFields = z.object({ body: text(3, 5000, 'Write the update in at least 3 characters.', 'Keep the update to 5,000 characters.') });

export const phaseMoveFields = z.object({ phase: text(1, 60, 'Choose a phase.', 'Choose a phase.') });

const isWeb = (s: string): boolean => {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};

export const launchFields = z.object({
  what: text(3, 2000, 'Say what launched, in at least 3 characters.', 'Keep what launched to 2,000 characters.'),
  maintainer: text(2, 200, 'Say who maintains it.', 'Keep who maintains it to 200 characters.'),
  link: text(1, 2000, 'Give the link to the tool.', 'Keep the link to 2,000 characters.').refine(isWeb, 'The link must be an http:// or https:// address.'),
  showcase: text(0, 200, 'Choose a showcase.', 'Choose a showcase.').default(''),
});
