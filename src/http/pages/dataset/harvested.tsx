import type { HarvestedView } from '../../../actions/harvest/overview.ts';
import type { Dataset } from '../../../domain/catalog/types.ts';
import { useT } from '../components/page-context.ts';
import { ruleText } from '../components/rule-text.ts';
import { kindName, when } from '../harvest/parts.tsx';

/** The harvested box's state on the page: what the reader may do, and a form shown again or a notice after one worked. */
export interface HarvestedState {
  view: HarvestedView;
  /** The session's CSRF token, for the forms; absent for visitors and programs. */
  csrf?: string | undefined;
  /** Notes typed and refused, with why. */
  notes?: { value: string; error: string } | undefined;
  notice?: string | undefined;
}

/** The box saying where a harvested dataset came from, its local notes, and what its editors and admins may do here. */
export function HarvestedBox({ dataset, hasData, s }: { dataset: Pick<Dataset, 'slug' | 'status'>; hasData: boolean; s: HarvestedState }) {
  const t = useT();
  const { view } = s;
  const base = `/datasets/${encodeURIComponent(dataset.slug)}`;
  const notes = s.notes?.value ?? view.notes?.notes ?? '';
  return (
    <section class="card harvested" aria-labelledby="harvested">
      <h2 id="harvested">{t.t('harvest.box.title')}</h2>
      {s.notice ? (
        <p class="usa-alert usa-alert--success notice" role="status">
          {s.notice}
        </p>
      ) : null}
      <ul class="card-list">
        {view.origins.map((o) => (
          <li key={o.sourceId} class="origin">
            <p>
              <strong>{t.t('harvest.box.from', { source: o.source.name })}</strong> <span class="usa-tag badge">{kindName(t, o.source.kind)}</span>
            </p>
            <p class="address">
              <a href={o.originalUrl ?? o.source.url}>{t.t('harvest.box.original', { source: o.source.name })}</a>
            </p>
            <p class="meta">{t.t('harvest.box.lastChecked', { when: when(t, o.lastSeenAt) })}</p>
            {o.removedAt ? (
              <p class="usa-alert usa-alert--warning dropped">
                {dataset.status === 'archived' ? t.t('harvest.box.droppedArchived', { source: o.source.name }) : t.t('harvest.box.dropped', { source: o.source.name, when: when(t, o.removedAt) })}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <p class="meta">{t.t('harvest.box.readOnly')}</p>
      {/* Readers see notes when there are some; their editors see where they would go. */}
      {view.notes?.notes || (view.mayWriteNotes && s.csrf) ? <h3 id="local-notes">{t.t('harvest.box.notes')}</h3> : null}
      {view.notes?.notes ? <p class="notes">{view.notes.notes}</p> : view.mayWriteNotes && s.csrf ? <p class="meta">{t.t('harvest.box.noNotes')}</p> : null}
      {view.mayWriteNotes && s.csrf ? (
        <form method="post" action={`${base}/notes`} class="usa-form">
          <input type="hidden" name="_csrf" value={s.csrf} />
          <div class={s.notes ? 'usa-form-group usa-form-group--error' : 'usa-form-group'}>
            <label for="field-notes">{t.t('harvest.box.notesLabel')}</label>
            <div class="usa-hint" id="field-notes-hint">
              {t.t('harvest.box.notesHint')}
            </div>
            {s.notes ? (
              <span class="usa-error-message field-error" id="field-notes-error">
                {ruleText(t, s.notes.error)}
              </span>
            ) : null}
            <textarea id="field-notes" name="notes" class="usa-textarea" maxLength={10_000} aria-describedby={s.notes ? 'field-notes-hint field-notes-error' : 'field-notes-hint'} aria-invalid={s.notes ? 'true' : undefined}>
              {notes}
            </textarea>
          </div>
          <button type="submit" class="usa-button">
            {t.t('harvest.box.saveNotes')}
          </button>
        </form>
      ) : null}
      {view.mayLoadData && s.csrf && !hasData ? (
        <form method="post" action={`${base}/load`}>
          <input type="hidden" name="_csrf" value={s.csrf} />
          <p>{t.t('harvest.box.loadText')}</p>
          <button type="submit" class="usa-button usa-button--outline">
            {t.t('harvest.box.load')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
