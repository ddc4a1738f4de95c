import type { Expr, GroupItem, OrderItem, SelectItem } from '../../query/ast.ts';
import { checkDepth } from '../../query/depth.ts';
import { containsAggregate } from '../../query/functions.ts';
import { ExpressionParser } from '../../query/parser.ts';
import type { ParsedQuery } from '../../query/types.ts';
import { DatastoreError } from './datastore-errors.ts';
import { refuseOthers, scanSql, type Piece } from './datastore-sql-scan.ts';

/** A `datastore_search_sql` statement read into the records query's tree, with the one resource it reads. */
export interface SqlQuery {
  resourceId: string;
  parsed: ParsedQuery;
  /** LIMIT as written, if any. */
  limit?: number;
}

const CLAUSES = new Set(['where', 'group', 'order', 'having', 'limit', 'offset']);
const fail = (message: string): never => {
  throw new DatastoreError('query', message);
};

interface From {
  table: string;
  alias?: string;
  /** Text ranges to blank before the clauses are parsed: the FROM clause and table qualifiers. */
  blanks: Array<[number, number]>;
}

/** Finds the one `FROM "<resource_id>" [[AS] alias]` and the `alias.` / `"<resource_id>".` qualifiers. */
function findFrom(pieces: Piece[]): From {
  let depth = 0;
  let at = -1;
  pieces.forEach((p, k) => {
    if (p.kind === 'char' && p.text === '(') depth++;
    if (p.kind === 'char' && p.text === ')') depth--;
    if (p.kind === 'word' && p.text.toLowerCase() === 'from') {
      if (depth > 0 || at >= 0) fail(`FROM may appear once, after the select list (at character ${p.pos + 1}).`);
      at = k;
    }
  });
  if (at < 0) fail('FROM "<resource_id>" is missing: a query reads one resource.');
  const tablePiece = pieces[at + 1];
  if (!tablePiece || (tablePiece.kind !== 'name' && tablePiece.kind !== 'word') || (tablePiece.kind === 'word' && CLAUSES.has(tablePiece.text.toLowerCase()))) {
    return fail('FROM needs the resource id, in double quotes: FROM "<resource_id>".');
  }
  let k = at + 2;
  let alias: string | undefined;
  const next = pieces[k];
  if (next?.kind === 'char' && next.text === '.') fail('Schema-qualified names are not supported: FROM "<resource_id>".');
  if (next?.kind === 'char' && next.text === '(') fail('Table functions are not supported: FROM "<resource_id>".');
  if (next?.kind === 'word' && next.text.toLowerCase() === 'as') {
    const a = pieces[k + 1];
    if (!a || (a.kind !== 'word' && a.kind !== 'name')) fail('AS needs a name for the resource.');
    alias = a!.text;
    k += 2;
  } else if ((next?.kind === 'word' && !CLAUSES.has(next.text.toLowerCase())) || next?.kind === 'name') {
    alias = next.text;
    k += 1;
  }
  const after = pieces[k];
  if (after?.kind === 'char' && after.text === ',') fail('One resource per query: several tables in FROM are not supported.');
  const blanks: Array<[number, number]> = [[pieces[at]!.pos, pieces[k - 1]!.end]];
  pieces.forEach((p, j) => {
    const dot = pieces[j + 1];
    if ((p.kind !== 'word' && p.kind !== 'name') || dot?.kind !== 'char' || dot.text !== '.' || dot.pos !== p.end) return;
    if (j >= at && j < k) return;
    const matches = (name: string | undefined, quoted: boolean): boolean => name !== undefined && (quoted ? p.text === name : p.text.toLowerCase() === name.toLowerCase());
    if (!matches(tablePiece.text, p.kind === 'name' || tablePiece.kind === 'name') && !matches(alias, p.kind === 'name')) {
      fail(`Unknown table "${p.text}": one resource per query (at character ${p.pos + 1}).`);
    }
    blanks.push([p.pos, dot.end]);
  });
  return { table: tablePiece.text, ...(alias !== undefined ? { alias } : {}), blanks };
}

/** The text with each range replaced by spaces, so that positions stay those of the text sent. */
function blank(sql: string, ranges: Array<[number, number]>): string {
  let out = sql;
  for (const [a, b] of ranges) out = out.slice(0, a) + ' '.repeat(b - a) + out.slice(b);
  return out;
}

function whole(p: ExpressionParser, what: string): number {
  const t = p.next();
  if (t.kind !== 'number' || !/^[0-9]{1,9}$/.test(t.text)) fail(`${what} takes a whole number (at character ${t.pos + 1}).`);
  return Number(t.text);
}

/** `ORDER BY 2`, `GROUP BY 1`: a position in the select list. */
function ordinal(e: Expr, select: SelectItem[], what: string): Expr {
  if (e.kind !== 'literal' || e.type !== 'integer' || typeof e.value !== 'number') return e;
  const item = select[e.value - 1];
  if (!item || item.kind !== 'expr') return fail(`${what} ${e.value} is not a position in the select list.`);
  return item.expr;
}

/**
 * Reads one `SELECT <list> FROM "<resource_id>" [AS t] [WHERE ...]
 * [GROUP BY ...] [HAVING ...] [ORDER BY ...] [LIMIT n] [OFFSET n]` into the
 * records query's tree, refusing anything else with a `DatastoreError`
 * (or a `QueryError` from the expression parser).
 */
export function parseDatastoreSql(sql: string): SqlQuery {
  const pieces = scanSql(sql);
  refuseOthers(pieces);
  const from = findFrom(pieces);
  const p = new ExpressionParser(blank(sql, from.blanks), 'select', '"');
  p.acceptKeyword('select');
  const distinct = p.acceptKeyword('distinct');
  const select: SelectItem[] = [];
  do {
    const pos = p.peek.pos;
    if (p.acceptOp('*')) select.push({ kind: 'star', pos });
    else {
      const expr = checkDepth(p.expression(), 'select');
      select.push({ kind: 'expr', pos, expr, end: p.peek.pos, ...p.alias() });
    }
  } while (p.acceptOp(','));
  const where = p.acceptKeyword('where') ? checkDepth(p.expression(), 'where') : null;
  let group: GroupItem[] = [];
  if (p.acceptKeyword('group')) {
    if (!p.acceptKeyword('by')) p.unexpected('expected BY after GROUP');
    do group.push({ pos: p.peek.pos, expr: ordinal(checkDepth(p.expression(), 'group_by'), select, 'GROUP BY') });
    while (p.acceptOp(','));
  }
  const having = p.acceptKeyword('having') ? checkDepth(p.expression(), 'having') : null;
  const order: OrderItem[] = [];
  if (p.acceptKeyword('order')) {
    if (!p.acceptKeyword('by')) p.unexpected('expected BY after ORDER');
    do {
      const pos = p.peek.pos;
      const expr = ordinal(checkDepth(p.expression(), 'order_by'), select, 'ORDER BY');
      const descending = p.acceptKeyword('desc');
      if (!descending) p.acceptKeyword('asc');
      order.push({ pos, expr, descending });
    } while (p.acceptOp(','));
  }
  const limit = p.acceptKeyword('limit') ? whole(p, 'LIMIT') : undefined;
  const offset = p.acceptKeyword('offset') ? whole(p, 'OFFSET') : undefined;
  p.end();
  if (distinct) {
    if (group.length > 0) fail('SELECT DISTINCT with GROUP BY is not supported: GROUP BY alone gives distinct groups.');
    const items = select.map((s) => (s.kind === 'star' ? fail('SELECT DISTINCT * is not supported: list the columns.') : s));
    if (items.some((s) => containsAggregate(s.expr))) fail('SELECT DISTINCT with aggregates is not supported: use GROUP BY.');
    group = items.map((s) => ({ pos: s.pos, expr: s.expr, ...(s.alias !== undefined ? { alias: s.alias } : {}) }));
  }
  const onlyStar = select.length === 1 && select[0]?.kind === 'star';
  return {
    resourceId: from.table,
    parsed: { select: onlyStar ? null : select, where, group, having, order, ...(limit !== undefined ? { limit } : {}), ...(offset !== undefined ? { offset } : {}) },
    ...(limit !== undefined ? { limit } : {}),
  };
}
