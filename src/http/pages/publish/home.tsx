import type { LayoutUser } from '../components/Layout.tsx';
import type { DatasetSummary } from '../../../actions/catalog/read-datasets.ts';
import type { Organization } from '../../../domain/catalog/types.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { Csrf, PublishLayout } from './parts.tsx';

export interface HomeState {
  siteName: string;
  user: LayoutUser;
  csrf: string;
  /** The organizations the person edits for. */
  organizations: Organization[];
  mine: DatasetSummary[];
  /** Submitted datasets of the organizations the person administers; undefined when they administer none. */
  queue: DatasetSummary[] | undefined;
  /** What the last action did, in words. */
  notice?: string | undefined;
}

const day = (iso: string) => iso.slice(0, 10);

/** "Your datasets": everything the person's organizations are preparing or have published, and the review queue for admins. */
export function publishHomePage(s: HomeState): SafeHtml {
  return renderPage(
    <PublishLayout title="Your datasets" siteName={s.siteName} user={s.user}>
      <h1>Your datasets</h1>
      {s.notice ? (
        <p class="notice" role="status">
          {s.notice}
        </p>
      ) : null}
      <p>
        <a href="/publish/new">Create a dataset</a> <span class="meta">for {s.organizations.map((o) => o.name).join(', ')}</span>
      </p>
      {s.queue ? <Queue queue={s.queue} csrf={s.csrf} /> : null}
      <section aria-labelledby="mine">
        <h2 id="mine">Datasets of your organizations</h2>
        {s.mine.length ? (
          <div class="scroll">
            <table>
              <caption class="meta">{`${s.mine.length} ${s.mine.length === 1 ? 'dataset' : 'datasets'}, most recently changed first`}</caption>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Organization</th>
                  <th scope="col">Status</th>
                  <th scope="col">Changed</th>
                  <th scope="col">Steps</th>
                </tr>
              </thead>
              <tbody>
                {s.mine.map(({ dataset: d, organization }) => (
                  <tr key={d.id}>
                    <th scope="row">
                      <a href={`/publish/${d.slug}/describe`}>{d.title}</a>
                    </th>
                    <td>{organization?.name ?? ''}</td>
                    <td>{d.status}</td>
                    <td>{day(d.updatedAt)}</td>
                    <td>
                      <a href={`/publish/${d.slug}/upload`} aria-label={`Upload data to ${d.title}`}>Upload</a> ·{' '}
                      <a href={`/publish/${d.slug}/columns`} aria-label={`Review the columns of ${d.title}`}>Columns</a> ·{' '}
                      <a href={`/datasets/${d.slug}`} aria-label={`View ${d.title}`}>View</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Your organizations have no datasets yet.</p>
        )}
      </section>
    </PublishLayout>,
  );
}

/** Submitted datasets waiting for an admin: publish each, or send it back with a comment. */
function Queue({ queue, csrf }: { queue: DatasetSummary[]; csrf: string }) {
  return (
    <section aria-labelledby="queue">
      <h2 id="queue">Review queue</h2>
      {queue.length ? null : <p>Nothing is waiting for review.</p>}
      {queue.map(({ dataset: d, organization }) => (
        <article class="card" key={d.id} aria-labelledby={`q-${d.id}`}>
          <h3 id={`q-${d.id}`}>
            <a href={`/datasets/${d.slug}`}>{d.title}</a>
          </h3>
          <p class="meta">
            {organization?.name ?? ''} · submitted, last changed {day(d.updatedAt)} · <a href={`/publish/${d.slug}/describe`}>Review the description</a>
          </p>
          <form method="post" action={`/publish/${d.slug}/status`} class="inline">
            <Csrf token={csrf} />
            <input type="hidden" name="status" value="published" />
            <input type="hidden" name="back" value="/publish" />
            <button type="submit" aria-label={`Publish ${d.title}`}>Publish</button>
          </form>
          <form method="post" action={`/publish/${d.slug}/status`} class="form">
            <Csrf token={csrf} />
            <input type="hidden" name="status" value="draft" />
            <input type="hidden" name="back" value="/publish" />
            <div>
              <label for={`comment-${d.id}`}>What needs to change before “{d.title}” can be published?</label>
              <textarea id={`comment-${d.id}`} name="comment" rows={2} cols={60} maxLength={2000} />
            </div>
            <p>
              <button type="submit" class="secondary" aria-label={`Send ${d.title} back`}>Send back</button>
            </p>
          </form>
        </article>
      ))}
    </section>
  );
}
