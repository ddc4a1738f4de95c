import type { ChecklistEntry, Launch, Milestone, Project, ProjectTemplate, ProjectUpdate } from '../../domain/program/projects.ts';

export interface ProjectQuery {
  /** Only projects whose problem statement links this problem. */
  problemId?: string;
  limit: number;
  offset: number;
}

/** Co-design projects with their partners, datasets, checklist, milestones and updates, and the templates of phases. */
export interface ProjectStore {
  /** Keeps a project with its partners, datasets and checklist, in one transaction. */
  createProject(p: Project): Promise<void>;
  /** By id or slug. */
  getProject(idOrSlug: string): Promise<Project | undefined>;
  /** Newest first. */
  listProjects(q: ProjectQuery): Promise<{ total: number; results: Project[] }>;
  slugTaken(slug: string): Promise<boolean>;
  setPhase(id: string, phase: string, at: string): Promise<void>;
  /** Replaces the entries given (others stay). */
  saveChecklist(id: string, entries: ChecklistEntry[], at: string): Promise<void>;
  setLaunch(id: string, launch: Launch, phase: string, at: string): Promise<void>;
  addMilestone(m: Milestone): Promise<void>;
  updateMilestone(m: Milestone): Promise<void>;
  /** By due date. */
  listMilestones(projectId: string): Promise<Milestone[]>;
  addUpdate(u: ProjectUpdate): Promise<void>;
  /** Newest first. */
  listUpdates(projectId: string): Promise<ProjectUpdate[]>;
  createTemplate(t: ProjectTemplate): Promise<void>;
  updateTemplate(t: ProjectTemplate): Promise<void>;
  getTemplate(id: string): Promise<ProjectTemplate | undefined>;
  /** Oldest first, so the default comes first. */
  listTemplates(): Promise<ProjectTemplate[]>;
  /** Removes a project with its partners, datasets, checklist, milestones, updates and champions' links. */
  deleteProject(id: string): Promise<void>;
}
