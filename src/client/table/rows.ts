/**
 * The filter builder's rows in the browser: offering only the conditions that
 * fit a row's column and the values it commonly holds, adding an empty row without reloading the page, and
 * keeping each row's legend and "Remove" link in step with its position.
 */

/** Words of the filter rows in the reader's language; the island sets them from the page's messages. */
let words = { filter: (n: number) => `Filter ${n}`, newFilter: 'New filter', remove: (n: number) => `Remove filter ${n}` };
export function setWords(w: typeof words): void {
  words = w;
}

const columnOf = (row: Element) => row.querySelector<HTMLSelectElement>('select[name=filter_column]');

/** Offers only the conditions that apply to the row's column, and the column's common values in its value field. */
export function fitConditions(row: Element): void {
  const column = columnOf(row);
  const op = row.querySelector<HTMLSelectElement>('select[name=filter_op]');
  if (!column || !op) return;
  const list = column.selectedOptions[0]?.dataset.list;
  const value = row.querySelector<HTMLInputElement>('input[name=filter_value]');
  if (value && list) value.setAttribute('list', list);
  else value?.removeAttribute('list');
  const kind = column.selectedOptions[0]?.dataset.kind;
  for (const o of op.options) o.disabled = Boolean(kind) && !(o.dataset.kinds ?? '').split(' ').includes(kind!);
  if (op.selectedOptions[0]?.disabled) op.value = [...op.options].find((o) => !o.disabled)?.value ?? '';
}

/** Numbers the rows that hold a filter ("Filter 2", "Remove filter 2"); an empty row is the "New filter". */
export function relabel(form: HTMLFormElement): void {
  let n = 0;
  form.querySelectorAll('.filter-row').forEach((row) => {
    const filled = Boolean(columnOf(row)?.value);
    const i = filled ? n++ : -1;
    const legend = row.querySelector('legend');
    if (legend) legend.textContent = filled ? words.filter(i + 1) : words.newFilter;
    let remove = row.querySelector<HTMLAnchorElement>('a[data-remove]');
    if (filled && !remove) {
      remove = document.createElement('a');
      remove.href = '#';
      remove.dataset.remove = 'true';
      row.querySelector('label:last-of-type')?.after(remove);
    }
    if (remove && !filled) remove.remove();
    else if (remove) remove.textContent = words.remove(i + 1);
  });
}

let added = 0;
let template: HTMLFieldSetElement | undefined;

/** Keeps a copy of the empty row the server renders last, to make new rows from. */
export function setUp(form: HTMLFormElement): void {
  const rows = form.querySelectorAll<HTMLFieldSetElement>('.filter-row');
  rows.forEach(fitConditions);
  const last = rows[rows.length - 1];
  if (!last) return;
  template = last.cloneNode(true) as HTMLFieldSetElement;
  for (const el of template.querySelectorAll('[id$="-problem"], a[data-remove]')) el.remove();
  for (const el of template.querySelectorAll('[aria-invalid], [aria-describedby]')) {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
  }
}

/** Adds an empty row after the last one (a copy of the template with fresh ids); focus goes to its column when asked. */
export function addRow(form: HTMLFormElement, focus = true): void {
  if (!template) return;
  const row = template.cloneNode(true) as HTMLFieldSetElement;
  const prefix = `filter-new${++added}-`;
  for (const el of row.querySelectorAll<HTMLElement>('[id], [for]')) {
    for (const attr of ['id', 'for']) {
      const v = el.getAttribute(attr);
      if (v) el.setAttribute(attr, v.replace(/^filter-[^-]+-/, prefix));
    }
  }
  for (const input of row.querySelectorAll('input')) input.value = '';
  const column = columnOf(row);
  if (column) column.value = '';
  const op = row.querySelector<HTMLSelectElement>('select[name=filter_op]');
  if (op) op.value = 'contains';
  const rows = form.querySelectorAll('.filter-row');
  (rows[rows.length - 1] ?? form.querySelector('h2'))?.after(row);
  fitConditions(row);
  relabel(form);
  if (focus) column?.focus();
}

/** Tidies the rows once a view applies: empty rows go, except one at the end for the next filter (and the one being typed in). */
export function keepEmptyRow(form: HTMLFormElement): void {
  const rows = [...form.querySelectorAll('.filter-row')];
  for (const row of rows.slice(0, -1)) if (!columnOf(row)?.value && !row.contains(document.activeElement)) row.remove();
  const last = rows[rows.length - 1];
  if (!last || columnOf(last)?.value) addRow(form, false);
  else relabel(form);
}
