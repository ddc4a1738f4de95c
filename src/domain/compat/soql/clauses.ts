import type { Expr, GroupItem, OrderItem, SelectItem } from '../../query/ast.ts';
import { checkDepth } from '../../query/depth.ts';
import { invalid, syntaxError, type QueryParam } from '../../query/errors.ts';
import type { ExpressionParser } from '../../query/parser.ts';
import { rewriteSoql } from './rewrite.ts';

/** A SoQL expression read by the shared parser and rewritten into the records query's tree. */
export function soqlExpression(p: ExpressionParser): Expr {
  return rewriteSoql(checkDepth(p.expression(), p.param), p.param);
}

/** `[DISTINCT] * | expr [AS alias], ...`; stops at the first token that continues no item. */
export function selectItems(p: ExpressionParser): { items: SelectItem[]; distinct: boolean } {
  const distinct = p.acceptKeyword('distinct');
  const items: SelectItem[] = [];
  do {
    const pos = p.peek.pos;
    if (p.acceptOp('*')) {
      if (distinct) throw invalid(p.param, pos, '`distinct *` is not supported', 'name the columns: `distinct a, b`');
      items.push({ kind: 'star', pos });
      continue;
    }
    const expr = soqlExpression(p);
    const end = p.peek.pos;
    items.push({ kind: 'expr', pos, expr, end, ...p.alias() });
  } while (p.acceptOp(','));
  return { items, distinct };
}

/** `expr [AS alias], ...` of a group clause. */
export function groupItems(p: ExpressionParser): GroupItem[] {
  const items: GroupItem[] = [];
  do {
    const pos = p.peek.pos;
    items.push({ pos, expr: soqlExpression(p), ...p.alias() });
  } while (p.acceptOp(','));
  return items;
}

/** `expr [ASC|DESC], ...` of an order clause. */
export function orderItems(p: ExpressionParser): OrderItem[] {
  const items: OrderItem[] = [];
  do {
    const pos = p.peek.pos;
    const expr = soqlExpression(p);
    const descending = p.acceptKeyword('desc');
    if (!descending) p.acceptKeyword('asc');
    items.push({ pos, expr, descending });
  } while (p.acceptOp(','));
  return items;
}

/** `$select=distinct a, b` groups by the selected expressions. */
export function distinctGroups(items: SelectItem[]): GroupItem[] {
  return items.flatMap((i) => (i.kind === 'expr' ? [{ pos: i.pos, expr: i.expr }] : []));
}

/** A whole number token (LIMIT, OFFSET). */
export function countToken(p: ExpressionParser, param: QueryParam, what: string): string {
  const t = p.next();
  if (t.kind !== 'number' || !/^[0-9]+$/.test(t.text)) throw syntaxError(param, t.pos, `${what} takes a whole number`);
  return t.text;
}
