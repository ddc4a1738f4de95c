import type { StatementDetail } from '../../../actions/program/read-statements.ts';
import type { Dataset } from '../../../domain/catalog/types.ts';
import type { Problem } from '../../../domain/community/problems.ts';
import type { ProgramEvent } from '../../../domain/program/events.ts';
import type { ProblemStatement } from '../../../domain/program/statements.ts';
import { FormField } from '../components/FormField.tsx';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import { many, one, ProblemPicks, STYLE } from './form.tsx';
import { eventPath } from './when.tsx';

const TEXT = `.statement-text{white-space:pre-line;overflow-wrap:anywhere;max-width:44rem}dl.statement dt{font-weight:700;margin-top:1rem}dl.statement dd{margin:0;white-space:pre-line;overflow-wrap:anywhere}`;

/** `/statements`: every problem statement, newest first. */
export function statementListPage(pc: PageContext, list: ProblemStatement[], mayWrite: boolean): SafeHtml {
  const t = pc.t;
  return renderPage(
    <Layout title={t.t('statements.title')}>
      <h1>{t.t('statements.title')}</h1>
      <p>{t.t('statements.intro')}</p>
      {mayWrite ? (
        <p>
          <a class="usa-button" href="/statements/new">
            {t.t('statements.write')}
          </a>
        </p>
      ) : null}
      {list.length ? (
        <ul>
          {list.map((s) => (
            <li key={s.id}>
              <a href={`/statements/${encodeURIComponent(s.id)}`}>{s.title}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.t('statements.none')}</p>
      )}
    </Layout>,
    pc,
  );
}

/** `/statements/{id}`: a problem statement, the problems it came from, its data and its event. */
export function statementPage(pc: PageContext, d: StatementDetail, notice: string | undefined): SafeHtml {
  const t = pc.t;
  const s = d.statement;
  return renderPage(
    <Layout title={s.title} description={s.need.slice(0, 200)} styles={TEXT}>
      {notice ? (
        <div class="usa-alert usa-alert--success" role="status">
          {notice}
        </div>
      ) : null}
      <p>
        <a href="/statements">{t.t('statements.title')}</a>
      </p>
      <h1>{s.title}</h1>
      {d.event ? <p>{t.t('statements.fromEvent')} <a href={eventPath(d.event)}>{d.event.title}</a></p> : null}
      <dl class="statement">
        <dt>{t.t('statements.affected')}</dt>
        <dd>{s.affected}</dd>
        <dt>{t.t('statements.need')}</dt>
        <dd>{s.need}</dd>
        <dt>{t.t('statements.measure')}</dt>
        <dd>{s.measure}</dd>
        {s.dataNotes ? (
          <>
            <dt>{t.t('statements.dataNotes')}</dt>
            <dd>{s.dataNotes}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t.t('statements.datasets')}</h2>
      <ul>
        {d.datasets.map((x) => (
          <li key={x.id}>
            <a href={`/datasets/${encodeURIComponent(x.slug)}`}>{x.title}</a>
          </li>
        ))}
      </ul>
      <h2>{t.t('statements.problems')}</h2>
      <ul>
        {d.problems.map((p) => (
          <li key={p.id}>
            <a href={`/problems/${encodeURIComponent(p.id)}`}>{p.title}</a> ({t.t(`problems.status.${p.status}`)})
          </li>
        ))}
      </ul>
    </Layout>,
    pc,
  );
}

export interface StatementFormState {
  csrf: string;
  event: ProgramEvent | null;
  problems: readonly Problem[];
  datasets: readonly Dataset[];
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
}

/** `/statements/new` (`?event=slug` from an event page): the form to write a problem statement. */
export function statementFormPage(pc: PageContext, s: StatementFormState): SafeHtml {
  return renderPage(
    <Layout title={pc.t.t('statements.newTitle')} styles={STYLE}>
      <StatementForm s={s} />
    </Layout>,
    pc,
  );
}

function StatementForm({ s }: { s: StatementFormState }) {
  const t = useT();
  const v = s.values;
  const e = s.errors;
  const chosen = many(v.datasets);
  const area = (name: string, label: string, hint?: string) => (
    <FormField name={name} label={label} hint={hint} error={e[name]}>
      {(a) => <textarea {...a} class="usa-textarea" maxLength={3000}>{one(v[name])}</textarea>}
    </FormField>
  );
  return (
    <>
      <h1>{t.t('statements.newTitle')}</h1>
      {s.event ? <p>{t.t('statements.fromEvent')} <a href={eventPath(s.event)}>{s.event.title}</a></p> : null}
      {Object.keys(e).length ? (
        <div class="usa-alert usa-alert--error" role="alert">
          {e.form ? ruleText(t, e.form) : t.t('events.fixBelow')}
        </div>
      ) : null}
      <form method="post" action="/statements" class="usa-form event-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        {s.event ? <input type="hidden" name="event" value={s.event.slug} /> : null}
        <FormField name="title" label={t.t('statements.fieldTitle')} error={e.title}>
          {(a) => <input {...a} type="text" class="usa-input" value={one(v.title)} maxLength={200} required />}
        </FormField>
        {area('affected', t.t('statements.affected'))}
        {area('need', t.t('statements.need'))}
        {area('measure', t.t('statements.measure'))}
        {area('data_notes', t.t('statements.dataNotes'), t.t('statements.dataNotesHint'))}
        <ProblemPicks problems={s.problems} chosen={many(v.problems)} error={e.problems} legend={t.t('statements.fieldProblems')} />
        <fieldset class="picks" aria-describedby={e.datasets ? 'field-datasets-error' : undefined}>
          <legend class="usa-legend">{t.t('statements.fieldDatasets')}</legend>
          {e.datasets ? (
            <span class="usa-error-message" id="field-datasets-error">
              {ruleText(t, e.datasets)}
            </span>
          ) : null}
          {s.datasets.map((d) => (
            <label key={d.id}>
              <input type="checkbox" name="datasets" value={d.slug} checked={chosen.has(d.slug)} /> {d.title}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="usa-button">{t.t('statements.send')}</button>
      </form>
    </>
  );
}
