import type { DatasetSummary } from '../../actions/catalog/read-datasets.ts';
import type { SubscriptionView } from '../../actions/notify/subscriptions.ts';
import type { Organization } from '../../domain/catalog/types.ts';
import { Layout } from './components/Layout.tsx';
import { useT, type PageContext } from './components/page-context.ts';
import { renderPage } from './components/render.tsx';
import { vocab } from './components/vocab.ts';
import type { SafeHtml } from './html.ts';
import { richText } from './rich.tsx';

function OrganizationBody({ org, list }: { org: Organization; list: { total: number; results: DatasetSummary[] } }) {
  const t = useT();
  return (
    <>
      <h1>{org.name}</h1>
      {org.description ? <p>{org.description}</p> : null}
      <p class="meta">
        {t.t('community.published', { count: list.total })} · <a href={`/datasets?organization=${encodeURIComponent(org.slug)}`}>{t.t('community.searchThem')}</a> ·{' '}
        <a href={`/feeds/organizations/${org.slug}.atom`}>{t.t('community.feed')}</a>
      </p>
      {list.results.map(({ dataset, freshness }) => (
        <article class="card" key={dataset.id}>
          <h2>
            <a href={`/datasets/${dataset.slug}`}>{dataset.title}</a>
          </h2>
          <p class="meta">
            {dataset.themes.map((theme) => vocab(t, 'theme', theme)).join(', ')} {freshness.overdue ? <span class="badge warn">{t.t('catalog.overdue')}</span> : null}
          </p>
          {dataset.description ? <p>{dataset.description}</p> : null}
        </article>
      ))}
    </>
  );
}

/** An organization (department): what it is and the datasets the reader may see. */
export function organizationPage(pc: PageContext, org: Organization, list: { total: number; results: DatasetSummary[] }): SafeHtml {
  return renderPage(
    <Layout title={org.name}>
      <OrganizationBody org={org} list={list} />
    </Layout>,
    pc,
  );
}

/** What a subscription follows, as the end of "You follow …". */
function Followed({ v }: { v: SubscriptionView }) {
  const t = useT();
  const s = v.subscription;
  if (s.target === 'dataset') {
    return v.dataset ? <>{richText(t, 'community.followDataset', {}, { dataset: <a href={`/datasets/${v.dataset.slug}`}>{v.dataset.title}</a> })}</> : <>{t.t('community.followDatasetGone')}</>;
  }
  if (s.target === 'organization') {
    return v.organization ? (
      <>{richText(t, 'community.followOrganization', {}, { organization: <a href={`/organizations/${v.organization.slug}`}>{v.organization.name}</a> })}</>
    ) : (
      <>{t.t('community.followOrganizationGone')}</>
    );
  }
  return (
    <>
      {richText(
        t,
        'community.followSearch',
        {},
        {
          search: (
            <a href={`/datasets?${s.targetId}`}>
              <code>{s.targetId}</code>
            </a>
          ),
        },
      )}
    </>
  );
}

/** How a subscription tells its follower: by email, by webhook, or both. */
const channelOf = (v: SubscriptionView): string => {
  const s = v.subscription;
  return s.email && s.webhookUrl ? 'both' : s.webhookUrl ? 'webhook' : s.email ? 'email' : 'none';
};

function Subscriptions({ views, csrf, notice }: { views: SubscriptionView[]; csrf: string; notice: string }) {
  const t = useT();
  return (
    <>
      <h1>{t.t('community.subscriptions')}</h1>
      {notice ? <p role="status">{notice}</p> : null}
      {views.length === 0 ? <p>{richText(t, 'community.noSubscriptions', {}, { api: <code>POST /api/v1/subscriptions</code> })}</p> : null}
      {views.map((v) => (
        <article class="card" key={v.subscription.id}>
          <p>{richText(t, 'community.follows', { channel: channelOf(v), url: v.subscription.webhookUrl ?? '' }, { what: <Followed v={v} /> })}</p>
          <form method="post" action={`/account/subscriptions/${v.subscription.id}/delete`}>
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit">{t.t('community.stop')}</button>
          </form>
        </article>
      ))}
    </>
  );
}

/** The signed-in person's subscriptions, each with a button to stop it (the link in every digest leads here). */
export function subscriptionsPage(pc: PageContext, views: SubscriptionView[], csrf: string, notice = ''): SafeHtml {
  return renderPage(
    <Layout title={pc.t.t('community.subscriptions')}>
      <Subscriptions views={views} csrf={csrf} notice={notice} />
    </Layout>,
    pc,
  );
}
