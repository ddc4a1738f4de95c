import { useT } from '../components/page-context.ts';
import { requestPath } from './labels.ts';

/** The describe page's "fulfils a request" choice: whether the dataset is public yet, the open requests, and those it fulfils. */
export interface FulfilChoiceState {
  published: boolean;
  open: Array<{ id: string; title: string }>;
  fulfilled: Array<{ id: string; title: string }>;
}

/** A form on the dataset's describe page that marks the dataset as fulfilling a request (the same action as the request page's). */
export function FulfilChoice({ s, slug, csrf }: { s: FulfilChoiceState; slug: string; csrf: string }) {
  const t = useT();
  return (
    <section aria-labelledby="fulfils" class="card">
      <h2 id="fulfils">{t.t('requests.describeHeading')}</h2>
      {s.fulfilled.length ? (
        <>
          <p>{t.t('requests.describeFulfilled')}</p>
          <ul>
            {s.fulfilled.map((r) => (
              <li key={r.id}>
                <a href={requestPath(r.id)}>{r.title}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {!s.published ? (
        <p>{t.t('requests.describePublishFirst')}</p>
      ) : s.open.length ? (
        <form method="post" action={`/publish/${encodeURIComponent(slug)}/fulfils`} class="form">
          <input type="hidden" name="_csrf" value={csrf} />
          <p class="hint" id="fulfils-request-hint">
            {t.t('requests.describeHint')}
          </p>
          <div>
            <label for="fulfils-request">{t.t('requests.describeChoose')}</label>
            <select id="fulfils-request" name="request" class="usa-select" required aria-describedby="fulfils-request-hint">
              <option value="">{t.t('requests.choose')}</option>
              {s.open.map((r) => (
                <option key={r.id} value={r.id}>{r.title}</option>
              ))}
            </select>
          </div>
          <p>
            <button type="submit" class="usa-button">{t.t('requests.describeButton')}</button>
          </p>
        </form>
      ) : (
        <p>{t.t('requests.describeNone')}</p>
      )}
    </section>
  );
}
