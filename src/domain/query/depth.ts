import type { Expr } from './ast.ts';
import { invalid, type QueryParam } from './errors.ts';

/** Deepest accepted expression nesting. */
export const MAX_DEPTH = 64;

export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'literal':
    case 'column':
      return [];
    case 'unary':
      return [e.operand];
    case 'binary':
      return [e.left, e.right];
    case 'logical':
      return e.operands;
    case 'isNull':
      return [e.operand];
    case 'in':
      return [e.operand, ...e.list];
    case 'between':
      return [e.operand, e.low, e.high];
    case 'like':
      return [e.operand, e.pattern];
    case 'call':
      return e.args;
    case 'case':
      return [...e.whens.flatMap((w) => [w.when, w.then]), ...(e.otherwise ? [e.otherwise] : [])];
  }
}

/** Rejects trees deeper than MAX_DEPTH (long `a + b + ...` chains included). */
export function checkDepth(root: Expr, param: QueryParam): Expr {
  const visit = (e: Expr, depth: number): void => {
    if (depth > MAX_DEPTH) throw invalid(param, e.pos, `expression is nested more than ${MAX_DEPTH} levels deep`);
    for (const c of children(e)) visit(c, depth + 1);
  };
  visit(root, 1);
  return root;
}

