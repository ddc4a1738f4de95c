import { readsAsStaff } from '../../domain/program/policy.ts';
import { AppError } from '../../domain/errors.ts';
import type { DatasetFacts, ItemFacts, UseDay } from '../../domain/program/facts.ts';
import {
  datasetsByOrganization, datasetsByTheme, freshness, medianDaysToAnswer, openedAndAnswered, perMonth, projectsByPhase, usageByDataset, usageByDay, type Figure,
} from '../../domain/program/figures.ts';
import { endOf, startOf, type Period } from '../../domain/program/period.ts';
import { deny } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';

/** What the figures are computed from, each read once and only when a figure asks. */
export interface FigureSources {
  period: Period;
  now: Date;
  datasets(): Promise<DatasetFacts[]>;
  uses(): Promise<UseDay[]>;
  problems(): Promise<ItemFacts[]>;
  requests(): Promise<ItemFacts[]>;
  showcaseApprovals(): Promise<string[]>;
  eventStarts(): Promise<string[]>;
  /** The name of the phase each project is in now. */
  projectPhases(): Promise<string[]>;
}

/** A named figure of the program report: adding one is adding an entry here (and its words in locales/*\/program.json). */
export interface FigureDefinition {
  name: string;
  compute(s: FigureSources): Promise<Figure>;
}

/** How many datasets the public report's usage by dataset lists. */
export const TOP_DATASETS = 20;

export const FIGURES: readonly FigureDefinition[] = [
  { name: 'datasets-by-organization', compute: async (s) => datasetsByOrganization(await s.datasets()) },
  { name: 'datasets-by-theme', compute: async (s) => datasetsByTheme(await s.datasets()) },
  { name: 'freshness', compute: async (s) => freshness(await s.datasets(), s.now) },
  { name: 'usage-by-day', compute: async (s) => usageByDay(await s.uses(), await s.datasets(), s.period) },
  { name: 'usage-top-datasets', compute: async (s) => usageByDataset(await s.uses(), await s.datasets(), s.period, TOP_DATASETS) },
  { name: 'problems', compute: async (s) => openedAndAnswered('problems', await s.problems(), s.period) },
  { name: 'requests', compute: async (s) => openedAndAnswered('requests', await s.requests(), s.period) },
  { name: 'median-days-to-answer', compute: async (s) => medianDaysToAnswer(await s.problems(), await s.requests(), s.period) },
  { name: 'showcases-approved', compute: async (s) => perMonth('showcases-approved', 'showcases', await s.showcaseApprovals(), s.period) },
  { name: 'events-held', compute: async (s) => perMonth('events-held', 'events', await s.eventStarts(), s.period) },
  { name: 'projects-by-phase', compute: async (s) => projectsByPhase(await s.projectPhases()) },
];

export const FIGURE_NAMES: readonly string[] = FIGURES.map((f) => f.name);

const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
};

/** The sources of one period's figures, read from the catalog as of the clock's now. */
export function figureSources(deps: Deps, period: Period): FigureSources {
  const now = deps.clock.now();
  const store = deps.catalog.program;
  return {
    period,
    now,
    datasets: once(() => store.listDatasetFacts()),
    uses: once(() => store.listUseDays(period.from, period.to)),
    problems: once(() => store.listProblemFacts()),
    requests: once(() => store.listRequestFacts()),
    showcaseApprovals: once(async () => (await store.listShowcaseApprovals(startOf(period), endOf(period))).map((a) => a.at)),
    // Events held have started: those still to come in the period are not counted yet.
    eventStarts: once(() => {
      const end = endOf(period) < now.toISOString() ? endOf(period) : now.toISOString();
      return store.listEventStarts(startOf(period), end);
    }),
    projectPhases: once(async () => {
      const phases: string[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await deps.catalog.projects.listProjects({ limit: 500, offset });
        for (const p of page.results) phases.push(p.phases.find((x) => x.key === p.currentPhase)?.name ?? p.currentPhase);
        if (page.results.length < 500) break;
      }
      return phases;
    }),
  };
}

/**
 * Every figure of the program report for a period. Anyone may read them:
 * they count only what an anonymous reader sees (open datasets, problems
 * and requests that are not hidden, approved showcases).
 */
export async function programFigures(deps: Deps, period: Period): Promise<Figure[]> {
  const sources = figureSources(deps, period);
  return Promise.all(FIGURES.map((f) => f.compute(sources)));
}

/** One figure of the report by name. */
export async function programFigure(deps: Deps, name: string, period: Period): Promise<Figure> {
  const def = FIGURES.find((f) => f.name === name);
  if (!def) throw new AppError('not_found', `The program report has no figure "${name}". Its figures: ${FIGURE_NAMES.join(', ')}.`, { name, figures: [...FIGURE_NAMES] });
  return def.compute(figureSources(deps, period));
}

/** Refuses anyone who does not read as program staff. */
export function requireProgramStaff(p: Principal): void {
  if (!readsAsStaff(p)) deny(p, 'Only the program staff (site administrators, moderators and editors) may read the program dashboard.');
}
