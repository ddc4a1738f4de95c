import type { ChartData } from '../../../domain/chart/query.ts';
import { ChartSvg } from '../../../domain/chart/svg.tsx';
import type { Translator } from '../../../domain/i18n/translator.ts';
import type { Figure, FigureColumn, FigureValue } from '../../../domain/program/figures.ts';
import { periodQuery, type Period } from '../../../domain/program/period.ts';
import { useT } from '../components/page-context.ts';
import { Table } from '../components/Table.tsx';
import { Wide } from '../components/Wide.tsx';

/** A column's heading, in the reader's language. */
export const columnLabel = (t: Translator, c: FigureColumn): string => t.t(`program.column.${c.name}`);

/** A value as the table shows it: keys translated, numbers in the reader's way, none as a dash. */
export function valueText(t: Translator, c: FigureColumn, v: FigureValue): string {
  if (v === null) return '—';
  if (c.kind === 'key') return t.t(`program.value.${String(v)}`);
  if (c.kind === 'text' && v === 'none') return t.t('program.value.none');
  if (typeof v === 'number') return new Intl.NumberFormat(t.lang, { maximumFractionDigits: 1 }).format(v);
  return String(v);
}

/** The figure as the chart code draws it: the first column along the bottom, each other column a series. */
export function figureChart(f: Figure, t: Translator): ChartData {
  const [first, ...values] = f.columns as [FigureColumn, ...FigureColumn[]];
  const time = first.kind === 'day';
  const x = (v: FigureValue): number | string => (time ? Date.parse(`${String(v)}T00:00:00Z`) : valueText(t, first, v));
  const series = values.map((c, i) => ({
    name: columnLabel(t, c),
    points: f.rows.filter((r) => typeof r[i + 1] === 'number').map((r) => ({ x: x(r[0] ?? null), y: r[i + 1] as number })),
  }));
  const many = series.length > 1;
  return {
    spec: { type: f.chart, x: columnLabel(t, first), agg: 'sum', bins: 0, ...(many ? { group: 'measure' } : {}) },
    xKind: time ? 'time' : 'category',
    xLabel: columnLabel(t, first),
    ...(many ? { groupLabel: t.t('program.column.measure') } : {}),
    yLabel: many ? t.t('program.uses') : columnLabel(t, values[0]!),
    series,
    xUnit: 'day',
    notes: [],
  };
}

/** One figure: its heading and definition, the chart, the same numbers as a table beside it, and its CSV download. */
export function FigureView({ f, period, level = 2 }: { f: Figure; period: Period; level?: 2 | 3 }) {
  const t = useT();
  const H = level === 2 ? 'h2' : 'h3';
  const id = `figure-${f.name}`;
  return (
    <section class="program-figure" aria-labelledby={id}>
      <H id={id}>{t.t(`program.figure.${f.name}`)}</H>
      <p>{t.t(`program.define.${f.name}`)}</p>
      <div class="program-pair">
        <div class="program-chart">
          <ChartSvg data={figureChart(f, t)} idPrefix={`chart-${f.name}`} t={t} />
        </div>
        <Wide labelledBy={id}>
          <Table columns={f.columns.map((c) => ({ label: columnLabel(t, c), key: c.name }))}>
            {f.rows.map((r, i) => (
              <tr key={i}>
                {f.columns.map((c, j) =>
                  j === 0 ? (
                    <th scope="row" key={c.name}>{valueText(t, c, r[j] ?? null)}</th>
                  ) : (
                    <td key={c.name}>{valueText(t, c, r[j] ?? null)}</td>
                  ),
                )}
              </tr>
            ))}
          </Table>
        </Wide>
      </div>
      <p>
        <a href={`/program/figures/${f.name}.csv?${periodQuery(period)}`} download>
          {t.t('program.csv', { figure: t.t(`program.figure.${f.name}`) })}
        </a>
      </p>
    </section>
  );
}

export const PROGRAM_STYLE = `.program-pair{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;align-items:start}
@media (max-width:50em){.program-pair{grid-template-columns:minmax(0,1fr)}}
.program-chart svg{display:block;width:100%;height:auto}
.program-period{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end;margin:1rem 0}.program-period .usa-form-group{margin:0}.program-period .usa-input,.program-period .usa-select{max-width:12rem}
.program-figure{margin:2rem 0}`;
