import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { programDashboard } from '../../../actions/program/dashboard.ts';
import { FIGURE_NAMES, programFigure, programFigures } from '../../../actions/program/figures.ts';
import { AppError } from '../../../domain/errors.ts';
import type { Figure } from '../../../domain/program/figures.ts';
import { MAX_PERIOD_DAYS, readPeriod, type Period } from '../../../domain/program/period.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';

const periodQuery = z.object({
  days: z.string().max(10).optional().describe('The last 30, 90 or 365 days up to today (UTC); 90 without `from`/`to`'),
  from: z.string().max(10).optional().describe('The first day of the period, YYYY-MM-DD (UTC)'),
  to: z.string().max(10).optional().describe('The last day of the period, YYYY-MM-DD (UTC), included; today without it'),
});

const PROBLEMS = {
  badDay: 'Give `from` and `to` as dates, YYYY-MM-DD.',
  reversed: '`from` must not come after `to`.',
  tooLong: `A period may be at most ${MAX_PERIOD_DAYS} days long.`,
} as const;

/** The period asked for, refused with a message when it is not one. */
export function periodOf(query: z.infer<typeof periodQuery>, now: Date): Period {
  const check = readPeriod(query, now);
  if (!check.ok) throw new AppError('bad_request', PROBLEMS[check.problem], { from: query.from ?? null, to: query.to ?? null });
  return check.period;
}

const presentFigure = (f: Figure) => ({ name: f.name, chart: f.chart, columns: f.columns, rows: f.rows });
const figureDescription = 'A figure: `{ name, chart, columns: [{ name, kind }], rows }`; each row lists its values in the order of the columns.';

/** The open data program's report as JSON: its figures for a period, and the staff's dashboard. */
export function programRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const tag = 'Program';

  route(app, registry, {
    method: 'GET', path: '/api/v1/program/figures', operationId: 'listProgramFigures', tag, access: 'public',
    summary: 'Every figure of the open data program report for a period',
    description: `Counts only what anyone may see. Figures: ${FIGURE_NAMES.join(', ')}. Definitions: docs/program.md.`,
    query: periodQuery,
    responses: { 200: { description: '`{ period: { from, to }, figures }`. ' + figureDescription }, 400: { description: 'A period that is not one.' } },
  }, async ({ query }) => {
    const period = periodOf(query, deps.clock.now());
    return { period, figures: (await programFigures(deps, period)).map(presentFigure) };
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/program/figures/{name}', operationId: 'getProgramFigure', tag, access: 'public',
    summary: 'One figure of the open data program report for a period',
    params: z.object({ name: z.string().min(1).max(100) }),
    query: periodQuery,
    responses: { 200: { description: '`{ period: { from, to }, figure }`. ' + figureDescription }, 400: { description: 'A period that is not one.' }, 404: { description: 'No figure by that name.' } },
  }, async ({ params, query }) => {
    const period = periodOf(query, deps.clock.now());
    return { period, figure: presentFigure(await programFigure(deps, params.name, period)) };
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/program/dashboard', operationId: 'getProgramDashboard', tag, access: 'signed-in',
    summary: 'The program dashboard: the figures, overdue datasets, unanswered problems and requests, and the usage of every dataset',
    description: 'Program staff only (site administrators, moderators and editors of any organization, with the `read` scope).',
    query: periodQuery,
    responses: { 200: { description: '`{ period, figures, overdue, unanswered_problems, unanswered_requests, usage_by_dataset }`' }, 400: { description: 'A period that is not one.' } },
  }, async ({ req, query }) => {
    const period = periodOf(query, deps.clock.now());
    const d = await programDashboard(deps, await actorOf(deps, req), period);
    return {
      period,
      figures: d.figures.map(presentFigure),
      overdue: d.overdue.map((o) => ({ slug: o.slug, title: o.title, organization: { name: o.organizationName, slug: o.organizationSlug }, next_due_at: o.nextDueAt, days_overdue: o.daysOverdue })),
      unanswered_problems: d.unansweredProblems.map((i) => ({ id: i.id, title: i.title, created_at: i.createdAt, days_waiting: i.daysWaiting })),
      unanswered_requests: d.unansweredRequests.map((i) => ({ id: i.id, title: i.title, created_at: i.createdAt, days_waiting: i.daysWaiting })),
      usage_by_dataset: presentFigure(d.usageByDataset),
    };
  });
}
