import { useT, type PageContext } from '../components/page-context.ts';
import { vocab } from '../components/vocab.ts';
import type { DatasetSummary } from '../../../actions/catalog/read-datasets.ts';
import type { Organization } from '../../../domain/catalog/types.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { Csrf, PublishLayout } from './parts.tsx';
import { Table } from '../components/Table.tsx';

export interface HomeState {
  pc: PageContext;
  csrf: string;
  /** The organizations the person edits for. */
  organizations: Organization[];
  mine: DatasetSummary[];
  /** Submitted datasets of the organizations the person administers; undefined when they administer none. */
  queue: DatasetSummary[] | undefined;
  /** What the last action did, in words. */
  notice?: string | undefined;
  /** The sources each harvested dataset came from: those are edited at their source, not here. */
  harvested?: ReadonlyMap<string, string[]> | undefined;
}

/** "Your datasets": everything the person's organizations are preparing or have published, and the review queue for admins. */
export function publishHomePage(s: HomeState): SafeHtml {
  const { t } = s.pc;
  return renderPage(
    <PublishLayout title={t.t('publish.yourDatasets')}>
      <h1>{t.t('publish.yourDatasets')}</h1>
      {s.notice ? (
        <p class="usa-alert usa-alert--info notice" role="status">
          {s.notice}
        </p>
      ) : null}
      <p>
        <a href="/publish/new">{t.t('publish.home.create')}</a> <span class="meta">{t.t('publish.home.for', { organizations: s.organizations.map((o) => o.name).join(', ') })}</span>
      </p>
      {s.queue ? <Queue queue={s.queue} csrf={s.csrf} /> : null}
      <section aria-labelledby="mine">
        <h2 id="mine">{t.t('publish.home.mine')}</h2>
        {s.mine.length ? (
          <div class="scroll">
            <Table caption={t.t('publish.home.caption', { count: s.mine.length })} columns={[t.t('publish.home.colTitle'), t.t('publish.home.colOrganization'), t.t('publish.home.colStatus'), t.t('publish.home.colChanged'), t.t('publish.home.colSteps')]}>
              {s.mine.map(({ dataset: d, organization }) => (
                <tr key={d.id}>
                  <th scope="row">{s.harvested?.has(d.id) ? <a href={`/datasets/${d.slug}`}>{d.title}</a> : <a href={`/publish/${d.slug}/describe`}>{d.title}</a>}</th>
                  <td>{organization?.name ?? ''}</td>
                  <td>{vocab(t, 'status', d.status)}</td>
                  <td>{t.date(d.updatedAt)}</td>
                  <td>
                    {s.harvested?.has(d.id) ? (
                      <span class="meta">{t.t('harvest.editAtSource', { source: (s.harvested.get(d.id) ?? []).join(', ') })}</span>
                    ) : (
                      <>
                        <a href={`/publish/${d.slug}/upload`} aria-label={t.t('publish.home.uploadTo', { title: d.title })}>
                          {t.t('publish.home.upload')}
                        </a>{' '}
                        ·{' '}
                        <a href={`/publish/${d.slug}/columns`} aria-label={t.t('publish.home.columnsOf', { title: d.title })}>
                          {t.t('publish.home.columns')}
                        </a>{' '}
                        ·{' '}
                        <a href={`/datasets/${d.slug}`} aria-label={t.t('publish.home.viewTitle', { title: d.title })}>
                          {t.t('publish.home.view')}
                        </a>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          </div>
        ) : (
          <p>{t.t('publish.home.none')}</p>
        )}
      </section>
    </PublishLayout>,
    s.pc,
  );
}

/** Submitted datasets waiting for an admin: publish each, or send it back with a comment. */
function Queue({ queue, csrf }: { queue: DatasetSummary[]; csrf: string }) {
  const t = useT();
  return (
    <section aria-labelledby="queue">
      <h2 id="queue">{t.t('publish.queue.title')}</h2>
      {queue.length ? null : <p>{t.t('publish.queue.empty')}</p>}
      {queue.map(({ dataset: d, organization }) => (
        <article class="card" key={d.id} aria-labelledby={`q-${d.id}`}>
          <h3 id={`q-${d.id}`}>
            <a href={`/datasets/${d.slug}`}>{d.title}</a>
          </h3>
          <p class="meta">
            {organization?.name ?? ''} · {t.t('publish.queue.submitted', { date: d.updatedAt })} · <a href={`/publish/${d.slug}/describe`}>{t.t('publish.queue.review')}</a>
          </p>
          <form method="post" action={`/publish/${d.slug}/status`} class="inline">
            <Csrf token={csrf} />
            <input type="hidden" name="status" value="published" />
            <input type="hidden" name="back" value="/publish" />
            <button type="submit" aria-label={t.t('publish.queue.publishTitle', { title: d.title })} class="usa-button">
              {t.t('publish.queue.publish')}
            </button>
          </form>
          <form method="post" action={`/publish/${d.slug}/status`} class="form">
            <Csrf token={csrf} />
            <input type="hidden" name="status" value="draft" />
            <input type="hidden" name="back" value="/publish" />
            <div>
              <label for={`comment-${d.id}`}>{t.t('publish.queue.change', { title: d.title })}</label>
              <textarea id={`comment-${d.id}`} name="comment" rows={2} cols={60} maxLength={2000} class="usa-textarea" />
            </div>
            <p>
              <button type="submit" class="usa-button usa-button--outline secondary" aria-label={t.t('publish.queue.sendBackTitle', { title: d.title })}>
                {t.t('publish.queue.sendBack')}
              </button>
            </p>
          </form>
        </article>
      ))}
    </section>
  );
}
