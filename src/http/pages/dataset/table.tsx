import { useT, type PageContext } from '../components/page-context.ts';
import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { Downloads, MatchCount, Results, viewHref, type ResultPage } from '../../../client/table/results.tsx';
import { geometryIn, kindOf, OPERATORS, PAGE_SIZES, type ColumnDef, type Filter } from '../../../client/table/state.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { hiddenTabs } from './about.tsx';
import { DatasetFrame } from './frame.tsx';
import { columnsOf, suggestionsOf, type TableView } from './query-state.ts';
import { DensityChoice, Suggestions, suggestionsId } from './table-parts.tsx';

const ERROR = 'color:#a4000f;font-weight:600;margin:.2rem 0';
const ROW = 'display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;border:1px solid var(--line);background:#fff;padding:.5rem .75rem;margin:0 0 .5rem';
const FIELD = 'display:flex;flex-direction:column;font-size:.9rem';

interface RowProps {
  i: number;
  f: Filter;
  columns: ColumnDef[];
  problem: string | undefined;
  removeHref: string | undefined;
  /** The ids of the lists of values suggested for each column. */
  listOf: (column: string) => string | undefined;
}

/** One row of the filter builder: column, condition, value, and the second value of "between". */
function FilterRow({ i, f, columns, problem, removeHref, listOf }: RowProps) {
  const id = (part: string) => `filter-${i}-${part}`;
  const described = problem ? id('problem') : undefined;
  const t = useT();
  return (
    <fieldset style={ROW} class="filter-row">
      <legend>{removeHref ? t.t('table.filterN', { n: i + 1 }) : t.t('table.newFilter')}</legend>
      <label style={FIELD} for={id('column')}>
        {t.t('table.column')}
        <select id={id('column')} name="filter_column" aria-invalid={problem && !f.column ? 'true' : undefined} class="usa-select">
          <option value="">{t.t('table.chooseColumn')}</option>
          {columns.filter((c) => kindOf(c.type)).map((c) => (
            <option key={c.name} value={c.name} selected={c.name === f.column} data-kind={kindOf(c.type)} data-list={listOf(c.name)}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label style={FIELD} for={id('op')}>
        {t.t('table.condition')}
        <select id={id('op')} name="filter_op" class="usa-select">
          {OPERATORS.map((o) => (
            <option key={o.id} value={o.id} selected={o.id === f.op} data-kinds={o.kinds.join(' ')}>
              {t.t(`table.op.${o.id}`)}
            </option>
          ))}
        </select>
      </label>
      <label style={FIELD} for={id('value')}>
        {t.t('table.value')}
        <input id={id('value')} name="filter_value" value={f.value} size={18} list={f.column ? listOf(f.column) : undefined} aria-invalid={problem ? 'true' : undefined} aria-describedby={described} class="usa-input" />
      </label>
      <label style={FIELD} for={id('to')}>
        {t.t('table.andBetween')}
        <input id={id('to')} name="filter_to" value={f.to} size={12} aria-describedby={described} class="usa-input" />
      </label>
      {removeHref ? (
        <a href={removeHref} data-remove>
          {t.t('table.removeFilter', { n: i + 1 })}
        </a>
      ) : null}
      {problem ? (
        <p id={id('problem')} style={`${ERROR};flex-basis:100%`}>
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}

interface ViewFormProps {
  slug: string;
  columns: ColumnDef[];
  view: TableView;
  /** Common values of each text column, offered in its filters' value field. */
  suggestions: Map<string, string[]>;
}

/** The whole view as one GET form: filters, sort, columns shown, page size and density. */
function ViewForm({ slug, columns, view, suggestions }: ViewFormProps) {
  const { state, problems } = view;
  const blank: Filter = { column: '', op: 'contains', value: '', to: '' };
  const rows = [...state.filters, ...Array.from({ length: view.blankRows }, () => blank)];
  const shown = (name: string) => state.show.length === 0 || state.show.includes(name);
  const t = useT();
  return (
    <form
      id="table-form"
      method="get"
      action={`/datasets/${slug}/table`}
      data-slug={slug}
      data-columns={JSON.stringify(columns)}
      data-lang={t.lang}
      data-messages={JSON.stringify(t.pick('table.', 'dataset.type.'))}
      aria-labelledby="view-heading"
    >
      <h2 id="view-heading">{t.t('table.viewHeading')}</h2>
      <p class="meta">{t.t('table.caseHint')}</p>
      <Suggestions columns={columns} suggestions={suggestions} />
      {rows.map((f, i) => (
        <FilterRow
          key={i}
          i={i}
          f={f}
          columns={columns}
          problem={problems.filters[i]}
          removeHref={i < state.filters.length ? viewHref(slug, { ...state, filters: state.filters.filter((_, j) => j !== i), page: 1 }) : undefined}
          listOf={(name) => suggestionsId(columns, suggestions, name)}
        />
      ))}
      <div style="display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:start">
        <fieldset>
          <legend>{t.t('table.sort')}</legend>
          <label style={FIELD} for="sort">
            {t.t('table.sortBy')}
            <select id="sort" name="sort" aria-invalid={problems.sort ? 'true' : undefined} aria-describedby={problems.sort ? 'sort-problem' : undefined} class="usa-select">
              <option value="">{t.t('table.fileOrder')}</option>
              {columns.filter((c) => c.type !== 'geometry').map((c) => (
                <option key={c.name} value={c.name} selected={c.name === state.sort}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <label style={FIELD} for="dir">
            {t.t('table.direction')}
            <select id="dir" name="dir" class="usa-select">
              <option value="asc" selected={state.dir === 'asc'}>
                {t.t('table.ascending')}
              </option>
              <option value="desc" selected={state.dir === 'desc'}>
                {t.t('table.descending')}
              </option>
            </select>
          </label>
          {problems.sort ? (
            <p id="sort-problem" style={ERROR}>
              {problems.sort}
            </p>
          ) : null}
        </fieldset>
        <details open={state.show.length > 0}>
          <summary>{t.t('table.columnsShownCount', { shown: state.show.length ? columns.filter((c) => shown(c.name)).length : columns.length, total: columns.length })}</summary>
          <fieldset>
            <legend>{t.t('table.columnsShown')}</legend>
            <ul style="list-style:none;margin:0;padding:0;columns:14rem">
              {columns.map((c) => (
                <li key={c.name}>
                  <label>
                    <input type="checkbox" name="show" value={c.name} checked={shown(c.name)} /> {c.label}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        </details>
        <label style={FIELD} for="size">
          {t.t('table.rowsPerPage')}
          <select id="size" name="size" class="usa-select">
            {PAGE_SIZES.map((s) => (
              <option key={s} value={s} selected={s === state.size}>
                {t.number(s)}
              </option>
            ))}
          </select>
        </label>
        <DensityChoice density={state.density} />
      </div>
      <p>
        {/* The first button is the one Enter presses in a field. */}
        <button type="submit" class="usa-button">{t.t('table.showRows')}</button>{' '}
        <button type="submit" name="add" value="1" class="usa-button">
          {t.t('table.addFilter')}
        </button>{' '}
        <a href={`/datasets/${slug}/table`}>{t.t('table.clearAll')}</a>
      </p>
    </form>
  );
}

export interface TablePageInput {
  pc: PageContext;
  d: DatasetDetail;
  view: TableView;
  /** The rows, when the visitor may read them and the view is valid. */
  page: ResultPage | undefined;
  /** A problem the query engine found that the form's checks did not. */
  problem?: string | undefined;
  scripts?: string[];
}

/** The table explorer: the view form, what it matches, and downloads of it. */
export function tablePage({ pc, d, view, page, problem, scripts }: TablePageInput): SafeHtml {
  const slug = d.dataset.slug;
  const columns = columnsOf(d);
  const geometry = geometryIn(view.state, columns);
  const { t } = pc;
  let body;
  if (!d.live) body = <p>{t.t('dataset.noData')}</p>;
  else if (!d.dataAccess)
    body = (
      <p>
        {t.t('table.restricted')} <a href={`/sign-in?next=${encodeURIComponent(`/datasets/${slug}/table`)}`}>{t.t('table.signIn')}</a> {t.t('table.toSeeRows')}
      </p>
    );
  else
    body = (
      <>
        <ViewForm slug={slug} columns={columns} view={view} suggestions={suggestionsOf(d)} />
        <section aria-labelledby="rows-heading">
          <h2 id="rows-heading">{t.t('table.rows')}</h2>
          <p id="table-status" role="status">
            {view.problems.any ? t.t('table.correctProblems') : page ? <MatchCount t={t} total={page.total} /> : ''}
          </p>
          {problem ? (
            <p id="table-problem" style={ERROR}>
              {problem}
            </p>
          ) : null}
          <div id="table-results">{page ? <Results t={t} slug={slug} state={view.state} page={page} columns={columns} /> : null}</div>
        </section>
        <div id="table-downloads">
          <Downloads t={t} slug={slug} state={view.state} params={view.params} geometry={geometry.shown} anyGeometry={geometry.any} />
        </div>
      </>
    );
  return renderPage(
    <DatasetFrame d={d} tab="table" scripts={scripts} hidden={hiddenTabs(d)}>
      {body}
    </DatasetFrame>,
    pc,
  );
}
