import type { FastifyInstance, FastifyReply } from 'fastify';
import { programDashboard } from '../../../actions/program/dashboard.ts';
import { FIGURE_NAMES, programFigure, programFigures } from '../../../actions/program/figures.ts';
import { readsAsStaff } from '../../../domain/program/policy.ts';
import { figureCsv } from '../../../domain/program/figures.ts';
import { MAX_PERIOD_DAYS, readPeriod } from '../../../domain/program/period.ts';
import type { Translator } from '../../../domain/i18n/translator.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { pageContext } from '../components/page-context.ts';
import type { SafeHtml } from '../html.ts';
import { dashboardPage } from './dashboard.tsx';
import { reportPage, type PeriodState } from './report.tsx';

type Query = { days?: unknown; from?: unknown; to?: unknown };

/** The period of a page's URL, with the reader's words when what was typed could not be used. */
function periodState(q: Query, now: Date, t: Translator): PeriodState {
  const check = readPeriod(q, now);
  const typed = { from: typeof q.from === 'string' ? q.from.slice(0, 20) : '', to: typeof q.to === 'string' ? q.to.slice(0, 20) : '' };
  if (check.ok) return { period: check.period, days: check.days, typed };
  return { period: check.period, days: check.days, typed, problem: t.t(`program.problem.${check.problem}`, { max: MAX_PERIOD_DAYS }) };
}

/** The program report (`/program`), each figure's CSV, and the staff's dashboard (`/program/dashboard`). */
function programPageRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);

  app.get('/program', async (req, reply) => {
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    const s = periodState((req.query ?? {}) as Query, deps.clock.now(), pc.t);
    return send(reply, reportPage(pc, s, await programFigures(deps, s.period), readsAsStaff(p)), s.problem ? 400 : 200);
  });

  app.get('/program/figures/:file', async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const name = file.endsWith('.csv') ? file.slice(0, -4) : '';
    const q = (req.query ?? {}) as Query;
    const check = readPeriod(q, deps.clock.now());
    if (!name || !FIGURE_NAMES.includes(name) || !check.ok) {
      const pc = await pageContext(ctx, req, await actorOf(deps, req));
      if (!check.ok) return send(reply, errorPage(pc, pc.t.t('program.badPeriod'), pc.t.t(`program.problem.${check.problem}`, { max: MAX_PERIOD_DAYS })), 400);
      return send(reply, errorPage(pc, pc.t.t('program.noFigure'), pc.t.t('program.noFigureText')), 404);
    }
    const figure = await programFigure(deps, name, check.period);
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${name}-${check.period.from}-${check.period.to}.csv"`)
      .header('Cache-Control', 'no-store')
      .send(figureCsv(figure));
  });

  app.get('/program/dashboard', async (req, reply) => {
    const p = await actorOf(deps, req);
    const query = (req.query ?? {}) as Query;
    if (p.kind !== 'user') {
      const back = `/program/dashboard${req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''}`;
      return reply.redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
    }
    const pc = await pageContext(ctx, req, p);
    if (!readsAsStaff(p)) return send(reply, errorPage(pc, pc.t.t('program.staffOnly'), pc.t.t('program.staffOnlyText')), 403);
    const s = periodState(query, deps.clock.now(), pc.t);
    return send(reply, dashboardPage(pc, s, await programDashboard(deps, p, s.period)), s.problem ? 400 : 200);
  });
}

export const programArea: PageArea = { name: 'program', routes: programPageRoutes };
