import type { PageContext } from '../components/page-context.ts';
import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import type { Job } from '../../../domain/catalog/types.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import { Csrf, islandMessages, JobStatus, PublishLayout, Steps } from './parts.tsx';

export interface UploadState {
  pc: PageContext;
  csrf: string;
  d: DatasetDetail;
  /** The ingest job the page follows (after an upload), when there is one. */
  job?: Job | undefined;
  scripts: string[];
  maxUploadBytes: number;
  /** What was wrong with the last upload. */
  error?: string | undefined;
  /** What was wrong with the last web address to load a file from. */
  urlError?: string | undefined;
}

/**
 * The upload step: a multipart form that works on its own, which the upload
 * island turns into an upload with a progress bar and live loading progress.
 */
export function uploadPage(s: UploadState): SafeHtml {
  const { dataset, live, resources } = s.d;
  const { t } = s.pc;
  const next = `/publish/${dataset.slug}/columns`;
  return renderPage(
    <PublishLayout title={t.t('publish.upload.title', { title: dataset.title })} scripts={s.scripts}>
      <Steps dataset={dataset} step="upload" />
      <h1>{t.t('publish.upload.heading', { title: dataset.title })}</h1>
      {s.error ? (
        <p class="usa-alert usa-alert--error problems" role="alert" id="file-error">
          {ruleText(t, s.error)}
        </p>
      ) : null}
      {s.job ? <JobStatus job={s.job} next={{ href: next, text: t.t('publish.upload.next') }} /> : null}
      {live ? (
        <p>{t.t('publish.upload.live', { rows: live.rowCount ?? 0, columns: live.columns.length, version: live.number })}</p>
      ) : (
        <p>{t.t('publish.upload.noData')}</p>
      )}
      {resources.length ? <p class="meta">{t.t('publish.upload.files', { names: resources.map((r) => r.name).join(', ') })}</p> : null}
      <form
        method="post"
        action={`/publish/${dataset.slug}/upload`}
        encType="multipart/form-data"
        class="form"
        data-upload={dataset.id}
        data-next={next}
        data-lang={t.lang}
        data-messages={islandMessages(t)}
      >
        <Csrf token={s.csrf} />
        <div>
          <label for="policy">{t.t('publish.upload.policy')}</label>
          <select id="policy" name="policy" class="usa-select">
            <option value="lenient">{t.t('publish.upload.lenient')}</option>
            <option value="strict">{t.t('publish.upload.strict')}</option>
          </select>
        </div>
        <div>
          <label for="sheet">{t.t('publish.upload.sheet')}</label>
          <input type="text" id="sheet" name="sheet" maxLength={100} aria-describedby="sheet-hint" class="usa-input" />
          <p class="hint" id="sheet-hint">
            {t.t('publish.upload.sheetHint')}
          </p>
        </div>
        <div>
          <label for="file">{t.t('publish.upload.file')}</label>
          <input type="file" id="file" name="file" required aria-describedby={s.error ? 'file-hint file-error' : 'file-hint'} aria-invalid={s.error ? 'true' : undefined} />
          <p class="hint" id="file-hint">
            {t.t('publish.upload.fileHint', { mb: Math.floor(s.maxUploadBytes / (1024 * 1024)) })}
          </p>
        </div>
        <div id="upload-progress" hidden>
          <label for="upload-bar">{t.t('publish.upload.progress')}</label>
          <progress id="upload-bar" max={100} value={0} />
          <p role="status" id="upload-status" />
        </div>
        <p>
          <button type="submit" class="usa-button">{t.t('publish.upload.submit')}</button>
        </p>
      </form>
      <h2>{t.t('publish.upload.fromUrl')}</h2>
      <form method="post" action={`/publish/${dataset.slug}/fetch`} class="form">
        <Csrf token={s.csrf} />
        <div>
          <label for="url">{t.t('publish.upload.url')}</label>
          <input type="url" id="url" name="url" required maxLength={2000} aria-describedby={s.urlError ? 'url-hint url-error' : 'url-hint'} aria-invalid={s.urlError ? 'true' : undefined} class="usa-input" />
          <p class="hint" id="url-hint">
            {t.t('publish.upload.urlHint')}
          </p>
          {s.urlError ? (
            <p class="usa-alert usa-alert--error error" role="alert" id="url-error">
              {ruleText(t, s.urlError)}
            </p>
          ) : null}
        </div>
        <p>
          <button type="submit" class="usa-button usa-button--outline secondary">
            {t.t('publish.upload.fetch')}
          </button>
        </p>
      </form>
    </PublishLayout>,
    s.pc,
  );
}
