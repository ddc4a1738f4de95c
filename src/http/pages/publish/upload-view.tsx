import type { LayoutUser } from '../components/Layout.tsx';
import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import type { Job } from '../../../domain/catalog/types.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { Csrf, JobStatus, PublishLayout, Steps } from './parts.tsx';

export interface UploadState {
  siteName: string;
  user: LayoutUser;
  csrf: string;
  d: DatasetDetail;
  /** The ingest job the page follows (after an upload), when there is one. */
  job?: Job | undefined;
  scripts: string[];
  maxUploadBytes: number;
  /** What was wrong with the last upload. */
  error?: string | undefined;
}

const megabytes = (n: number) => `${Math.floor(n / (1024 * 1024)).toLocaleString('en-US')} MB`;

/**
 * The upload step: a multipart form that works on its own, which the upload
 * island turns into an upload with a progress bar and live loading progress.
 */
export function uploadPage(s: UploadState): SafeHtml {
  const { dataset, live, resources } = s.d;
  const next = `/publish/${dataset.slug}/columns`;
  return renderPage(
    <PublishLayout title={`Upload data – ${dataset.title}`} siteName={s.siteName} user={s.user} scripts={s.scripts}>
      <Steps dataset={dataset} step="upload" />
      <h1>Upload data to “{dataset.title}”</h1>
      {s.error ? (
        <p class="problems" role="alert" id="file-error">
          {s.error}
        </p>
      ) : null}
      {s.job ? <JobStatus job={s.job} next={{ href: next, text: 'Review the columns' }} /> : null}
      {live ? (
        <p>
          The data now has {(live.rowCount ?? 0).toLocaleString('en-US')} rows in {live.columns.length} columns (version {live.number}). A new file replaces it as a new version.
        </p>
      ) : (
        <p>The dataset has no data yet.</p>
      )}
      {resources.length ? (
        <p class="meta">Files and links: {resources.map((r) => r.name).join(', ')}</p>
      ) : null}
      <form
        method="post"
        action={`/publish/${dataset.slug}/upload`}
        encType="multipart/form-data"
        class="form"
        data-upload={dataset.id}
        data-next={next}
      >
        <Csrf token={s.csrf} />
        <div>
          <label for="policy">When a row cannot be read</label>
          <select id="policy" name="policy">
            <option value="lenient">Set it aside and load the rest</option>
            <option value="strict">Stop and load nothing</option>
          </select>
        </div>
        <div>
          <label for="sheet">Sheet (spreadsheets only, optional)</label>
          <input type="text" id="sheet" name="sheet" maxLength={100} aria-describedby="sheet-hint" />
          <p class="hint" id="sheet-hint">
            The first sheet is loaded unless you name another.
          </p>
        </div>
        <div>
          <label for="file">File</label>
          <input type="file" id="file" name="file" required aria-describedby={s.error ? 'file-hint file-error' : 'file-hint'} aria-invalid={s.error ? 'true' : undefined} />
          <p class="hint" id="file-hint">
            CSV, TSV, JSON, NDJSON, GeoJSON or Excel (XLSX), also gzipped, up to {megabytes(s.maxUploadBytes)}. Plaza detects the encoding, the separator and each column's type.
          </p>
        </div>
        <div id="upload-progress" hidden>
          <label for="upload-bar">Upload</label>
          <progress id="upload-bar" max={100} value={0} />
          <p role="status" id="upload-status" />
        </div>
        <p>
          <button type="submit">Upload and load the data</button>
        </p>
      </form>
    </PublishLayout>,
  );
}
