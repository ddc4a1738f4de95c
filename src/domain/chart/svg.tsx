import type { VNode } from 'preact';
import type { Translator } from '../i18n/translator.ts';
import { formatNumber, formatX } from './format.ts';
import type { ChartData, ChartPoint } from './query.ts';
import { band, linear, niceTicks, timeTicks, yTicks, type LinearScale } from './scale.ts';
import { CHART_EN } from './words.ts';

/** Series colours: each has at least 4.5:1 contrast against white, and they differ in hue. */
export const PALETTE = ['#1f5fa8', '#b35900', '#2e7d32', '#c62828', '#6a3d9a', '#00796b', '#ad1457', '#8c564b', '#5d6d00', '#0277bd', '#455a64', '#806000'];
/** Line patterns, so series differ by more than colour. */
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '12 4', '4 2 1 2'];

export const WIDTH = 800;
export const HEIGHT = 420;
const INK = '#1d2733';
const GRID = '#d5dbe1';
const MARGIN = { left: 76, right: 24, bottom: 60, top: 16 };
const LEGEND_ROW = 20;

const r2 = (v: number): number => Math.round(v * 100) / 100;
const short = (s: string, n = 16): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Legend entries laid out left to right, wrapping into rows; returns each entry's place and the rows used. */
function legendLayout(names: string[], width: number): { items: Array<{ name: string; x: number; y: number }>; rows: number } {
  let x = 0;
  let row = 0;
  const items = names.map((name) => {
    const w = 22 + Math.min(name.length, 28) * 7 + 16;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    const item = { name, x, y: row * LEGEND_ROW };
    x += w;
    return item;
  });
  return { items, rows: names.length ? row + 1 : 0 };
}

/** One sentence or three that say what the chart shows, for its `<desc>` and people who cannot see it. */
export function describeChart(data: ChartData, t: Translator = CHART_EN): string {
  const points = data.series.reduce((n, s) => n + s.points.length, 0);
  if (!points) return t.t('chart.descNone');
  const x = (p: ChartPoint) => formatX(data.xKind, p.x, data.xUnit, t.lang);
  const num = (v: number) => formatNumber(v, t.lang);
  const kind = data.spec.type === 'histogram' ? t.t('chart.descHistogram', { x: data.xLabel, bins: data.spec.bins }) : t.t('chart.descKind', { type: data.spec.type, y: data.yLabel, x: data.xLabel });
  const many = data.series.length > 1;
  const parts = [many ? t.t('chart.descValuesSeries', { kind, points, series: data.series.length, names: data.series.map((s) => s.name).join(', ') }) : t.t('chart.descValues', { kind, points })];
  for (const s of data.series.slice(0, 3)) {
    const hi = s.points.reduce((a, b) => (b.y > a.y ? b : a));
    const lo = s.points.reduce((a, b) => (b.y < a.y ? b : a));
    const values = { name: s.name, hi: num(hi.y), hiAt: x(hi), lo: num(lo.y), loAt: x(lo) };
    parts.push(t.t(many ? 'chart.descExtremesSeries' : 'chart.descExtremes', values));
  }
  parts.push(t.t('chart.descTable'));
  return parts.join(' ');
}

/** The chart's heading: what against what. */
export const chartTitle = (data: ChartData, t: Translator = CHART_EN): string =>
  data.spec.type === 'histogram'
    ? t.t('chart.titleHistogram', { x: data.xLabel })
    : data.groupLabel
      ? t.t('chart.titleGroup', { y: data.yLabel, x: data.xLabel, group: data.groupLabel })
      : t.t('chart.title', { y: data.yLabel, x: data.xLabel });

/** About how wide a character of the 12 px axis text is, and the space kept between two labels. */
export const CHAR_WIDTH = 7;
export const LABEL_GAP = 8;

/** About how wide a label is on the axis. */
export const textWidth = (label: string): number => [...label].length * CHAR_WIDTH;

/** Whether two labels centred `distance` pixels apart leave the gap between them. */
export const labelsFit = (a: string, b: string, distance: number): boolean => distance >= (textWidth(a) + textWidth(b)) / 2 + LABEL_GAP;

/**
 * Which labels a category axis shows, `step` pixels apart: from the left,
 * each one that fits beside the last one shown. Labels that fit side by side
 * are all shown; one is left out only when it would overlap its neighbour.
 */
export function shownLabels(labels: string[], step: number): boolean[] {
  let last = -1;
  return labels.map((label, i) => {
    if (last >= 0 && !labelsFit(labels[last]!, label, step * (i - last))) return false;
    last = i;
    return true;
  });
}

interface XAxis {
  /** The pixel position of a point's x (its centre, on category axes). */
  at: (p: ChartPoint) => number;
  ticks: Array<{ x: number; label: string }>;
  /** Width of one bar, for bar charts and histograms. */
  barWidth: number;
}

function xAxis(data: ChartData, left: number, right: number, locale: string): XAxis {
  const all = data.series.flatMap((s) => s.points);
  if (data.xKind === 'category') {
    const keys = [...new Set(all.map((p) => String(p.x)))];
    const b = band(keys, [left, right]);
    const labels = keys.map((k) => short(k));
    const shown = shownLabels(labels, b.step);
    return { at: (p) => b.at(String(p.x)) + b.width / 2, barWidth: b.width, ticks: keys.flatMap((k, i) => (shown[i] ? [{ x: b.at(k) + b.width / 2, label: labels[i]! }] : [])) };
  }
  const xs = all.map((p) => p.x as number);
  let lo = xs.length ? Math.min(...xs) : 0;
  let hi = xs.length ? Math.max(...xs) : 1;
  if (data.binWidth !== undefined) hi += data.binWidth;
  if (data.xKind === 'time') {
    if (lo === hi) [lo, hi] = [lo - 86_400_000, hi + 86_400_000];
    const s = linear([lo, hi], [left, right]);
    const t = timeTicks(lo, hi);
    const unit = data.xUnit === 'time' || data.xUnit === 'week' ? t.unit : t.unit === 'day' ? data.xUnit : t.unit;
    return { at: (p) => s(p.x as number), barWidth: 0, ticks: t.ticks.map((v) => ({ x: s(v), label: formatX('time', v, unit, locale) })) };
  }
  const nice = data.binWidth !== undefined ? { domain: [lo, hi] as [number, number], ticks: niceTicks(lo, hi).ticks.filter((v) => v >= lo && v <= hi) } : niceTicks(lo, hi);
  const s = linear(nice.domain, [left, right]);
  const barWidth = data.binWidth !== undefined ? s(lo + data.binWidth) - s(lo) : 0;
  return { at: (p) => s(p.x as number), barWidth, ticks: nice.ticks.map((v) => ({ x: s(v), label: formatNumber(v, locale) })) };
}

function Marks({ data, x, y, base }: { data: ChartData; x: XAxis; y: LinearScale; base: number }) {
  const { type } = data.spec;
  const n = data.series.length;
  return (
    <g>
      {data.series.map((s, i) => {
        const colour = PALETTE[i % PALETTE.length]!;
        if (type === 'bar' || type === 'histogram') {
          const w = type === 'bar' ? x.barWidth / n : Math.max(1, x.barWidth - 1);
          return (
            <g key={s.name} fill={colour}>
              {s.points.map((p, j) => {
                const left = type === 'bar' ? x.at(p) - x.barWidth / 2 + i * w : x.at(p) + 0.5;
                const top = Math.min(y(p.y), base);
                return <rect key={j} x={r2(left)} y={r2(top)} width={r2(w)} height={r2(Math.abs(y(p.y) - base))} />;
              })}
            </g>
          );
        }
        if (type === 'scatter') {
          return (
            <g key={s.name} fill={colour} fill-opacity="0.7">
              {s.points.map((p, j) => (
                <circle key={j} cx={r2(x.at(p))} cy={r2(y(p.y))} r="3" />
              ))}
            </g>
          );
        }
        const sorted = data.xKind === 'category' ? s.points : [...s.points].sort((a, b) => (a.x as number) - (b.x as number));
        const line = sorted.map((p, j) => `${j ? 'L' : 'M'}${r2(x.at(p))},${r2(y(p.y))}`).join('');
        const first = sorted[0];
        const last = sorted[sorted.length - 1];
        return (
          <g key={s.name}>
            {type === 'area' && first && last ? <path d={`${line}L${r2(x.at(last))},${r2(base)}L${r2(x.at(first))},${r2(base)}Z`} fill={colour} fill-opacity={n > 1 ? '0.15' : '0.3'} /> : null}
            <path d={line} fill="none" stroke={colour} stroke-width="2" stroke-dasharray={DASHES[i % DASHES.length] || undefined} />
            {sorted.length <= 60 ? sorted.map((p, j) => <circle key={j} cx={r2(x.at(p))} cy={r2(y(p.y))} r="3" fill={colour} />) : null}
          </g>
        );
      })}
    </g>
  );
}

/** The chart as an accessible SVG element: a titled image with axes, ticks, labels and a legend naming each series. */
export function ChartSvg({ data, idPrefix = 'chart', t = CHART_EN }: { data: ChartData; idPrefix?: string; t?: Translator }): VNode {
  const names = data.series.length > 1 || data.spec.group ? data.series.map((s) => s.name) : [];
  // The legend starts with the name of the column whose values the series are.
  const heading = names.length && data.groupLabel ? `${short(data.groupLabel, 28)}:` : '';
  const indent = heading ? heading.length * 7.5 + 12 : 0;
  const legend = legendLayout(names, WIDTH - MARGIN.left - MARGIN.right - indent);
  const top = MARGIN.top + legend.rows * LEGEND_ROW + (legend.rows ? 8 : 0);
  const right = WIDTH - MARGIN.right;
  const bottom = HEIGHT - MARGIN.bottom;
  const values = data.series.flatMap((s) => s.points.map((p) => p.y));
  const yt = yTicks(values, data.spec.type !== 'line' && data.spec.type !== 'scatter');
  // Room for the longest tick label, then the axis title.
  const left = Math.max(MARGIN.left, 40 + Math.max(...yt.ticks.map((v) => formatNumber(v, t.lang).length)) * 7.5);
  const y = linear(yt.domain, [bottom, top]);
  const base = y(Math.max(yt.domain[0], Math.min(0, yt.domain[1])));
  const x = xAxis(data, left, right, t.lang);
  const title = chartTitle(data, t);
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-labelledby={`${idPrefix}-title ${idPrefix}-desc`} font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="12" style="max-width:100%;height:auto">
      <title id={`${idPrefix}-title`}>{title}</title>
      <desc id={`${idPrefix}-desc`}>{describeChart(data, t)}</desc>
      <rect width={WIDTH} height={HEIGHT} fill="#fff" />
      <g fill={INK}>
        {heading ? (
          <text x={left} y={MARGIN.top + 11} font-weight="600">
            {heading}
          </text>
        ) : null}
        {legend.items.map((it, i) => (
          <g key={it.name} transform={`translate(${r2(left + indent + it.x)},${MARGIN.top + it.y})`}>
            <rect width="14" height="14" fill={PALETTE[i % PALETTE.length]} />
            <text x="20" y="11">
              {short(it.name, 28)}
            </text>
          </g>
        ))}
      </g>
      <g fill={INK} text-anchor="end">
        {yt.ticks.map((v) => (
          <g key={v}>
            <line x1={left} x2={right} y1={r2(y(v))} y2={r2(y(v))} stroke={GRID} />
            <text x={left - 6} y={r2(y(v) + 4)}>
              {formatNumber(v, t.lang)}
            </text>
          </g>
        ))}
      </g>
      <Marks data={data} x={x} y={y} base={base} />
      <line x1={left} x2={right} y1={r2(base)} y2={r2(base)} stroke={INK} />
      <g fill={INK} text-anchor="middle">
        {x.ticks.map((t, i) => (
          <g key={i}>
            <line x1={r2(t.x)} x2={r2(t.x)} y1={bottom} y2={bottom + 5} stroke={INK} />
            <text x={r2(t.x)} y={bottom + 18}>
              {t.label}
            </text>
          </g>
        ))}
        <text x={(left + right) / 2} y={HEIGHT - 14} font-weight="600">
          {data.xLabel}
        </text>
        <text transform={`translate(16,${(top + bottom) / 2}) rotate(-90)`} font-weight="600">
          {data.yLabel}
        </text>
      </g>
    </svg>
  );
}
