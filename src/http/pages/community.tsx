import type { DatasetSummary } from '../../actions/catalog/read-datasets.ts';
import type { SubscriptionView } from '../../actions/notify/subscriptions.ts';
import type { Organization } from '../../domain/catalog/types.ts';
import { Layout, type LayoutUser } from './components/Layout.tsx';
import { renderPage } from './components/render.tsx';
import type { SafeHtml } from './html.ts';

/** An organization (department): what it is and the datasets the reader may see. */
export function organizationPage(siteName: string, org: Organization, list: { total: number; results: DatasetSummary[] }, user?: LayoutUser): SafeHtml {
  return renderPage(
    <Layout title={org.name} siteName={siteName} user={user}>
      <h1>{org.name}</h1>
      {org.description ? <p>{org.description}</p> : null}
      <p class="meta">
        {list.total.toLocaleString('en-US')} published {list.total === 1 ? 'dataset' : 'datasets'} · <a href={`/datasets?organization=${encodeURIComponent(org.slug)}`}>Search them</a> ·{' '}
        <a href={`/feeds/organizations/${org.slug}.atom`}>Atom feed of its changes</a>
      </p>
      {list.results.map(({ dataset, freshness }) => (
        <article class="card" key={dataset.id}>
          <h2>
            <a href={`/datasets/${dataset.slug}`}>{dataset.title}</a>
          </h2>
          <p class="meta">
            {dataset.themes.join(', ')} {freshness.overdue ? <span class="badge warn">Update overdue</span> : null}
          </p>
          {dataset.description ? <p>{dataset.description}</p> : null}
        </article>
      ))}
    </Layout>,
  );
}

function Followed({ v }: { v: SubscriptionView }) {
  const s = v.subscription;
  if (s.target === 'dataset') {
    return v.dataset ? (
      <>
        the dataset <a href={`/datasets/${v.dataset.slug}`}>{v.dataset.title}</a>
      </>
    ) : (
      <>a dataset that is gone or no longer visible</>
    );
  }
  if (s.target === 'organization') {
    return v.organization ? (
      <>
        everything from <a href={`/organizations/${v.organization.slug}`}>{v.organization.name}</a>
      </>
    ) : (
      <>an organization that is gone</>
    );
  }
  return (
    <>
      datasets matching the search{' '}
      <a href={`/datasets?${s.targetId}`}>
        <code>{s.targetId}</code>
      </a>
    </>
  );
}

/** The signed-in person's subscriptions, each with a button to stop it (the link in every digest leads here). */
export function subscriptionsPage(siteName: string, views: SubscriptionView[], csrf: string, user: LayoutUser, notice = ''): SafeHtml {
  return renderPage(
    <Layout title="Your subscriptions" siteName={siteName} user={user}>
      <h1>Your subscriptions</h1>
      {notice ? <p role="status">{notice}</p> : null}
      {views.length === 0 ? (
        <p>
          You follow nothing yet. Follow a dataset, an organization or a search through the API (<code>POST /api/v1/subscriptions</code>).
        </p>
      ) : null}
      {views.map((v) => (
        <article class="card" key={v.subscription.id}>
          <p>
            You follow <Followed v={v} />: {[v.subscription.email ? 'email digest' : '', v.subscription.webhookUrl ? `webhook to ${v.subscription.webhookUrl}` : ''].filter(Boolean).join(' and ')}.
          </p>
          <form method="post" action={`/account/subscriptions/${v.subscription.id}/delete`}>
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit">Stop this subscription</button>
          </form>
        </article>
      ))}
    </Layout>,
  );
}
