import type { Expr } from './ast.ts';
import type { ColumnResolver } from './columns.ts';

const PRECEDENCE: Record<string, number> = { OR: 1, AND: 2, NOT: 3, cmp: 4, '||': 4.5, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

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
      const printed = e.args.map((x) => printExpr(x, resolver));
      // date_trunc units are case-insensitive: 'WEEK' and 'week' are the same key.
      if (e.name === 'date_trunc' && printed[0] !== undefined) printed[0] = printed[0].toLowerCase();
      const args = e.star ? '*' : (e.distinct ? 'distinct ' : '') + printed.join(', ');
      return `${e.name}(${args})`;
    }
    case 'case': {
      const whens = e.whens.map((w) => ` when ${printExpr(w.when, resolver)} then ${printExpr(w.then, resolver)}`).join('');
      return `case${whens}${e.otherwise ? ` else ${printExpr(e.otherwise, resolver)}` : ''} end`;
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

/** Column names, function names and numbers of an expression; never text from literals. */
function nameParts(e: Expr, resolver: ColumnResolver): string[] {
  switch (e.kind) {
    case 'literal':
      return typeof e.value === 'number' ? [String(e.value)] : [];
    case 'column':
      return [resolver.find(e.name, e.quoted)?.name ?? (e.quoted ? '' : e.name)];
    case 'call':
      return [e.name, ...(e.name === 'date_trunc' ? e.args.slice(1) : e.args).flatMap((a) => nameParts(a, resolver))];
    case 'unary':
    case 'isNull':
      return nameParts(e.operand, resolver);
    case 'binary':
      return [...nameParts(e.left, resolver), ...nameParts(e.right, resolver)];
    case 'logical':
      return e.operands.flatMap((o) => nameParts(o, resolver));
    case 'in':
      return nameParts(e.operand, resolver);
    case 'between':
      return [e.operand, e.low, e.high].flatMap((o) => nameParts(o, resolver));
    case 'like':
      return nameParts(e.operand, resolver);
    case 'case':
      return ['case', ...e.whens.flatMap((w) => nameParts(w.then, resolver))];
  }
}

/**
 * A plain output name for an unaliased expression, built only from column
 * names, function names and numbers: `count(*)` → `count`, `year(date)` →
 * `year_date`, `loss * 2` → `loss_2`, a text literal → `expr`.
 */
export function autoName(e: Expr, resolver: ColumnResolver): string {
  const base = nameParts(e, resolver)
    .join('_')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60)
    .replace(/_+$/, '');
  return base === '' || /^[0-9]/.test(base) ? `expr${base === '' ? '' : '_' + base}` : base;
}
