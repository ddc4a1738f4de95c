import type { Expr } from './ast.ts';
import type { ColumnResolver } from './columns.ts';

const PRECEDENCE: Record<string, number> = { OR: 1, AND: 2, NOT: 3, cmp: 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

function literal(e: Extract<Expr, { kind: 'literal' }>): string {
  switch (e.type) {
    case 'text':
      return `'${String(e.value).replace(/'/g, "''")}'`;
    case 'date':
    case 'timestamp':
      return `${e.type}'${String(e.value).replace(/'/g, "''")}'`;
    case 'null':
      return 'null';
    default:
      return String(e.value);
  }
}

/**
 * Prints an expression in a normal form: columns by their resolved name,
 * keywords lowercased, minimal parentheses. Used to match select and order
 * expressions against group keys, and as labels and default output names.
 */
export function printExpr(e: Expr, resolver: ColumnResolver): string {
  const p = (x: Expr, min: number): string => {
    const text = printExpr(x, resolver);
    return precedence(x) < min ? `(${text})` : text;
  };
  switch (e.kind) {
    case 'literal':
      return literal(e);
    case 'column': {
      const col = resolver.find(e.name, e.quoted);
      return col ? col.name : `\`${e.name}\``;
    }
    case 'unary':
      return e.op === 'NOT' ? `not ${p(e.operand, 3)}` : `-${p(e.operand, 7)}`;
    case 'binary': {
      const prec = PRECEDENCE[e.op] ?? 4;
      return `${p(e.left, prec)} ${e.op} ${p(e.right, prec + 1)}`;
    }
    case 'logical': {
      const prec = PRECEDENCE[e.op] ?? 1;
      return e.operands.map((o) => p(o, prec + 1)).join(` ${e.op.toLowerCase()} `);
    }
    case 'isNull':
      return `${p(e.operand, 5)} is ${e.negated ? 'not ' : ''}null`;
    case 'in':
      return `${p(e.operand, 5)} ${e.negated ? 'not ' : ''}in (${e.list.map((x) => printExpr(x, resolver)).join(', ')})`;
    case 'between':
      return `${p(e.operand, 5)} ${e.negated ? 'not ' : ''}between ${p(e.low, 5)} and ${p(e.high, 5)}`;
    case 'like':
      return `${p(e.operand, 5)} ${e.negated ? 'not ' : ''}${e.caseInsensitive ? 'ilike' : 'like'} ${p(e.pattern, 5)}`;
    case 'call': {
      const args = e.star ? '*' : (e.distinct ? 'distinct ' : '') + e.args.map((x) => printExpr(x, resolver)).join(', ');
      return `${e.name}(${args})`;
    }
  }
}

function precedence(e: Expr): number {
  switch (e.kind) {
    case 'logical':
      return PRECEDENCE[e.op] ?? 1;
    case 'unary':
      return e.op === 'NOT' ? 3 : 7;
    case 'binary':
      return PRECEDENCE[e.op] ?? 4;
    case 'isNull':
    case 'in':
    case 'between':
    case 'like':
      return 4;
    default:
      return 8;
  }
}

/** A plain output name derived from an expression: `count(*)` → `count`, `year(date)` → `year_date`. */
export function autoName(e: Expr, resolver: ColumnResolver): string {
  const base = printExpr(e, resolver)
    .toLowerCase()
    .replace(/\(\*\)/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60)
    .replace(/_+$/, '');
  return base === '' || /^[0-9]/.test(base) ? `expr${base === '' ? '' : '_' + base}` : base;
}
