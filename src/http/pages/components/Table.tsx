import type { ComponentChildren } from 'preact';

/** A column's header: its text, and an optional tooltip (the preview names each column's type). */
export interface TableColumn {
  label: ComponentChildren;
  title?: string;
  key?: string;
}

/**
 * A data table (USWDS's compact table): an optional caption (small print, `class="meta"`), one header
 * row of column headers (`scope="col"`), and the rows given as children
 * (`<tr>`s; a row's own header is a `<th scope="row">`).
 */
export function Table({ caption, labelledBy, columns, children }: { caption?: ComponentChildren; labelledBy?: string; columns: ReadonlyArray<TableColumn | string>; children: ComponentChildren }) {
  return (
    <table class="usa-table usa-table--compact" aria-labelledby={labelledBy}>
      {caption === undefined ? null : <caption class="meta">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c, i) => {
            const col = typeof c === 'string' ? { label: c } : c;
            return (
              <th scope="col" title={col.title} key={col.key ?? i}>
                {col.label}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
