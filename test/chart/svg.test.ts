import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { toChartData } from '../../src/domain/chart/query.ts';
import { checkChart, readChartForm, type ChartForm } from '../../src/domain/chart/spec.ts';
import { ChartSvg, PALETTE } from '../../src/domain/chart/svg.tsx';
import type { ColumnInfo } from '../../src/domain/table/types.ts';

const COLUMNS: ColumnInfo[] = [
  { name: 'kind', label: 'Kind <of> "thing" & more', type: 'text', physical: 'VARCHAR' },
  { name: 'day', label: 'Day', type: 'date', physical: 'DATE' },
  { name: 'n', label: 'N', type: 'integer', physical: 'BIGINT' },
  { name: 'who', label: 'Who', type: 'text', physical: 'VARCHAR' },
];

function svgOf(over: Partial<ChartForm>, rows: Record<string, unknown>[]): string {
  const c = checkChart({ ...readChartForm({}), ...over }, COLUMNS);
  if (!c.ok) throw new Error(c.problems.map((p) => p.message).join(' '));
  return renderToString(ChartSvg({ data: toChartData(c.spec, COLUMNS, rows) }));
}

/** True when every tag is closed in order and every attribute is quoted: enough XML to be read as a standalone file. */
function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, close, name, , self] = m;
    if (self) continue;
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  const stripped = xml.replace(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g, '');
  return stack.length === 0 && !/</.test(stripped) && !/&(?!amp;|lt;|gt;|quot;|#\d+;)/.test(stripped);
}

const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};

describe('the chart SVG', () => {
  const rows = [
    { chart_x: 'a', chart_y: 10 },
    { chart_x: 'b', chart_y: 20 },
    { chart_x: '<c>', chart_y: 40 },
  ];

  it('is a titled, described image, well-formed enough to save as a file', () => {
    const svg = svgOf({ type: 'bar', x: 'kind' }, rows);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img" aria-labelledby="chart-title chart-desc"/);
    expect(svg).toContain('<title id="chart-title">Number of rows by Kind &lt;of> &quot;thing&quot; &amp; more</title>');
    expect(svg).toContain('<desc id="chart-desc">Bar chart of Number of rows by Kind &lt;of> &quot;thing&quot; &amp; more: 3 values. Highest 40 at &lt;c>, lowest 10 at a. The data table lists every value.</desc>');
    expect(wellFormed(svg)).toBe(true);
    expect(svg).not.toContain('<c>');
  });

  it('draws bars whose heights are exactly proportional to their values from a zero baseline', () => {
    const svg = svgOf({ type: 'bar', x: 'kind' }, rows);
    // Plot from y=16 to y=360 (344 px) for a 0–40 axis: 8.6 px per unit.
    const bars = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({ y: Number(m[2]), h: Number(m[4]) }));
    expect(bars).toEqual([
      { y: 274, h: 86 },
      { y: 188, h: 172 },
      { y: 16, h: 344 },
    ]);
    expect([...svg.matchAll(/<text x="\d+(?:\.\d+)?" y="[\d.]+">([^<]+)<\/text>/g)].map((m) => m[1])).toEqual(['0', '10', '20', '30', '40', 'a', 'b', '&lt;c>']);
  });

  it('names every series in a legend, and writes dates and numbers for readers', () => {
    const svg = svgOf({ type: 'line', x: 'day', bucket: 'month', agg: 'sum', y: 'n', group: 'who' }, [
      { chart_x: '2016-01-01', chart_s: 'Ann', chart_y: 1200 },
      { chart_x: '2016-02-01', chart_s: 'Ann', chart_y: 1500.5 },
      { chart_x: '2016-01-01', chart_s: 'Bo & Co', chart_y: 300 },
    ]);
    expect(svg).toContain('<title id="chart-title">Sum of N by Day (by month) and Who</title>');
    expect(svg).toContain('font-weight="600">Who:</text>');
    expect(svg).toContain('>Ann</text>');
    expect(svg).toContain('>Bo &amp; Co</text>');
    expect(svg).toContain('>1,500</text>');
    expect(svg).toContain('>Jan 2016</text>');
    expect(svg).toContain('Ann: highest 1,500.5 at Feb 2016, lowest 1,200 at Jan 2016.');
    expect(svg).toContain(`stroke="${PALETTE[1]}" stroke-width="2" stroke-dasharray="6 3"`);
  });

  it('uses series colours with at least 4.5:1 contrast against white', () => {
    expect(new Set(PALETTE).size).toBe(12);
    for (const c of PALETTE) expect(1.05 / (luminance(c) + 0.05), c).toBeGreaterThanOrEqual(4.5);
  });

  it('says when there is nothing to draw', () => {
    expect(svgOf({ type: 'bar', x: 'kind' }, [])).toContain('<desc id="chart-desc">There are no values to draw for these settings.</desc>');
  });
});
