import type { SubscriptionView } from '../../../actions/notify/subscriptions.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { richText } from '../rich.tsx';

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
  if (s.target === 'problem' || s.target === 'request' || s.target === 'event') {
    return v.item ? <>{richText(t, 'community.followItem', { kind: s.target }, { item: <a href={v.item.path}>{v.item.title}</a> })}</> : <>{t.t('community.followItemGone', { kind: s.target })}</>;
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
            <button type="submit" class="usa-button">{t.t('community.stop')}</button>
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
