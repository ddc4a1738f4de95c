/**
 * Choropleth classes: numbers split into (up to) five classes holding about as
 * many values each (quantiles), each with a colour from light to dark.
 */

/** Five blues from light to dark; the page outlines every shape in dark ink, so light fills stay visible. */
export const CLASS_COLOURS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
/** The fill of a feature without a value. */
export const NO_VALUE_COLOUR = '#d9d9d9';

export interface Classes {
  /** Lower edges of classes 2..k: class i holds [breaks[i-1], breaks[i]). */
  breaks: number[];
  min: number;
  max: number;
}

/**
 * Quantile breaks: for k = 1..n-1 the value at sorted position ⌊k·N/n⌋, with
 * repeats and the minimum dropped (so equal values never split, and a class
 * is never empty at its bottom). Undefined when there are no values.
 */
export function quantileClasses(values: number[], n = 5): Classes | undefined {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const breaks: number[] = [];
  for (let k = 1; k < n; k++) {
    const b = sorted[Math.floor((k * sorted.length) / n)]!;
    if (b > min && b !== breaks[breaks.length - 1]) breaks.push(b);
  }
  return { breaks, min, max };
}

/** The class (0-based) of a value. */
export function classOf(c: Classes, v: number): number {
  let i = 0;
  while (i < c.breaks.length && v >= c.breaks[i]!) i++;
  return i;
}

/** The colour of class i when there are `count` classes: spread over the palette, darkest last. */
export function classColour(i: number, count: number): string {
  if (count <= 1) return CLASS_COLOURS[2];
  return CLASS_COLOURS[Math.round((i * (CLASS_COLOURS.length - 1)) / (count - 1))]!;
}

const fmt = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** The legend's classes as numbers, for pages that word them in the reader's language: each class's colour, lower edge and upper edge (`last`: the edge is included). */
export function legendRanges(c: Classes): { colour: string; from: number; to: number; last: boolean }[] {
  const edges = [c.min, ...c.breaks];
  return edges.map((lo, i) => {
    const last = i === edges.length - 1;
    return { colour: classColour(i, edges.length), from: lo, to: last ? c.max : edges[i + 1]!, last };
  });
}

/** The legend: each class's colour and range in words ("10 to under 20", the last "40 to 50"). */
export function legend(c: Classes): { colour: string; label: string }[] {
  const edges = [c.min, ...c.breaks];
  return edges.map((lo, i) => {
    const last = i === edges.length - 1;
    return { colour: classColour(i, edges.length), label: last ? (lo === c.max ? fmt(lo) : `${fmt(lo)} to ${fmt(c.max)}`) : `${fmt(lo)} to under ${fmt(edges[i + 1]!)}` };
  });
}
