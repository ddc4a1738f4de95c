import { useT } from '../components/page-context.ts';
import { DENSITIES, type ColumnDef, type Density } from '../../../client/table/state.ts';

/**
 * Parts of the table explorer's form: the lists of values each text column's
 * filter suggests, and the choice of row density.
 */

/** The id of the list of values suggested for a column, or undefined when it has none. */
export function suggestionsId(columns: ColumnDef[], suggestions: Map<string, string[]>, name: string): string | undefined {
  const i = columns.findIndex((c) => c.name === name);
  return i >= 0 && suggestions.has(name) ? `values-${i}` : undefined;
}

/** One `<datalist>` per text column with common values: browsers offer them in the value field of a filter on that column. */
export function Suggestions({ columns, suggestions }: { columns: ColumnDef[]; suggestions: Map<string, string[]> }) {
  return (
    <>
      {columns.map((c) => {
        const id = suggestionsId(columns, suggestions, c.name);
        return id ? (
          <datalist key={c.name} id={id}>
            {suggestions.get(c.name)!.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
        ) : null;
      })}
    </>
  );
}

/** Regular rows show every cell's whole text; compact rows at most two lines of it, so more rows fit on a screen. */
export function DensityChoice({ density }: { density: Density }) {
  const t = useT();
  return (
    <fieldset>
      <legend>{t.t('table.density')}</legend>
      {DENSITIES.map((d) => (
        <label key={d} style="display:block">
          <input type="radio" name="density" value={d} checked={d === density} /> {t.t(`table.density.${d}`)}
        </label>
      ))}
    </fieldset>
  );
}
