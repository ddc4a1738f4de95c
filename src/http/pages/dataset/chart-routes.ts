import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { z } from 'zod';
import { getDataset, noteUse, type DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { queryRecords } from '../../../actions/records/query-records.ts';
import type { Principal } from '../../../actions/deps.ts';
import { binWidth, chartRequest, histogramRangeRequest, histogramRequest, toChartData, type ChartData } from '../../../domain/chart/query.ts';
import { defaultChart } from '../../../domain/chart/default-chart.ts';
import { checkChart, isBlank, readChartForm, type ChartForm, type ChartSpec } from '../../../domain/chart/spec.ts';
import { ChartSvg } from '../../../domain/chart/svg.tsx';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import type { PageContext } from '../components/page-context.ts';
import { pageContext } from '../components/page-context.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { chartPage, closedMessage, type ChartOutcome } from './chart.tsx';
import type { Translator } from '../../../domain/i18n/translator.ts';

const QUERY_ERRORS = new Set(['query_syntax', 'unknown_column', 'query_invalid']);

/** Runs the chart's aggregate (two queries for a histogram: its range, then its bins) and shapes the rows for drawing. */
async function loadChart(ctx: HttpContext, p: Principal, d: DatasetDetail, spec: ChartSpec, t: Translator): Promise<ChartData> {
  const columns = d.live?.columns ?? [];
  const slug = d.dataset.slug;
  if (spec.type !== 'histogram') return toChartData(spec, columns, (await queryRecords(ctx.deps, p, slug, chartRequest(spec, columns))).results, undefined, t);
  const range = (await queryRecords(ctx.deps, p, slug, histogramRangeRequest(spec))).results[0] ?? {};
  const lo = Number(range.lo ?? NaN);
  const width = range.lo === null || range.hi === null ? undefined : binWidth(spec, lo, Number(range.hi));
  if (width === undefined) return toChartData(spec, columns, [], undefined, t);
  return toChartData(spec, columns, (await queryRecords(ctx.deps, p, slug, histogramRequest(spec, lo, width))).results, width, t);
}

interface Prepared {
  d: DatasetDetail;
  form: ChartForm;
  outcome: ChartOutcome;
}

/** Reads the dataset and the chart's settings from the request, and draws the chart or says what stops it. */
async function prepare(ctx: HttpContext, req: FastifyRequest, p: Principal, t: Translator): Promise<Prepared | undefined> {
  const { slug } = z.object({ slug: z.string().min(1).max(200) }).parse(req.params);
  let d: DatasetDetail;
  try {
    d = await getDataset(ctx.deps, p, slug);
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') return undefined;
    throw e;
  }
  const raw = readChartForm((req.query ?? {}) as Record<string, unknown>);
  const columns = d.live?.columns ?? [];
  const first = isBlank(raw) ? defaultChart(columns, d.live?.profile) : raw;
  const form = first ?? raw;
  if (!d.live) return { d, form, outcome: { kind: 'closed', reason: 'noData' } };
  if (!d.dataAccess) return { d, form, outcome: { kind: 'closed', reason: 'signIn' } };
  if (!first) return { d, form, outcome: { kind: 'unchosen' } };
  const checked = checkChart(form, columns, t);
  if (!checked.ok) return { d, form, outcome: { kind: 'problems', problems: checked.problems } };
  try {
    return { d, form, outcome: { kind: 'chart', data: await loadChart(ctx, p, d, checked.spec, t) } };
  } catch (e) {
    if (!(e instanceof AppError) || !(QUERY_ERRORS.has(e.code) || e.code === 'query_timeout')) throw e;
    // The only text the reader writes into the query is the filter, and a filter is what makes a slow chart quick; anything else is about the columns chosen.
    const field = e.details?.param === 'where' || e.code === 'query_timeout' ? 'where' : 'x';
    return { d, form, outcome: { kind: 'problems', problems: [{ field, message: e.message }], status: e.status } };
  }
}

const statusOf = (o: ChartOutcome): number => (o.kind === 'problems' ? (o.status ?? 400) : o.kind === 'unchosen' ? 400 : o.kind === 'closed' && o.reason === 'signIn' ? 403 : 200);

/** The chart view of a dataset (`/datasets/{slug}/chart`) and its SVG download (`/datasets/{slug}/chart.svg`), both driven by the same URL parameters. */
export function chartTabRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const notFound = (reply: FastifyReply, pc: PageContext, slug: string) =>
    reply.status(404).header('Content-Type', 'text/html; charset=utf-8').send(errorPage(pc, pc.t.t('error.datasetNotFound'), pc.t.t('error.datasetNotFoundText', { slug })).value);

  app.get('/datasets/:slug/chart', async (req, reply) => {
    const p = await actorOf(ctx.deps, req);
    const pc = await pageContext(ctx, req, p);
    const found = await prepare(ctx, req, p, pc.t);
    if (!found) return notFound(reply, pc, (req.params as { slug: string }).slug);
    const { d, form, outcome } = found;
    const scripts = outcome.kind === 'closed' ? [] : [await ctx.assets.url('chart')];
    const html = chartPage({ pc, d, form, outcome, scripts });
    return reply.status(outcome.kind === 'problems' ? (outcome.status ?? 400) : 200).header('Content-Type', 'text/html; charset=utf-8').send(html.value);
  });

  app.get('/datasets/:slug/chart.svg', async (req, reply) => {
    const p = await actorOf(ctx.deps, req);
    const { t } = await pageContext(ctx, req, p);
    const found = await prepare(ctx, req, p, t);
    if (!found) return reply.status(404).header('Content-Type', 'text/plain; charset=utf-8').send(t.t('chart.noSuchDataset'));
    const { d, outcome } = found;
    if (outcome.kind !== 'chart') {
      const message = outcome.kind === 'closed' ? closedMessage(t, outcome.reason) : outcome.kind === 'unchosen' ? t.t('chart.unchosen') : outcome.problems.map((x) => x.message).join('\n');
      return reply.status(statusOf(outcome)).header('Content-Type', 'text/plain; charset=utf-8').send(`${message}\n`);
    }
    noteUse(ctx.deps, d.dataset);
    const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${renderToString(ChartSvg({ data: outcome.data, t }))}\n`;
    return reply
      .header('Content-Type', 'image/svg+xml; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${d.dataset.slug}-chart.svg"`)
      .send(svg);
  });
}
