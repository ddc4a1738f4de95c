import type { EcoActor } from '../../../domain/program/ecosystem.ts';
import type { Organization } from '../../../domain/catalog/types.ts';
import { ACTOR_KINDS, RELATION_KINDS } from '../../../domain/program/ecosystem-kinds.ts';
import { FormField } from '../components/FormField.tsx';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import { ECO_STYLE } from './map.tsx';

/** A form as typed, and its problems when refused. */
export interface EcoFormState {
  csrf: string;
  action: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

function Problems({ e }: { e: Record<string, string> }) {
  const t = useT();
  if (!Object.keys(e).length) return null;
  return (
    <div class="usa-alert usa-alert--error" role="alert">
      {e.form ? ruleText(t, e.form) : t.t('ecosystem.fixBelow')}
    </div>
  );
}

/** The form for a new actor or to change one. */
export function actorFormPage(pc: PageContext, s: EcoFormState & { editing: EcoActor | undefined; organizations: Organization[] }): SafeHtml {
  const t = pc.t;
  const v = s.values;
  const e = s.errors;
  const title = s.editing ? t.t('ecosystem.editActorTitle', { name: s.editing.name }) : t.t('ecosystem.newActorTitle');
  return renderPage(
    <Layout title={title} styles={ECO_STYLE}>
      <p><a href="/ecosystem">{t.t('ecosystem.title')}</a></p>
      <h1>{title}</h1>
      <Problems e={e} />
      <form method="post" action={s.action} class="usa-form eco-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        <FormField name="name" label={t.t('ecosystem.fieldName')} error={e.name}>
          {(a) => <input {...a} type="text" class="usa-input" value={v.name ?? ''} maxLength={150} required />}
        </FormField>
        <FormField name="slug" label={t.t('ecosystem.fieldSlug')} hint={t.t('ecosystem.fieldSlugHint')} error={e.slug}>
          {(a) => <input {...a} type="text" class="usa-input" value={v.slug ?? ''} maxLength={100} />}
        </FormField>
        <FormField name="kind" label={t.t('ecosystem.fieldKind')} error={e.kind}>
          {(a) => (
            <select {...a} class="usa-select">
              <option value="">{t.t('ecosystem.choose')}</option>
              {ACTOR_KINDS.map((k) => <option key={k} value={k} selected={v.kind === k}>{t.t(`ecosystem.kind.${k}`)}</option>)}
            </select>
          )}
        </FormField>
        <FormField name="topics" label={t.t('ecosystem.fieldTopics')} hint={t.t('ecosystem.fieldTopicsHint')} error={e.topics}>
          {(a) => <input {...a} type="text" class="usa-input" value={v.topics ?? ''} maxLength={1000} />}
        </FormField>
        <FormField name="note" label={t.t('ecosystem.fieldNote')} error={e.note}>
          {(a) => <textarea {...a} class="usa-textarea" maxLength={2000}>{v.note ?? ''}</textarea>}
        </FormField>
        <FormField name="website" label={t.t('ecosystem.fieldWebsite')} hint={t.t('ecosystem.fieldWebsiteHint')} error={e.website}>
          {(a) => <input {...a} type="text" inputMode="url" class="usa-input" value={v.website ?? ''} maxLength={2000} />}
        </FormField>
        <FormField name="organization" label={t.t('ecosystem.fieldOrganization')} hint={t.t('ecosystem.fieldOrganizationHint')} error={e.organization}>
          {(a) => (
            <select {...a} class="usa-select">
              <option value="">{t.t('ecosystem.noOrganization')}</option>
              {s.organizations.map((o) => <option key={o.id} value={o.slug} selected={v.organization === o.slug}>{o.name}</option>)}
            </select>
          )}
        </FormField>
        <button type="submit" class="usa-button">{t.t('ecosystem.save')}</button>
      </form>
    </Layout>,
    pc,
  );
}

/** The form for a new relationship or to change one; both actors are chosen from the map. */
export function relationFormPage(pc: PageContext, s: EcoFormState & { editing: boolean; actors: EcoActor[]; deleteAction?: string | undefined }): SafeHtml {
  const t = pc.t;
  const v = s.values;
  const e = s.errors;
  const title = s.editing ? t.t('ecosystem.editRelationTitle') : t.t('ecosystem.newRelationTitle');
  const choose = (name: 'from' | 'to', label: string) => (
    <FormField name={name} label={label} error={e[name]}>
      {(a) => (
        <select {...a} class="usa-select">
          <option value="">{t.t('ecosystem.choose')}</option>
          {s.actors.map((x) => <option key={x.id} value={x.slug} selected={v[name] === x.slug}>{x.name}</option>)}
        </select>
      )}
    </FormField>
  );
  return renderPage(
    <Layout title={title} styles={ECO_STYLE}>
      <p><a href="/ecosystem">{t.t('ecosystem.title')}</a></p>
      <h1>{title}</h1>
      <p>{t.t('ecosystem.relationIntro')}</p>
      <Problems e={e} />
      <form method="post" action={s.action} class="usa-form eco-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        {choose('from', t.t('ecosystem.fieldFrom'))}
        <FormField name="kind" label={t.t('ecosystem.fieldRelKind')} error={e.kind}>
          {(a) => (
            <select {...a} class="usa-select">
              <option value="">{t.t('ecosystem.choose')}</option>
              {RELATION_KINDS.map((k) => <option key={k} value={k} selected={v.kind === k}>{t.t(`ecosystem.relKind.${k}`)}</option>)}
            </select>
          )}
        </FormField>
        {choose('to', t.t('ecosystem.fieldTo'))}
        <FormField name="topics" label={t.t('ecosystem.fieldTopics')} hint={t.t('ecosystem.fieldTopicsHint')} error={e.topics}>
          {(a) => <input {...a} type="text" class="usa-input" value={v.topics ?? ''} maxLength={1000} />}
        </FormField>
        <FormField name="note" label={t.t('ecosystem.fieldNote')} error={e.note}>
          {(a) => <textarea {...a} class="usa-textarea" maxLength={2000}>{v.note ?? ''}</textarea>}
        </FormField>
        <button type="submit" class="usa-button">{t.t('ecosystem.save')}</button>
      </form>
      {s.deleteAction ? (
        <form method="post" action={s.deleteAction}>
          <input type="hidden" name="_csrf" value={s.csrf} />
          <button type="submit" class="usa-button usa-button--secondary">{t.t('ecosystem.deleteRelation')}</button>
        </form>
      ) : null}
    </Layout>,
    pc,
  );
}

/** One refused row of an import. */
export interface ImportProblemView {
  file: string;
  row: number;
  column: string;
  reason: string;
}

/** The import form: two CSV files or one JSON document; a refused import lists every problem by file, row and column. */
export function importPage(pc: PageContext, s: { csrf: string; problems: ImportProblemView[]; error?: string | undefined }): SafeHtml {
  const t = pc.t;
  return renderPage(
    <Layout title={t.t('ecosystem.importTitle')} styles={ECO_STYLE}>
      <p><a href="/ecosystem">{t.t('ecosystem.title')}</a></p>
      <h1>{t.t('ecosystem.importTitle')}</h1>
      <p>{t.t('ecosystem.importIntro')}</p>
      {s.error || s.problems.length ? (
        <div class="usa-alert usa-alert--error" role="alert">
          <p>{s.error ? ruleText(t, s.error) : t.t('ecosystem.importRefused')}</p>
          {s.problems.length ? (
            <ul class="eco-problems">
              {s.problems.map((p, i) => (
                <li key={i}>{p.column ? t.t('ecosystem.problemAt', { file: p.file, row: p.row, column: p.column, reason: ruleText(t, p.reason) }) : t.t('ecosystem.problemAtRow', { file: p.file, row: p.row, reason: ruleText(t, p.reason) })}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <form method="post" action="/ecosystem/import" enctype="multipart/form-data" class="usa-form eco-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        <FormField name="actors" label={t.t('ecosystem.fieldActorsCsv')} hint={t.t('ecosystem.fieldActorsCsvHint')}>
          {(a) => <input {...a} type="file" class="usa-file-input" accept=".csv,text/csv" />}
        </FormField>
        <FormField name="relationships" label={t.t('ecosystem.fieldRelationsCsv')} hint={t.t('ecosystem.fieldRelationsCsvHint')}>
          {(a) => <input {...a} type="file" class="usa-file-input" accept=".csv,text/csv" />}
        </FormField>
        <FormField name="json" label={t.t('ecosystem.fieldJson')} hint={t.t('ecosystem.fieldJsonHint')}>
          {(a) => <input {...a} type="file" class="usa-file-input" accept=".json,application/json" />}
        </FormField>
        <button type="submit" class="usa-button">{t.t('ecosystem.importSend')}</button>
      </form>
    </Layout>,
    pc,
  );
}
