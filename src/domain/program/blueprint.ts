import { phaseDates, type ChecklistEntry, type Launch, type Milestone, type Phase } from './projects.ts';

/**
 * A project's adoption blueprint: what another city needs to adopt the tool
 * — the problem statement, the partners, the decision and notes on every
 * constraint, the datasets, the timeline, and what launched and who keeps it.
 */
export interface Blueprint {
  title: string;
  summary: string;
  statement: string;
  partners: Array<{ name: string; kind: string }>;
  checklist: ChecklistEntry[];
  datasets: Array<{ title: string; slug: string }>;
  startDate: string;
  phases: Phase[];
  milestones: Milestone[];
  launch: Launch | null;
  /** The page's address, for the link back. */
  url: string;
}

export const CHECK_LABELS: Record<string, string> = {
  privacy: 'Privacy',
  confidentiality: 'Confidentiality',
  security: 'Security',
  legal: 'Legal',
  procurement: 'Procurement',
  hosting: 'Hosting and server limits',
  accessibility: 'Accessibility',
  data_maintenance: 'Data maintenance',
  long_term_owner: 'Long-term owner',
};

const STATUS_LABELS: Record<string, string> = { not_assessed: 'Not assessed', fine: 'Fine', risk: 'Risk', blocker: 'Blocker' };

/** Text safe in one Markdown table cell or line. */
const cell = (s: string): string => s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();

/** The blueprint as Markdown, in English. */
export function blueprintMarkdown(b: Blueprint): string {
  const out: string[] = [`# Adoption blueprint: ${cell(b.title)}`, '', cell(b.summary), '', `Project page: ${b.url}`, ''];
  out.push('## Problem statement', '', cell(b.statement), '');
  out.push('## Partners', '', ...b.partners.map((p) => `- ${cell(p.name)} (${p.kind.replace(/_/g, ' ')})`), '');
  out.push('## Adoption constraints', '', '| Constraint | Decision | Notes | Owner |', '| --- | --- | --- | --- |');
  for (const c of b.checklist) out.push(`| ${CHECK_LABELS[c.item] ?? c.item} | ${STATUS_LABELS[c.status] ?? c.status} | ${cell(c.notes)} | ${cell(c.owner)} |`);
  out.push('', '## Datasets', '', ...(b.datasets.length ? b.datasets.map((d) => `- ${cell(d.title)} (${d.slug})`) : ['- None']), '');
  out.push('## Timeline', '', `Starts ${b.startDate}.`, '');
  for (const ph of phaseDates(b.startDate, b.phases)) out.push(`- ${cell(ph.name)}: ${ph.start} to ${ph.end} (${ph.weeks} weeks)`);
  if (b.milestones.length) {
    out.push('', '### Milestones', '');
    for (const m of b.milestones) out.push(`- ${m.dueDate} ${cell(m.title)} (${m.phase}, ${m.status})`);
  }
  out.push('', '## Launch', '');
  if (b.launch) out.push(`- What launched: ${cell(b.launch.what)}`, `- Maintained by: ${cell(b.launch.maintainer)}`, `- Link: ${b.launch.link}`);
  else out.push('Not launched yet.');
  return `${out.join('\n')}\n`;
}
