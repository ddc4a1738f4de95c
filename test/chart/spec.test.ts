import { describe, expect, it } from 'vitest';
import { chartRequest, histogramRequest, toChartData } from '../../src/domain/chart/query.ts';
import { checkChart, chartQuery, readChartForm, type ChartForm } from '../../src/domain/chart/spec.ts';
import type { ColumnInfo } from '../../src/domain/table/types.ts';

const COLUMNS: ColumnInfo[] = [
  { name: 'day', label: 'Day', type: 'date', physical: 'DATE' },
  { name: 'borough', label: 'Borough', type: 'text', physical: 'VARCHAR' },
  { name: 'people', label: 'People', type: 'integer', physical: 'BIGINT' },
  { name: 'place', label: 'Place', type: 'geometry', physical: 'VARCHAR' },
];

const form = (over: Partial<ChartForm>): ChartForm => ({ ...readChartForm({}), ...over });
const problems = (over: Partial<ChartForm>) => {
  const c = checkChart(form(over), COLUMNS);
  return c.ok ? [] : c.problems.map((p) => `${p.field}: ${p.message}`);
};

describe('chart settings', () => {
  it('read from URL parameters, keeping the first of repeated ones and nothing that is not text', () => {
    expect(readChartForm({ type: ['line', 'bar'], x: ' day ', y: { a: 1 } })).toMatchObject({ type: 'line', x: 'day', y: '' });
  });


  it('say clearly, field by field, what cannot be drawn', () => {
    expect(problems({})).toEqual(['x: Choose a column for the x axis.']);
    expect(problems({ x: 'borough', agg: 'sum' })).toEqual(['y: Choose a number column for the y axis to take the sum of.']);
    expect(problems({ x: 'borough', agg: 'avg', y: 'borough' })).toEqual(['y: The y axis needs a number column to take the average of; “Borough” holds text values.']);
    expect(problems({ x: 'nope' })).toEqual(['x: This dataset has no column “nope” to chart.']);
    expect(problems({ x: 'place' })).toEqual(['x: This dataset has no column “place” to chart.']);
    expect(problems({ type: 'histogram', x: 'borough' })).toEqual(['x: A histogram needs a number column on the x axis; “Borough” holds text values.']);
    expect(problems({ type: 'scatter', x: 'people' })).toEqual(['y: A scatter chart needs a number column for the y axis.']);
    expect(problems({ x: 'borough', bucket: 'month' })[0]).toMatch(/^bucket: Only dates can be grouped by month/);
    expect(problems({ type: 'pie', x: 'day', bins: '1' })).toEqual(['type: “pie” is not a chart type; choose bar, line, area, scatter, histogram.', 'bins: The number of bins must be a whole number from 2 to 100.']);
  });

  it('become an aggregate query in the records language, bucketed with date_trunc', () => {
    const c = checkChart(form({ type: 'line', x: 'day', bucket: 'week', agg: 'sum', y: 'people', group: 'borough', where: "borough <> 'X'" }), COLUMNS);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(chartRequest(c.spec, COLUMNS)).toEqual({
      select: "date_trunc('week', `day`) AS chart_x, `borough` AS chart_s, sum(`people`) AS chart_y",
      group_by: 'chart_x, chart_s',
      order_by: 'chart_x, chart_s',
      where: "(borough <> 'X') AND `day` IS NOT NULL",
      limit: 2001,
    });
    expect(chartQuery(c.form)).toBe('type=line&x=day&y=people&agg=sum&group=borough&bucket=week&where=borough+%3C%3E+%27X%27');
  });

  it('order bars of text categories largest first, and bars of dates by date', () => {
    const text = checkChart(form({ type: 'bar', x: 'borough' }), COLUMNS);
    const dates = checkChart(form({ type: 'bar', x: 'day', bucket: 'year' }), COLUMNS);
    if (!text.ok || !dates.ok) throw new Error('expected valid charts');
    expect(chartRequest(text.spec, COLUMNS).order_by).toBe('chart_y DESC, chart_x');
    expect(chartRequest(dates.spec, COLUMNS).order_by).toBe('chart_x');
  });

  it('bin a histogram by moving values down to their bin start, and fold the top value into the last bin', () => {
    const c = checkChart(form({ type: 'histogram', x: 'people', bins: '4' }), COLUMNS);
    if (!c.ok) throw new Error('expected a valid chart');
    expect(histogramRequest(c.spec, -2, 2.5).select).toBe('`people` - ((`people` - (-2)) % 2.5) AS chart_x, count(*) AS chart_y');
    const data = toChartData(c.spec, COLUMNS, [{ chart_x: 0, chart_y: 3 }, { chart_x: 2.4999999, chart_y: 1 }, { chart_x: 10, chart_y: 1 }], 2.5);
    expect(data.series[0]!.points).toEqual([{ x: 0, y: 3 }, { x: 2.5, y: 1 }, { x: 5, y: 0 }, { x: 7.5, y: 1 }]);
  });

  it('keep the twelve largest series and the first 2,000 points, and say so', () => {
    const c = checkChart(form({ type: 'bar', x: 'borough', group: 'day' }), COLUMNS);
    if (!c.ok) throw new Error('expected a valid chart');
    const rows = Array.from({ length: 2_100 }, (_, i) => ({ chart_x: `b${i % 3}`, chart_s: `2020-01-${String((i % 20) + 1).padStart(2, '0')}`, chart_y: i % 20 }));
    const data = toChartData(c.spec, COLUMNS, rows);
    expect(data.series).toHaveLength(12);
    expect(data.series[0]!.name).toBe('2020-01-20');
    expect(data.notes).toEqual(['Showing the first 2,000 points; there are more. Narrow the chart with a filter or a longer period.', 'Showing the 12 largest of 20 series.']);
  });
});
