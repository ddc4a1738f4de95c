import { freshnessOf } from '../../domain/catalog/freshness.ts';
import { isOpenDataset, isOpenItem, type ItemFacts } from '../../domain/program/facts.ts';
import { freshnessState, usageByDataset, type Figure } from '../../domain/program/figures.ts';
import type { Period } from '../../domain/program/period.ts';
import type { Deps, Principal } from '../deps.ts';
import { figureSources, programFigures, requireProgramStaff } from './figures.ts';

export interface OverdueDataset {
  slug: string;
  title: string;
  organizationName: string;
  organizationSlug: string;
  nextDueAt: string;
  daysOverdue: number;
}

export interface WaitingItem {
  id: string;
  title: string;
  createdAt: string;
  /** Whole days since it was opened. */
  daysWaiting: number;
}

/** The program dashboard: the report's figures, and what staff act on. */
export interface ProgramDashboard {
  figures: Figure[];
  /** Published open datasets past their next due date, most overdue first. */
  overdue: OverdueDataset[];
  /** Problems and requests not answered yet (not hidden, not merged), oldest first. */
  unansweredProblems: WaitingItem[];
  unansweredRequests: WaitingItem[];
  /** Uses in the period of every open dataset, unused ones too. */
  usageByDataset: Figure;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The program dashboard for a period: program staff only. */
export async function programDashboard(deps: Deps, p: Principal, period: Period): Promise<ProgramDashboard> {
  requireProgramStaff(p);
  const sources = figureSources(deps, period);
  const now = sources.now;
  const [figures, datasets, uses, problems, requests] = await Promise.all([programFigures(deps, period), sources.datasets(), sources.uses(), sources.problems(), sources.requests()]);
  const waiting = (items: ItemFacts[]): WaitingItem[] =>
    items
      .filter((i) => isOpenItem(i) && i.mergedInto === null && i.firstAnsweredAt === null)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((i) => ({ id: i.id, title: i.title, createdAt: i.createdAt, daysWaiting: Math.floor((now.getTime() - Date.parse(i.createdAt)) / DAY_MS) }));
  const overdue = datasets
    .filter((d) => d.status === 'published' && isOpenDataset(d) && freshnessState(d, now) === 'overdue')
    .map((d) => ({ slug: d.slug, title: d.title, organizationName: d.organizationName, organizationSlug: d.organizationSlug, nextDueAt: d.nextDueAt!, daysOverdue: freshnessOf(d, now).daysOverdue }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.title.localeCompare(b.title));
  return { figures, overdue, unansweredProblems: waiting(problems), unansweredRequests: waiting(requests), usageByDataset: usageByDataset(uses, datasets, period) };
}
