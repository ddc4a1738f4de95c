import { renderToString } from 'preact-render-to-string';
import { defaultChart } from '../../domain/chart/default-chart.ts';
import { binWidth, chartRequest, histogramRangeRequest, histogramRequest, toChartData } from '../../domain/chart/query.ts';
import { checkChart } from '../../domain/chart/spec.ts';
import { ChartSvg } from '../../domain/chart/svg.tsx';
import { getDataset } from '../catalog/read-datasets.ts';
import type { Deps, Principal } from '../deps.ts';
import { queryRecords } from '../records/query-records.ts';

/**
 * The first chart of a dataset (the one its chart tab opens on) as an SVG,
 * or undefined while it has no data or no chart fits its columns.
 */
export async function defaultChartSvg(deps: Deps, p: Principal, slug: string): Promise<string | undefined> {
  const d = await getDataset(deps, p, slug);
  if (!d.live) return undefined;
  const columns = d.live.columns;
  const form = defaultChart(columns, d.live.profile);
  if (!form) return undefined;
  const t = deps.locales.translator('en');
  const checked = checkChart(form, columns, t);
  if (!checked.ok) return undefined;
  const spec = checked.spec;
  let data;
  if (spec.type === 'histogram') {
    const range = (await queryRecords(deps, p, slug, histogramRangeRequest(spec))).results[0] ?? {};
    const lo = Number(range.lo ?? NaN);
    const width = range.lo === null || range.hi === null ? undefined : binWidth(spec, lo, Number(range.hi));
    if (width === undefined) return undefined;
    data = toChartData(spec, columns, (await queryRecords(deps, p, slug, histogramRequest(spec, lo, width))).results, width, t);
  } else data = toChartData(spec, columns, (await queryRecords(deps, p, slug, chartRequest(spec, columns))).results, undefined, t);
  return renderToString(ChartSvg({ data, t }));
}
