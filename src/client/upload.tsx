/**
 * The upload form with JavaScript: the file goes to the API with
 * XMLHttpRequest so a progress bar shows the bytes sent, then the loading
 * job is followed live (phase and rows) and, once it has succeeded, the
 * page moves on to the column review. Without JavaScript the form posts as
 * it is and the server shows the job's progress, which the progress code
 * imported here follows live when JavaScript is on.
 */
import type { Translator } from '../domain/i18n/translator.ts';
import { describeJob, followJob, translatorOf } from './progress.ts';

/** Bytes as megabytes with one decimal, for the status line to format in the reader's locale. */
const megabytes = (n: number) => Math.round((n / (1024 * 1024)) * 10) / 10;

/** The API's error message from a failed response, or a general one. */
function messageOf(t: Translator, xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // Not JSON: fall through.
  }
  return t.t('publish.island.failed', { status: xhr.status || t.t('publish.island.noAnswer') });
}

function enhance(form: HTMLFormElement): void {
  const t = translatorOf(form);
  const box = form.querySelector<HTMLElement>('#upload-progress');
  const bar = form.querySelector<HTMLProgressElement>('#upload-bar');
  const status = form.querySelector<HTMLElement>('#upload-status');
  const label = box?.querySelector<HTMLLabelElement>('label');
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
  if (!box || !bar || !status || !button) return;
  const say = (text: string) => {
    status.textContent = text;
  };
  const failed = (text: string) => {
    say(text);
    button.disabled = false;
  };

  form.addEventListener('submit', (ev) => {
    const file = form.querySelector<HTMLInputElement>('input[type=file]');
    if (!file?.files?.length) return;
    ev.preventDefault();
    const data = new FormData(form);
    const csrf = String(data.get('_csrf') ?? '');
    data.delete('_csrf');
    if (!String(data.get('sheet') ?? '').trim()) data.delete('sheet');
    box.hidden = false;
    button.disabled = true;
    bar.value = 0;
    if (label) label.textContent = t.t('publish.island.upload');
    say(t.t('publish.island.uploading'));
    let announced = -1;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/datasets/${encodeURIComponent(form.dataset.upload ?? '')}/resources`);
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.floor((e.loaded / e.total) * 100);
      bar.value = percent;
      // Announce every tenth, not every event, so screen readers are not flooded.
      if (Math.floor(percent / 10) !== announced) {
        announced = Math.floor(percent / 10);
        say(t.t('publish.island.uploadingPercent', { percent, sent: megabytes(e.loaded), total: megabytes(e.total) }));
      }
    };
    xhr.onerror = () => failed(t.t('publish.island.offline'));
    xhr.onload = () => {
      if (xhr.status !== 202) return failed(messageOf(t, xhr));
      const { job } = JSON.parse(xhr.responseText) as { job: { id: string } };
      bar.value = 100;
      if (label) label.textContent = t.t('publish.island.loading');
      bar.removeAttribute('value');
      say(t.t('publish.island.uploaded'));
      void followJob(job.id, (j) => say(describeJob(t, j))).then((j) => {
        if (j.status === 'succeeded') location.assign(form.dataset.next ?? location.href);
        else {
          bar.value = 0;
          failed(describeJob(t, j));
        }
      });
    };
    xhr.send(data);
  });
}

const form = document.querySelector<HTMLFormElement>('form[data-upload]');
if (form) enhance(form);
