import { z } from 'zod';
import type { ProjectDetail } from '../../../actions/projects/read-projects.ts';
import type { Blueprint } from '../../../domain/program/blueprint.ts';
import { CHECK_STATUSES, CHECKLIST_ITEMS, MILESTONE_STATUSES, type Milestone, type Project, type ProjectTemplate, type ProjectUpdate } from '../../../domain/program/projects.ts';

/** How projects leave the API. */

export const projectUrl = (slug: string): string => `/api/v1/projects/${encodeURIComponent(slug)}`;

const phaseSchema = z.object({ key: z.string(), name: z.string(), weeks: z.number() });

export const templateSchema = z.object({ id: z.string(), name: z.string(), phases: z.array(phaseSchema), created_at: z.string(), updated_at: z.string() });
export const presentTemplate = (t: ProjectTemplate): z.infer<typeof templateSchema> => ({ id: t.id, name: t.name, phases: t.phases, created_at: t.createdAt, updated_at: t.updatedAt });

export const milestoneSchema = z.object({ id: z.string(), title: z.string(), due_date: z.string(), status: z.enum(MILESTONE_STATUSES), phase: z.string() });
export const presentMilestone = (m: Milestone): z.infer<typeof milestoneSchema> => ({ id: m.id, title: m.title, due_date: m.dueDate, status: m.status, phase: m.phase });

export const updateSchema = z.object({ id: z.string(), body: z.string(), created_at: z.string() });
export const presentUpdate = (u: ProjectUpdate): z.infer<typeof updateSchema> => ({ id: u.id, body: u.body, created_at: u.createdAt });

export const projectSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  statement_id: z.string(),
  partner_ids: z.array(z.string()),
  dataset_ids: z.array(z.string()),
  start_date: z.string(),
  template_id: z.string(),
  phases: z.array(phaseSchema).describe('Copied from the template when the project started'),
  current_phase: z.string(),
  checklist: z.array(z.object({ item: z.enum(CHECKLIST_ITEMS), status: z.enum(CHECK_STATUSES), notes: z.string(), owner: z.string() })),
  launch: z.object({ what: z.string(), maintainer: z.string(), link: z.string(), showcase_id: z.string().nullable(), at: z.string() }).nullable(),
  origin_url: z.string().nullable().describe('The project page at the peer whose blueprint this project was copied from; null for projects started here'),
  created_at: z.string(),
  updated_at: z.string(),
  links: z.object({ self: z.string(), page: z.string(), blueprint: z.string() }),
});

export function presentProject(p: Project): z.infer<typeof projectSchema> {
  return {
    id: p.id,
    slug: p.slug,
    title: p.title,
    summary: p.summary,
    statement_id: p.statementId,
    partner_ids: p.partnerIds,
    dataset_ids: p.datasetIds,
    start_date: p.startDate,
    template_id: p.templateId,
    phases: p.phases,
    current_phase: p.currentPhase,
    checklist: p.checklist,
    launch: p.launch && { what: p.launch.what, maintainer: p.launch.maintainer, link: p.launch.link, showcase_id: p.launch.showcaseId, at: p.launch.at },
    origin_url: p.originUrl ?? null,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    links: { self: projectUrl(p.slug), page: `/projects/${encodeURIComponent(p.slug)}`, blueprint: `/projects/${encodeURIComponent(p.slug)}/blueprint.md` },
  };
}

export const projectDetailSchema = projectSchema.extend({
  statement: z.object({ id: z.string(), title: z.string(), problem_ids: z.array(z.string()) }).nullable(),
  partners: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  milestones: z.array(milestoneSchema),
  updates: z.array(updateSchema).describe('Newest first'),
});

export function presentProjectDetail(d: ProjectDetail): z.infer<typeof projectDetailSchema> {
  return {
    ...presentProject(d.project),
    statement: d.statement && { id: d.statement.id, title: d.statement.title, problem_ids: d.statement.problemIds },
    partners: d.partners,
    milestones: d.milestones.map(presentMilestone),
    updates: d.updates.map(presentUpdate),
  };
}

export const blueprintSchema = z.object({
  title: z.string(),
  summary: z.string(),
  statement: z.string().describe('The problem statement\'s title'),
  partners: z.array(z.object({ name: z.string(), kind: z.string() })),
  checklist: z.array(z.object({ item: z.enum(CHECKLIST_ITEMS), status: z.enum(CHECK_STATUSES), notes: z.string(), owner: z.string() })),
  datasets: z.array(z.object({ title: z.string(), slug: z.string() })),
  start_date: z.string(),
  phases: z.array(phaseSchema),
  milestones: z.array(z.object({ title: z.string(), due_date: z.string(), status: z.enum(MILESTONE_STATUSES), phase: z.string() })),
  launch: z.object({ what: z.string(), maintainer: z.string(), link: z.string() }).nullable(),
  url: z.string().describe('The project\'s page'),
});

/** A project's adoption blueprint as data: what another city reads to adopt it. */
export const presentBlueprint = (b: Blueprint): z.infer<typeof blueprintSchema> => ({
  title: b.title,
  summary: b.summary,
  statement: b.statement,
  partners: b.partners,
  checklist: b.checklist.map((c) => ({ item: c.item, status: c.status, notes: c.notes, owner: c.owner })),
  datasets: b.datasets,
  start_date: b.startDate,
  phases: b.phases,
  milestones: b.milestones.map((m) => ({ title: m.title, due_date: m.dueDate, status: m.status, phase: m.phase })),
  launch: b.launch && { what: b.launch.what, maintainer: b.launch.maintainer, link: b.launch.link },
  url: b.url,
});
