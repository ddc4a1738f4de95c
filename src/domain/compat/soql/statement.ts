import { syntaxError } from '../../query/errors.ts';
import { ExpressionParser } from '../../query/parser.ts';
import type { ParsedQuery } from '../../query/types.ts';
import { countToken, distinctGroups, groupItems, orderItems, selectItems, soqlExpression } from './clauses.ts';

type Clause = 'select' | 'where' | 'group' | 'having' | 'order' | 'limit' | 'offset' | 'search';
const TWO_WORDS: Partial<Record<Clause, string>> = { group: 'by', order: 'by' };
const CLAUSES: readonly Clause[] = ['select', 'where', 'group', 'having', 'order', 'limit', 'offset', 'search'];

/**
 * A whole SoQL statement (`$query`): `SELECT ... WHERE ... GROUP BY ...
 * HAVING ... ORDER BY ... LIMIT n OFFSET n SEARCH '...'`, each clause at most
 * once and each optional (no SELECT means `*`). Positions in errors are
 * offsets in the statement.
 */
export function parseStatement(text: string): ParsedQuery {
  const p: ExpressionParser = new ExpressionParser(text, 'where');
  const q: ParsedQuery = { select: null, where: null, group: [], having: null, order: [] };
  const seen = new Set<Clause>();
  while (p.peek.kind !== 'eof') {
    const t = p.peek;
    const clause = CLAUSES.find((c) => p.isKeyword(c));
    if (clause === undefined) p.unexpected('expected a clause: SELECT, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET or SEARCH');
    if (seen.has(clause)) throw syntaxError('where', t.pos, `${clause.toUpperCase()} appears twice`);
    seen.add(clause);
    p.next();
    const second = TWO_WORDS[clause];
    if (second !== undefined && !p.acceptKeyword(second)) p.unexpected(`expected \`${second.toUpperCase()}\` after \`${clause.toUpperCase()}\``);
    if (clause === 'select') {
      const { items, distinct } = selectItems(p);
      q.select = items;
      if (distinct) q.group = distinctGroups(items);
    } else if (clause === 'where') q.where = soqlExpression(p);
    else if (clause === 'group') q.group = groupItems(p);
    else if (clause === 'having') q.having = soqlExpression(p);
    else if (clause === 'order') q.order = orderItems(p);
    else if (clause === 'limit') q.limit = countToken(p, 'where', 'LIMIT');
    else if (clause === 'offset') q.offset = countToken(p, 'where', 'OFFSET');
    else {
      const s = p.next();
      if (s.kind !== 'string') throw syntaxError('where', s.pos, "SEARCH takes a text such as 'theft'");
      q.q = s.text;
    }
  }
  return q;
}
