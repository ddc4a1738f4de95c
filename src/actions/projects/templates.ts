import { invalidInput } from '../../domain/catalog/schemas.ts';
import { slugify } from '../../domain/catalog/slug.ts';
import { notFound } from '../../domain/errors.ts';
import { canKeepTemplates } from '../../domain/program/project-policy.ts';
import { templateFields, type Phase, type ProjectTemplate } from '../../domain/program/projects.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';

/** The templates of phases, the default first. Anybody may read them. */
export const listTemplates = (deps: Deps): Promise<ProjectTemplate[]> => deps.catalog.projects.listTemplates();

function checkedInput(p: Principal, input: unknown, doing: string): { name: string; phases: Phase[] } {
  requireUser(p, doing);
  if (!canKeepTemplates(p)) deny(p, `${doing} is for site administrators.`);
  const parsed = templateFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The template is', parsed.error);
  const keys = new Set<string>();
  const phases = parsed.data.phases.map((ph) => {
    let key = slugify(ph.name);
    for (let n = 2; keys.has(key); n++) key = `${slugify(ph.name)}-${n}`;
    keys.add(key);
    return { key, name: ph.name, weeks: ph.weeks };
  });
  return { name: parsed.data.name, phases };
}

/** A new template (site administrators). */
export async function createTemplate(deps: Deps, p: Principal, input: unknown): Promise<ProjectTemplate> {
  const v = checkedInput(p, input, 'Creating a project template');
  const now = deps.clock.now().toISOString();
  const t: ProjectTemplate = { id: deps.newId(), name: v.name, phases: v.phases, createdAt: now, updatedAt: now };
  await deps.catalog.projects.createTemplate(t);
  return t;
}

/** Changes a template (site administrators); projects made from it keep the phases they copied. */
export async function updateTemplate(deps: Deps, p: Principal, id: string, input: unknown): Promise<ProjectTemplate> {
  const v = checkedInput(p, input, 'Editing a project template');
  const old = await deps.catalog.projects.getTemplate(id);
  if (!old) throw notFound('Project template', id);
  const t: ProjectTemplate = { ...old, name: v.name, phases: v.phases, updatedAt: deps.clock.now().toISOString() };
  await deps.catalog.projects.updateTemplate(t);
  return t;
}
