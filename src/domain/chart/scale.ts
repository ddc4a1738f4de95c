/** Maps data values to pixels, and picks the values axes mark. */

export interface LinearScale {
  domain: [number, number];
  range: [number, number];
  (v: number): number;
}

/** A straight-line map from the domain onto the range (pixels). */
export function linear(domain: [number, number], range: [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const f = ((v: number) => r0 + ((v - d0) / span) * (r1 - r0)) as LinearScale;
  f.domain = domain;
  f.range = range;
  return f;
}

/** A step of 1, 2 or 5 times a power of ten that cuts the span into about `count` parts. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

/** Rounds to the step's own precision, so 0.1 + 0.2 prints as 0.3. */
const clean = (v: number, step: number): number => {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(v.toFixed(Math.min(20, digits)));
};

/** Widens [lo, hi] outward to whole steps, and returns the domain with its tick values. */
export function niceTicks(lo: number, hi: number, count = 5): { domain: [number, number]; ticks: number[] } {
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) / 2;
    return niceTicks(lo - pad, hi + pad, count);
  }
  const step = niceStep(hi - lo, count);
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let i = 0, v = start; v <= end + step / 2 && i < 1_000; i++, v = start + i * step) ticks.push(clean(v, step));
  return { domain: [clean(start, step), clean(end, step)], ticks };
}

/** The y domain of a chart: always from zero for bars and areas, which are read by their length. */
export function yTicks(values: number[], fromZero: boolean, count = 5): { domain: [number, number]; ticks: number[] } {
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (fromZero) {
    lo = Math.min(0, lo);
    hi = Math.max(0, hi);
  }
  return niceTicks(lo, hi, count);
}

const DAY = 86_400_000;
/** Candidate steps for time axes, from a day up. */
const TIME_STEPS: Array<{ unit: 'day' | 'month' | 'year'; n: number; ms: number }> = [
  { unit: 'day', n: 1, ms: DAY },
  { unit: 'day', n: 7, ms: 7 * DAY },
  { unit: 'month', n: 1, ms: 30.4 * DAY },
  { unit: 'month', n: 3, ms: 91 * DAY },
  { unit: 'month', n: 6, ms: 182 * DAY },
  { unit: 'year', n: 1, ms: 365.25 * DAY },
];

/** Tick times (UTC milliseconds) on calendar boundaries: days, weeks, months, quarters or years. */
export function timeTicks(lo: number, hi: number, count = 6): { ticks: number[]; unit: 'day' | 'month' | 'year' } {
  const span = Math.max(hi - lo, DAY);
  const pick = TIME_STEPS.find((s) => span / s.ms <= count);
  if (!pick) {
    const years = niceStep(span / (365.25 * DAY), count);
    const step = Math.max(1, Math.round(years));
    const first = Math.ceil(new Date(lo).getUTCFullYear() / step) * step;
    const ticks: number[] = [];
    for (let y = first; Date.UTC(y, 0, 1) <= hi; y += step) ticks.push(Date.UTC(y, 0, 1));
    return { ticks, unit: 'year' };
  }
  const ticks: number[] = [];
  const d = new Date(lo);
  let t: Date;
  if (pick.unit === 'year') t = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  else if (pick.unit === 'month') t = new Date(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / pick.n) * pick.n, 1));
  else t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  for (let i = 0; i < 500 && t.getTime() <= hi; i++) {
    if (t.getTime() >= lo) ticks.push(t.getTime());
    if (pick.unit === 'year') t = new Date(Date.UTC(t.getUTCFullYear() + pick.n, 0, 1));
    else if (pick.unit === 'month') t = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + pick.n, 1));
    else t = new Date(t.getTime() + pick.n * DAY);
  }
  return { ticks, unit: pick.unit };
}

/** Evenly spaced slots for categories: each one's start and width in pixels. */
export function band(keys: string[], range: [number, number], padding = 0.2): { at: (k: string) => number; width: number; step: number } {
  const index = new Map(keys.map((k, i) => [k, i]));
  const step = (range[1] - range[0]) / Math.max(1, keys.length);
  const width = step * (1 - padding);
  return { at: (k) => range[0] + (index.get(k) ?? 0) * step + (step - width) / 2, width, step };
}
