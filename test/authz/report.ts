/** One call of the matrix whose answer was not the expected one. */
export interface Mismatch {
  route: string;
  case: string;
  actor: string;
  expected: number | string;
  got: number | string;
  message: string;
}

/** The answer's error code and message (or the start of its body), for the report. */
export function describeAnswer(body: string): string {
  try {
    const e = (JSON.parse(body) as { error?: { code?: string; message?: string } }).error;
    if (e) return `${e.code ?? ''}: ${e.message ?? ''}`;
  } catch {
    // Not JSON: a CSV file, an empty body.
  }
  return body.slice(0, 80).replace(/\s+/g, ' ');
}

/** All mismatches as one aligned table, so a run shows every disagreement at once. */
export function formatMismatches(rows: Mismatch[], heading = `${rows.length} call(s) did not answer as the authorization table says:`): string {
  const head: Mismatch = { route: 'route', case: 'case', actor: 'actor', expected: 'expected', got: 'got', message: 'error message' };
  const cells = (r: Mismatch) => [r.route, r.case, r.actor, String(r.expected), String(r.got), r.message.slice(0, 160)];
  const all = [head, ...rows].map(cells);
  const widths = all[0]!.map((_, i) => Math.max(...all.map((c) => (i === 5 ? 0 : c[i]!.length))));
  const line = (c: string[]) => c.map((v, i) => (i === 5 ? v : v.padEnd(widths[i]!))).join(' | ');
  return [heading, line(all[0]!), ...all.slice(1).map(line)].join('\n');
}
