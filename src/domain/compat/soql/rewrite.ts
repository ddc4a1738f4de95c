import type { Expr } from '../../query/ast.ts';
import { invalid, type QueryParam } from '../../query/errors.ts';

/** SoQL's date truncations and the unit of Plaza's `date_trunc` each one means. */
const TRUNCATIONS: Readonly<Record<string, string>> = { date_trunc_ymd: 'day', date_trunc_ym: 'month', date_trunc_y: 'year' };

/** SoQL's geo functions and Plaza's equivalents: the argument orders are the same. */
const GEO: Readonly<Record<string, string>> = { within_circle: 'within_distance', within_box: 'in_bbox', within_polygon: 'within_polygon' };

/**
 * Rewrites a SoQL expression into the records query language's tree:
 * `date_trunc_ym(x)` → `date_trunc('month', x)`, `case(c1, v1, ...)` → a
 * `case` node, `within_circle`/`within_box` → `within_distance`/`in_bbox`.
 * Every other node is the same in both languages.
 */
export function rewriteSoql(e: Expr, param: QueryParam): Expr {
  const r = (x: Expr): Expr => rewriteSoql(x, param);
  switch (e.kind) {
    case 'literal':
    case 'column':
      return e;
    case 'unary':
      return { ...e, operand: r(e.operand) };
    case 'isNull':
      return { ...e, operand: r(e.operand) };
    case 'binary':
      return { ...e, left: r(e.left), right: r(e.right) };
    case 'logical':
      return { ...e, operands: e.operands.map(r) };
    case 'in':
      return { ...e, operand: r(e.operand), list: e.list.map(r) };
    case 'between':
      return { ...e, operand: r(e.operand), low: r(e.low), high: r(e.high) };
    case 'like':
      return { ...e, operand: r(e.operand), pattern: r(e.pattern) };
    case 'case':
      return { ...e, whens: e.whens.map((w) => ({ when: r(w.when), then: r(w.then) })), otherwise: e.otherwise ? r(e.otherwise) : null };
    case 'call':
      return rewriteCall({ ...e, args: e.args.map(r) }, param);
  }
}

function rewriteCall(e: Extract<Expr, { kind: 'call' }>, param: QueryParam): Expr {
  const unit = TRUNCATIONS[e.name];
  if (unit !== undefined) {
    if (e.args.length !== 1 || e.star) throw invalid(param, e.pos, `${e.name}() takes 1 argument`, `use ${e.name}(date_column)`);
    return { ...e, name: 'date_trunc', args: [{ kind: 'literal', pos: e.pos, type: 'text', value: unit }, e.args[0]!] };
  }
  const geo = GEO[e.name];
  if (geo !== undefined) return { ...e, name: geo };
  if (e.name === 'case') {
    if (e.args.length < 2 || e.args.length % 2 !== 0) {
      throw invalid(param, e.pos, 'case() takes pairs of a condition and a value', "use case(x > 10, 'high', true, 'low')");
    }
    const whens: Array<{ when: Expr; then: Expr }> = [];
    for (let i = 0; i < e.args.length; i += 2) whens.push({ when: e.args[i]!, then: e.args[i + 1]! });
    return { kind: 'case', pos: e.pos, whens, otherwise: null };
  }
  return e;
}
