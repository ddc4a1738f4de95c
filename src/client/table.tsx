import { render, type VNode } from 'preact';
import { Downloads, Results, type ResultPage } from './table/results.tsx';
import { makeTranslator, type Messages } from '../domain/i18n/translator.ts';
import { addRow, fitConditions, keepEmptyRow, setUp, setWords } from './table/rows.ts';
import { checkState, geometryIn, queryString, readState, recordsParams, stateParams, type ColumnDef, type TableState } from './table/state.ts';

/**
 * The table explorer, improved when JavaScript runs: changing the sort (in
 * the form or by a column's header), page size, density or columns, applying,
 * adding and removing filters and turning pages update the rows in place from the records API, and the address follows
 * (history.replaceState) so the view can still be shared. Without this
 * script the same form works as an ordinary GET form. A view the checks or
 * the API refuse is submitted as usual, so the server shows the form with
 * its problems.
 */

const form = document.querySelector<HTMLFormElement>('#table-form');
const results = document.querySelector<HTMLElement>('#table-results');
const downloads = document.querySelector<HTMLElement>('#table-downloads');
const status = document.querySelector<HTMLElement>('#table-status');

if (form && results && downloads) {
  const slug = form.dataset.slug ?? '';
  const columns = JSON.parse(form.dataset.columns ?? '[]') as ColumnDef[];
  const t = makeTranslator(form.dataset.lang ?? 'en', JSON.parse(form.dataset.messages ?? '{}') as Messages);
  setWords({ filter: (n) => t.t('table.filterN', { n }), newFilter: t.t('table.newFilter'), remove: (n) => t.t('table.removeFilter', { n }) });
  let current = readState(new URLSearchParams(location.search));
  let asked = 0;

  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  /** The status line says how many rows match (the one place the page says it), as the server wrote it. */
  const sayCount = (total: number) => {
    if (!status) return;
    const count = document.createElement('span');
    count.id = 'table-count';
    count.append(document.createElement('strong'));
    count.firstElementChild!.textContent = t.t('table.matching', { count: total });
    status.replaceChildren(count);
  };

  /** Asks the records API for the state's page and shows it; a refused view is sent to the server instead. */
  async function show(state: TableState): Promise<void> {
    if (checkState(state, columns, t).any) return form!.submit();
    const params = recordsParams(state, columns);
    const ticket = ++asked;
    say(t.t('table.loading'));
    const url = `/api/v1/datasets/${encodeURIComponent(slug)}/records?${queryString(params, { limit: String(state.size), offset: String((state.page - 1) * state.size) })}`;
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    } catch {
      say(t.t('table.connectionFailed'));
      return;
    }
    if (ticket !== asked) return;
    if (!response.ok) return form!.submit();
    const answer = (await response.json()) as Omit<ResultPage, 'total'> & { total_count: number };
    const page: ResultPage = { total: answer.total_count, fields: answer.fields, results: answer.results };
    if (ticket !== asked) return;
    current = state;
    for (const el of document.querySelectorAll('[id$="-problem"]')) el.remove();
    for (const el of form!.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    paint(results!, <Results t={t} slug={slug} state={state} page={page} columns={columns} />);
    const geometry = geometryIn(state, columns);
    keepEmptyRow(form!);
    paint(downloads!, <Downloads t={t} slug={slug} state={state} params={params} geometry={geometry.shown} anyGeometry={geometry.any} />);
    first = false;
    const q = stateParams(state).toString();
    history.replaceState(null, '', `${location.pathname}${q ? `?${q}` : ''}`);
    sayCount(page.total);
  }

  /** The state the form describes now, from its first page. */
  const fromForm = (): TableState => {
    const data = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && k !== 'add') data.append(k, v);
    return readState(data);
  };

  let first = true;
  /** Renders into a part of the page; the server's markup there is cleared the first time. */
  const paint = (into: HTMLElement, what: VNode) => {
    if (first) into.textContent = '';
    render(what, into);
  };

  setUp(form);
  form.addEventListener('change', (e) => {
    const el = e.target as HTMLElement;
    if (el instanceof HTMLSelectElement && el.name === 'filter_column') fitConditions(el.closest('.filter-row')!);
    if (['sort', 'dir', 'size', 'show', 'density'].includes((el as HTMLInputElement).name)) void show(fromForm());
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if ((e.submitter as HTMLButtonElement | null)?.name === 'add') addRow(form);
    else void show(fromForm());
  });
  form.addEventListener('click', (e) => {
    // Removing a filter takes its row out of the form and shows the rows without it.
    const link = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[data-remove]');
    if (!link) return;
    e.preventDefault();
    const row = link.closest('.filter-row');
    // Focus goes to the row that takes its place, or to the first row.
    const next = row?.nextElementSibling?.classList.contains('filter-row') ? row.nextElementSibling : form.querySelector('.filter-row');
    row?.remove();
    (next === row ? form.querySelector('.filter-row') : next)?.querySelector('select')?.focus();
    void show(fromForm());
  });
  results.addEventListener('click', (e) => {
    const target = e.target as HTMLElement;
    const sort = target.closest<HTMLAnchorElement>('a[data-sort]');
    if (sort) {
      // A column's header sorts by it; the form's sort fields follow, so "Show rows" keeps that order.
      e.preventDefault();
      const dir = sort.dataset.dir === 'desc' ? 'desc' : 'asc';
      const by = form.querySelector<HTMLSelectElement>('select[name=sort]');
      const direction = form.querySelector<HTMLSelectElement>('select[name=dir]');
      if (by) by.value = sort.dataset.sort ?? '';
      if (direction) direction.value = dir;
      void show({ ...current, sort: sort.dataset.sort ?? '', dir, page: 1 });
      return;
    }
    const link = target.closest<HTMLAnchorElement>('a[data-page]');
    if (!link) return;
    e.preventDefault();
    void show({ ...current, page: Number(link.dataset.page) });
  });
}
