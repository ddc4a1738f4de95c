import type { Generated, Selectable } from 'kysely';
import { CHECKLIST_ITEMS, type ChecklistEntry, type ChecklistItem, type CheckStatus, type Launch, type Milestone, type MilestoneStatus, type Phase, type Project, type ProjectTemplate, type ProjectUpdate } from '../../domain/program/projects.ts';
import type { ProjectQuery, ProjectStore } from '../../ports/store/projects.ts';
import type { AreaScope, Effects } from './area.ts';
import type { Db } from './dialect.ts';

/** The projects' tables (migration 0121). */
type ProjectTables = {
  projects: {
    seq: Generated<number>;
    id: string;
    slug: string;
    title: string;
    summary: string;
    statement_id: string;
    start_date: string;
    template_id: string;
    phases: string;
    current_phase: string;
    launch: string | null;
    /** Where a project copied from a peer's blueprint came from (migration 0125). */
    origin_url: string | null;
    created_by: string;
    created_at: string;
    updated_at: string;
  };
  project_partners: { project_id: string; actor_id: string };
  project_datasets: { project_id: string; dataset_id: string };
  project_checklist: { project_id: string; item: string; status: string; notes: string; owner: string };
  project_milestones: { seq: Generated<number>; id: string; project_id: string; title: string; due_date: string; status: string; phase: string };
  project_updates: { seq: Generated<number>; id: string; project_id: string; body: string; author_id: string; created_at: string };
  project_templates: { seq: Generated<number>; id: string; name: string; phases: string; created_at: string; updated_at: string };
  problem_statement_problems: { statement_id: string; problem_id: string };
};

const tables = (db: Db) => db.withTables<ProjectTables>();
const json = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

const toTemplate = (r: Selectable<ProjectTables['project_templates']>): ProjectTemplate => ({ id: r.id, name: r.name, phases: json<Phase[]>(r.phases) ?? [], createdAt: r.created_at, updatedAt: r.updated_at });
const toMilestone = (r: Selectable<ProjectTables['project_milestones']>): Milestone => ({ id: r.id, projectId: r.project_id, title: r.title, dueDate: r.due_date, status: r.status as MilestoneStatus, phase: r.phase });

/** Co-design projects on SQL. */
export class SqlProjects implements ProjectStore {
  static readonly effects: Effects<ProjectStore> = {
    createProject: 'changes pages',
    getProject: 'reads',
    listProjects: 'reads',
    slugTaken: 'reads',
    setPhase: 'changes pages',
    saveChecklist: 'changes pages',
    setLaunch: 'changes pages',
    addMilestone: 'changes pages',
    updateMilestone: 'changes pages',
    listMilestones: 'reads',
    addUpdate: 'changes pages',
    listUpdates: 'reads',
    createTemplate: 'changes pages',
    updateTemplate: 'changes pages',
    getTemplate: 'reads',
    listTemplates: 'reads',
    deleteProject: 'changes pages',
  };

  constructor(private readonly scope: AreaScope) {}

  private get db(): Db {
    return this.scope.db;
  }

  async createProject(p: Project): Promise<void> {
    await this.scope.atomically(async (db) => {
      await tables(db)
        .insertInto('projects')
        .values({
          id: p.id,
          slug: p.slug,
          title: p.title,
          summary: p.summary,
          statement_id: p.statementId,
          start_date: p.startDate,
          template_id: p.templateId,
          phases: JSON.stringify(p.phases),
          current_phase: p.currentPhase,
          launch: p.launch ? JSON.stringify(p.launch) : null,
          origin_url: p.originUrl ?? null,
          created_by: p.createdBy,
          created_at: p.createdAt,
          updated_at: p.updatedAt,
        })
        .execute();
      const partners = [...new Set(p.partnerIds)];
      if (partners.length) await tables(db).insertInto('project_partners').values(partners.map((a) => ({ project_id: p.id, actor_id: a }))).execute();
      const datasets = [...new Set(p.datasetIds)];
      if (datasets.length) await tables(db).insertInto('project_datasets').values(datasets.map((d) => ({ project_id: p.id, dataset_id: d }))).execute();
      if (p.checklist.length) await tables(db).insertInto('project_checklist').values(p.checklist.map((c) => ({ project_id: p.id, item: c.item, status: c.status, notes: c.notes, owner: c.owner }))).execute();
    });
  }

  private async hydrate(rows: Array<Selectable<ProjectTables['projects']>>): Promise<Project[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const db = tables(this.db);
    const partners = await db.selectFrom('project_partners').selectAll().where('project_id', 'in', ids).execute();
    const datasets = await db.selectFrom('project_datasets').selectAll().where('project_id', 'in', ids).orderBy('dataset_id').execute();
    const checks = await db.selectFrom('project_checklist').selectAll().where('project_id', 'in', ids).execute();
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      statementId: r.statement_id,
      partnerIds: partners.filter((x) => x.project_id === r.id).map((x) => x.actor_id).sort(),
      datasetIds: datasets.filter((x) => x.project_id === r.id).map((x) => x.dataset_id),
      startDate: r.start_date,
      templateId: r.template_id,
      phases: json<Phase[]>(r.phases) ?? [],
      currentPhase: r.current_phase,
      checklist: checks
        .filter((c) => c.project_id === r.id)
        .map((c): ChecklistEntry => ({ item: c.item as ChecklistItem, status: c.status as CheckStatus, notes: c.notes, owner: c.owner }))
        .sort((a, b) => CHECKLIST_ITEMS.indexOf(a.item) - CHECKLIST_ITEMS.indexOf(b.item)),
      launch: json<Launch>(r.launch),
      ...(r.origin_url ? { originUrl: r.origin_url } : {}),
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  async getProject(idOrSlug: string): Promise<Project | undefined> {
    const row = await tables(this.db).selectFrom('projects').selectAll().where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)])).executeTakeFirst();
    return row ? (await this.hydrate([row]))[0] : undefined;
  }

  async listProjects(q: ProjectQuery): Promise<{ total: number; results: Project[] }> {
    let base = tables(this.db).selectFrom('projects');
    const problemId = q.problemId;
    if (problemId) base = base.where('statement_id', 'in', (eb) => eb.selectFrom('problem_statement_problems').select('statement_id').where('problem_id', '=', problemId));
    const counted = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
    const rows = await base.selectAll().orderBy('seq', 'desc').limit(q.limit).offset(q.offset).execute();
    return { total: Number(counted?.n ?? 0), results: await this.hydrate(rows) };
  }

  async slugTaken(slug: string): Promise<boolean> {
    return (await tables(this.db).selectFrom('projects').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
  }

  async setPhase(id: string, phase: string, at: string): Promise<void> {
    await tables(this.db).updateTable('projects').set({ current_phase: phase, updated_at: at }).where('id', '=', id).execute();
  }

  async saveChecklist(id: string, entries: ChecklistEntry[], at: string): Promise<void> {
    await this.scope.atomically(async (db) => {
      for (const c of entries) {
        await tables(db).deleteFrom('project_checklist').where('project_id', '=', id).where('item', '=', c.item).execute();
        await tables(db).insertInto('project_checklist').values({ project_id: id, item: c.item, status: c.status, notes: c.notes, owner: c.owner }).execute();
      }
      await tables(db).updateTable('projects').set({ updated_at: at }).where('id', '=', id).execute();
    });
  }

  async setLaunch(id: string, launch: Launch, phase: string, at: string): Promise<void> {
    await tables(this.db).updateTable('projects').set({ launch: JSON.stringify(launch), current_phase: phase, updated_at: at }).where('id', '=', id).execute();
  }

  async addMilestone(m: Milestone): Promise<void> {
    await tables(this.db).insertInto('project_milestones').values({ id: m.id, project_id: m.projectId, title: m.title, due_date: m.dueDate, status: m.status, phase: m.phase }).execute();
  }

  async updateMilestone(m: Milestone): Promise<void> {
    await tables(this.db).updateTable('project_milestones').set({ title: m.title, due_date: m.dueDate, status: m.status, phase: m.phase }).where('id', '=', m.id).where('project_id', '=', m.projectId).execute();
  }

  async listMilestones(projectId: string): Promise<Milestone[]> {
    return (await tables(this.db).selectFrom('project_milestones').selectAll().where('project_id', '=', projectId).orderBy('due_date').orderBy('seq').execute()).map(toMilestone);
  }

  async addUpdate(u: ProjectUpdate): Promise<void> {
    await tables(this.db).insertInto('project_updates').values({ id: u.id, project_id: u.projectId, body: u.body, author_id: u.authorId, created_at: u.createdAt }).execute();
  }

  async listUpdates(projectId: string): Promise<ProjectUpdate[]> {
    const rows = await tables(this.db).selectFrom('project_updates').selectAll().where('project_id', '=', projectId).orderBy('created_at', 'desc').orderBy('seq', 'desc').execute();
    return rows.map((r) => ({ id: r.id, projectId: r.project_id, body: r.body, authorId: r.author_id, createdAt: r.created_at }));
  }

  async createTemplate(t: ProjectTemplate): Promise<void> {
    await tables(this.db).insertInto('project_templates').values({ id: t.id, name: t.name, phases: JSON.stringify(t.phases), created_at: t.createdAt, updated_at: t.updatedAt }).execute();
  }

  async updateTemplate(t: ProjectTemplate): Promise<void> {
    await tables(this.db).updateTable('project_templates').set({ name: t.name, phases: JSON.stringify(t.phases), updated_at: t.updatedAt }).where('id', '=', t.id).execute();
  }

  async getTemplate(id: string): Promise<ProjectTemplate | undefined> {
    const r = await tables(this.db).selectFrom('project_templates').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toTemplate(r);
  }

  async listTemplates(): Promise<ProjectTemplate[]> {
    return (await tables(this.db).selectFrom('project_templates').selectAll().orderBy('seq').execute()).map(toTemplate);
  }

  async deleteProject(id: string): Promise<void> {
    await tables(this.db).deleteFrom('projects').where('id', '=', id).execute();
  }
}
