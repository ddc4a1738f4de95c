import { useT, type PageContext } from '../components/page-context.ts';
import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import type { RecordsPage } from '../../../actions/records/query-records.ts';
import type { Job } from '../../../domain/catalog/types.ts';
import type { ColumnProfile } from '../../../domain/ingest/profile-types.ts';
import type { Translator } from '../../../domain/i18n/translator.ts';
import { inferRole, roleOf } from '../../../domain/table/roles.ts';
import { COLUMN_ROLES, COLUMN_TYPES } from '../../../domain/table/types.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { ColumnReadings } from './column-readings.tsx';
import { Csrf, ErrorSummary, JobStatus, Linked, PublishLayout, Steps, type FieldErrors } from './parts.tsx';

export interface ColumnsState {
  pc: PageContext;
  csrf: string;
  d: DatasetDetail;
  job?: Job | undefined;
  scripts: string[];
  errors: FieldErrors;
  notice?: string | undefined;
  /** A search of the rows, to check how values were read (accents, leading zeros). */
  lookup?: { find: string; page?: RecordsPage | undefined; error?: string | undefined } | undefined;
}

/** A column type's name in the reader's language. */
const typeTitle = (t: Translator, type: (typeof COLUMN_TYPES)[number]) => t.t(`publish.type.${type}`);

/** The most frequent values of a column, as the profile counted them. */
function Samples({ profile }: { profile: ColumnProfile | undefined }) {
  const t = useT();
  const top = (profile?.top ?? []).slice(0, 5);
  if (!top.length) return <span class="meta">{t.t('publish.columns.none')}</span>;
  return (
    <ul class="samples">
      {top.map((v, i) => (
        <li key={i}>
          <code>{v.value === null ? t.t('publish.columns.emptyValue') : String(v.value)}</code> <span class="meta">({t.number(v.count)})</span>
        </li>
      ))}
    </ul>
  );
}

const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** A search form (GET, so it works with the column form on the same page) and the first rows that match. */
function Lookup({ s }: { s: ColumnsState }) {
  const t = useT();
  const { dataset, live } = s.d;
  const found = s.lookup;
  const columns = (live?.columns ?? []).filter((c) => !c.name.startsWith('__'));
  return (
    <section aria-labelledby="lookup" class="card">
      <h2 id="lookup">{t.t('publish.columns.lookup')}</h2>
      <p class="hint" id="find-hint">
        {t.t('publish.columns.lookupHint')}
      </p>
      <form method="get" action={`/publish/${dataset.slug}/columns`}>
        <label for="find">{t.t('publish.columns.find')}</label>{' '}
        <input type="search" id="find" name="find" value={found?.find ?? ''} maxLength={200} aria-describedby="find-hint" class="usa-input" />{' '}
        <button type="submit" class="usa-button usa-button--outline secondary">
          {t.t('publish.columns.search')}
        </button>
      </form>
      {found?.error ? (
        <p class="usa-alert usa-alert--error error" role="alert">
          {found.error}
        </p>
      ) : null}
      {found?.page ? (
        found.page.results.length ? (
          <div class="scroll">
            <table>
              <caption class="meta">{t.t('publish.columns.matches', { count: found.page.total, shown: found.page.results.length })}</caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.name} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {found.page.results.map((r, i) => (
                  <tr key={i}>
                    {columns.map((c) => (
                      <td key={c.name}>{cell(r[c.name])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p role="status">{t.t('publish.columns.noMatch', { find: found.find })}</p>
        )
      ) : null}
    </section>
  );
}

/**
 * Column review: each column's inferred type, its commonest values, empty
 * and distinct counts, a type to change it to, and its dictionary entry.
 */
export function columnsPage(s: ColumnsState): SafeHtml {
  const { t } = s.pc;
  const { dataset, live, dictionary } = s.d;
  const entries = new Map(dictionary.map((e) => [e.column, e]));
  const columns = (live?.columns ?? []).filter((c) => !c.name.startsWith('__'));
  return renderPage(
    <PublishLayout title={t.t('publish.columns.title', { title: dataset.title })} scripts={s.scripts}>
      <Steps dataset={dataset} step="columns" />
      <h1>{t.t('publish.columns.heading', { title: dataset.title })}</h1>
      {s.notice ? (
        <p class="usa-alert usa-alert--info notice" role="status">
          {s.notice}
        </p>
      ) : null}
      {s.job ? <JobStatus job={s.job} next={{ href: `/publish/${dataset.slug}/columns`, text: t.t('publish.columns.again') }} /> : null}
      <ErrorSummary errors={s.errors} labels={{}} />
      {live ? <Lookup s={s} /> : null}
      {live ? (
        <form method="post" action={`/publish/${dataset.slug}/columns`} class="columns-review">
          <Csrf token={s.csrf} />
          <p>{t.t('publish.columns.intro', { count: live.rowCount ?? 0 })}</p>
          <p class="hint" id="role-hint">
            {t.t('publish.columns.roleHint')}
          </p>
          {live.rowCount === 0 && !live.rejectedCount ? (
            <p class="usa-alert usa-alert--error problems" role="status">
              {t.t('publish.columns.noRows')}
            </p>
          ) : null}
          {columns.map((c) => {
            const p = live.profile[c.name];
            const e = entries.get(c.name);
            const id = (f: string) => `${f}-${c.name}`;
            const of = <span class="sr">{t.t('publish.columns.of', { column: c.label })}</span>;
            return (
              <fieldset class="card column-card" key={c.name}>
                <legend>
                  {c.label} <code class="meta">{c.name}</code>
                </legend>
                <div class="column">
                  <dl>
                    <dt>{t.t('publish.columns.inferred')}</dt>
                    <dd>{typeTitle(t, c.type)}</dd>
                    {c.format ? (
                      <>
                        <dt>{t.t('publish.columns.format')}</dt>
                        <dd>
                          <code>{c.format.label}</code>
                        </dd>
                      </>
                    ) : null}
                    <dt>{t.t('publish.columns.roleIs')}</dt>
                    <dd>{t.t(`publish.role.${roleOf(c)}`)}</dd>
                    <dt>{t.t('publish.columns.empty')}</dt>
                    <dd>{p ? t.number(p.nulls) : '–'}</dd>
                    <dt>{t.t('publish.columns.distinct')}</dt>
                    <dd>{p ? t.number(p.distinct) : '–'}</dd>
                    <dt>{t.t('publish.columns.commonest')}</dt>
                    <dd>
                      <Samples profile={p} />
                    </dd>
                  </dl>
                  <div class="form">
                    <ColumnReadings c={c} />
                    <div>
                      <label for={id('type')}>
                        {t.t('publish.columns.type')}
                        {of}
                      </label>
                      <select id={id('type')} name={`type.${c.name}`} class="usa-select">
                        {COLUMN_TYPES.map((type) => (
                          <option key={type} value={type} selected={type === c.type}>
                            {typeTitle(t, type)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div>
                      <label for={id('role')}>
                        {t.t('publish.columns.role')}
                        {of}
                      </label>
                      <select id={id('role')} name={`role.${c.name}`} aria-describedby="role-hint" class="usa-select">
                        <option value="" selected={!e?.role}>
                          {t.t('publish.columns.roleInferred', { role: t.t(`publish.role.${inferRole({ ...c, role: undefined }, p)}`) })}
                        </option>
                        {COLUMN_ROLES.map((role) => (
                          <option key={role} value={role} selected={e?.role === role}>
                            {t.t(`publish.role.${role}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div>
                      <label for={id('label')}>
                        {t.t('publish.columns.label')}
                        {of}
                      </label>
                      <input type="text" id={id('label')} name={`label.${c.name}`} value={e?.label ?? c.label} maxLength={200} class="usa-input" />
                    </div>
                    <div>
                      <label for={id('unit')}>
                        {t.t('publish.columns.unit')}
                        {of}
                      </label>
                      <input type="text" id={id('unit')} name={`unit.${c.name}`} value={e?.unit ?? ''} maxLength={50} class="usa-input" />
                    </div>
                    <div>
                      <label for={id('description')}>
                        {t.t('publish.columns.description')}
                        {of}
                      </label>
                      <textarea id={id('description')} name={`description.${c.name}`} rows={2} class="usa-textarea">
                        {e?.description ?? ''}
                      </textarea>
                    </div>
                  </div>
                </div>
              </fieldset>
            );
          })}
          <p>
            <button type="submit" class="usa-button">{t.t('publish.columns.save')}</button> <a href={`/publish/${dataset.slug}/describe`}>{t.t('publish.columns.next')}</a>
          </p>
        </form>
      ) : (
        <p>
          <Linked text={(link) => t.t('publish.columns.noColumns', { link })} link={<a href={`/publish/${dataset.slug}/upload`}>{t.t('publish.columns.uploadLink')}</a>} />
        </p>
      )}
    </PublishLayout>,
    s.pc,
  );
}
