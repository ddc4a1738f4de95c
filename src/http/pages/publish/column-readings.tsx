import type { ColumnInfo } from '../../../domain/table/types.ts';
import { useT } from '../components/page-context.ts';

/**
 * How a column's values were read, when they fit more than one reading
 * (01/02/2020: 2 January or 1 February): whether the column itself decided,
 * a few values as each reading reads them, and a choice that loads the file
 * again with the chosen format.
 */
export function ColumnReadings({ c }: { c: ColumnInfo }) {
  const t = useT();
  const readings = c.readings ?? [];
  if (readings.length < 2) return null;
  const name = `format.${c.name}`;
  const examples = readings[0]?.examples ?? [];
  return (
    <div class="readings">
      <p class={c.ambiguous ? 'problems' : 'hint'} id={`readings-${c.name}`}>
        {c.ambiguous ? t.t('publish.columns.ambiguous', { format: c.format?.label ?? '' }) : t.t('publish.columns.decided', { format: c.format?.label ?? '' })}
      </p>
      {examples.length ? (
        <div class="scroll">
          <table class="usa-table usa-table--compact">
            <caption class="meta">{t.t('publish.columns.readingsCaption', { column: c.label })}</caption>
            <thead>
              <tr>
                <th scope="col">{t.t('publish.columns.inFile')}</th>
                {readings.map((r) => (
                  <th scope="col" key={r.id}>
                    {t.t('publish.columns.readAs', { format: r.label })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {examples.map((e, i) => (
                <tr key={i}>
                  <td>
                    <code>{e.source}</code>
                  </td>
                  {readings.map((r) => (
                    <td key={r.id}>{r.examples[i]?.value ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <fieldset aria-describedby={`readings-${c.name}`}>
        <legend>{t.t('publish.columns.readingChoice', { column: c.label })}</legend>
        {readings.map((r, i) => (
          <div key={r.id}>
            <input type="radio" id={`${name}-${i}`} name={name} value={r.id} checked={r.id === c.format?.id} />{' '}
            <label for={`${name}-${i}`}>{r.label}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}
