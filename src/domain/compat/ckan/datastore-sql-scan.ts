import { DatastoreError } from './datastore-errors.ts';

/** A piece of SQL text: a word, a "quoted name", a 'string', or one other character. */
export interface Piece {
  kind: 'word' | 'name' | 'string' | 'char';
  /** The word, the unquoted name or string, or the character. */
  text: string;
  pos: number;
  end: number;
}

const fail = (message: string): never => {
  throw new DatastoreError('query', message);
};

/** Splits SQL into pieces, refusing comments, `;` and unterminated quotes before anything is parsed. */
export function scanSql(sql: string): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pair = sql.slice(i, i + 2);
    if (pair === '--' || pair === '/*') fail(`Comments (${pair}) are not allowed in datastore_search_sql (at character ${i + 1}).`);
    if (c === ';') fail(`Only one statement is allowed: remove the ";" (at character ${i + 1}).`);
    if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      for (;;) {
        const at = sql.indexOf(c, j);
        if (at < 0) fail(c === "'" ? `Unterminated text starting at character ${i + 1}: missing closing '.` : `Unterminated quoted name starting at character ${i + 1}: missing closing ".`);
        text += sql.slice(j, at);
        if (sql[at + 1] === c) {
          text += c;
          j = at + 2;
          continue;
        }
        pieces.push({ kind: c === "'" ? 'string' : 'name', text, pos: i, end: at + 1 });
        i = at + 1;
        break;
      }
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i, i + 200));
    if (word) {
      pieces.push({ kind: 'word', text: word[0], pos: i, end: i + word[0].length });
      i += word[0].length;
      continue;
    }
    pieces.push({ kind: 'char', text: c, pos: i, end: i + 1 });
    i++;
  }
  return pieces;
}

/** Statements and clauses that are not a read of one table, with the reason given to the caller. */
const REFUSED: Record<string, string> = {
  insert: 'datastore_search_sql only reads: INSERT is not allowed',
  update: 'datastore_search_sql only reads: UPDATE is not allowed',
  delete: 'datastore_search_sql only reads: DELETE is not allowed',
  drop: 'datastore_search_sql only reads: DROP is not allowed',
  create: 'datastore_search_sql only reads: CREATE is not allowed',
  alter: 'datastore_search_sql only reads: ALTER is not allowed',
  truncate: 'datastore_search_sql only reads: TRUNCATE is not allowed',
  copy: 'datastore_search_sql only reads: COPY is not allowed',
  attach: 'datastore_search_sql only reads: ATTACH is not allowed',
  detach: 'datastore_search_sql only reads: DETACH is not allowed',
  pragma: 'PRAGMA is not allowed',
  set: 'SET is not allowed',
  install: 'INSTALL is not allowed',
  load: 'LOAD is not allowed',
  call: 'CALL is not allowed',
  grant: 'GRANT is not allowed',
  with: 'WITH (common table expressions) is not supported: query one resource directly',
  join: 'one resource per query: joins are not supported',
  union: 'one resource per query: UNION is not supported',
  intersect: 'one resource per query: INTERSECT is not supported',
  except: 'one resource per query: EXCEPT is not supported',
  into: 'SELECT ... INTO is not allowed',
  window: 'window functions are not supported',
  over: 'window functions (OVER) are not supported',
  lateral: 'one resource per query: LATERAL is not supported',
  returning: 'datastore_search_sql only reads',
  fetch: 'use LIMIT instead of FETCH',
  nulls: 'NULLS FIRST / NULLS LAST are not supported',
  cast: 'CAST is not supported: compare values of the column\'s own type (e.g. date \'2014-09-01\')',
};

/** Words refused inside a SELECT, unless written as a "quoted name" (statement words there are only names). */
const INNER = new Set(['with', 'join', 'union', 'intersect', 'except', 'into', 'over', 'lateral', 'returning', 'fetch', 'nulls', 'cast']);

/** Refuses what is not one plain SELECT over one table, naming what was found. */
export function refuseOthers(pieces: Piece[]): void {
  const first = pieces[0];
  if (!first) fail('The query is empty: write SELECT ... FROM "<resource_id>".');
  if (first!.kind !== 'word' || first!.text.toLowerCase() !== 'select') {
    const reason = first!.kind === 'word' ? REFUSED[first!.text.toLowerCase()] : undefined;
    fail(`${reason ? reason[0]!.toUpperCase() + reason.slice(1) + '. ' : ''}Only one SELECT statement is allowed (found "${first!.text}").`);
  }
  pieces.forEach((p, k) => {
    if (p.kind === 'char' && p.text === ':' && pieces[k + 1]?.text === ':') fail(`Type casts (::) are not supported (at character ${p.pos + 1}).`);
    if (p.kind !== 'word') return;
    const w = p.text.toLowerCase();
    if (k > 0 && w === 'select') fail(`Subqueries are not supported: one SELECT over one resource (at character ${p.pos + 1}).`);
    const reason = k > 0 && INNER.has(w) ? REFUSED[w] : undefined;
    if (reason) fail(`${reason[0]!.toUpperCase()}${reason.slice(1)} (at character ${p.pos + 1}).`);
  });
}
