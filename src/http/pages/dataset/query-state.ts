import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import type { Translator } from '../../../domain/i18n/translator.ts';
import type { RecordsRequest } from '../../../domain/query/index.ts';
import { checkState, filterAt, readState, recordsParams, type ColumnDef, type Problems, type RecordsParams, type TableState } from '../../../client/table/state.ts';

/**
 * A table view's state read from its URL, checked against the dataset's
 * columns, and turned into a records query. The rules themselves live in
 * `src/client/table/state.ts`, so the browser island builds the same query
 * from the same URL.
 */

export interface TableView {
  state: TableState;
  problems: Problems;
  /** The records query of the valid state (empty while there are problems). */
  params: RecordsParams;
  /** Empty filter rows to offer: one, or two after "Add filter". */
  blankRows: number;
}

/** The dataset's live columns, for the filter builder, sort and column picker. */
export function columnsOf(d: DatasetDetail): ColumnDef[] {
  const labels = new Map(d.dictionary.map((e) => [e.column, e.label]));
  return (d.live?.columns ?? []).map((c) => ({ name: c.name, label: labels.get(c.name) || c.label, type: c.type }));
}

/** At most this many characters of a suggested value. */
const MAX_SUGGESTION = 200;

/**
 * Values to suggest for each text column's filter: the commonest values the
 * version's profile found, those that more than one row holds (a column of
 * names or addresses, each once, has nothing to suggest). None when the reader
 * may not see the data, whose profiles are then left out.
 */
export function suggestionsOf(d: DatasetDetail): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of d.live?.columns ?? []) {
    if (c.type !== 'text') continue;
    const values = (d.live?.profile[c.name]?.top ?? []).flatMap((v) => (v.count > 1 && typeof v.value === 'string' && v.value.trim() && v.value.length <= MAX_SUGGESTION ? [v.value] : []));
    if (values.length) out.set(c.name, [...new Set(values)]);
  }
  return out;
}

/** Reads a view from a request URL (its query string, keeping repeated parameters in order); problems in the reader's language. */
export function readView(url: string, columns: ColumnDef[], t: Translator): TableView {
  const q = url.indexOf('?');
  const search = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
  const state = readState(search);
  const problems = checkState(state, columns, t);
  return {
    state,
    problems,
    params: problems.any ? {} : recordsParams(state, columns),
    blankRows: search.has('add') ? 2 : 1,
  };
}

/** The records request for one page of the view. */
export function pageRequest(view: TableView): RecordsRequest {
  const { state, params } = view;
  return { ...params, limit: state.size, offset: (state.page - 1) * state.size };
}

/**
 * The view with a problem the query engine found: next to the filter it is
 * about when its position says which, else for the whole form (returned).
 */
export function withEngineProblem(view: TableView, columns: ColumnDef[], message: string, details: Record<string, unknown> | undefined): { view: TableView; general: string | undefined } {
  const at = details?.param === 'where' && typeof details.position === 'number' ? filterAt(view.state, columns, details.position) : undefined;
  const problems = { ...view.problems, any: view.problems.any || at !== undefined, filters: [...view.problems.filters] };
  if (at !== undefined) problems.filters[at] = message;
  return { view: { ...view, problems, params: {} }, general: at === undefined ? message : undefined };
}
