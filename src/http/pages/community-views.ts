import type { SubscriptionView } from '../../actions/notify/subscriptions.ts';
import type { DatasetSummary } from '../../actions/catalog/read-datasets.ts';
import type { Organization } from '../../domain/catalog/types.ts';
import { html, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';

/** An organization (department): what it is and the datasets the reader may see. */
export function organizationPage(siteName: string, org: Organization, list: { total: number; results: DatasetSummary[] }): SafeHtml {
  const body = html`<h1>${org.name}</h1>
${org.description ? html`<p>${org.description}</p>` : ''}
<p class="meta">${list.total.toLocaleString('en-US')} published datasets · <a href="/feeds/organizations/${org.slug}.atom">Atom feed of its changes</a></p>
${list.results.map(
  ({ dataset, freshness }) => html`<article class="card">
  <h2><a href="/datasets/${dataset.slug}">${dataset.title}</a></h2>
  <p class="meta">${dataset.themes.join(', ')}${freshness.overdue ? html` <span class="badge">update overdue</span>` : ''}</p>
  ${dataset.description ? html`<p>${dataset.description}</p>` : ''}
</article>`,
)}`;
  return layout({ title: org.name, siteName, body });
}

const followed = (v: SubscriptionView): SafeHtml => {
  const s = v.subscription;
  if (s.target === 'dataset') return v.dataset ? html`the dataset <a href="/datasets/${v.dataset.slug}">${v.dataset.title}</a>` : html`a dataset that is gone or no longer visible`;
  if (s.target === 'organization') return v.organization ? html`everything from <a href="/organizations/${v.organization.slug}">${v.organization.name}</a>` : html`an organization that is gone`;
  return html`datasets matching the search <a href="/datasets?${s.targetId}"><code>${s.targetId}</code></a>`;
};

/** The signed-in person's subscriptions, each with a button to stop it (the link in every digest leads here). */
export function subscriptionsPage(siteName: string, views: SubscriptionView[], csrf: string, notice = ''): SafeHtml {
  const body = html`<h1>Your subscriptions</h1>
${notice ? html`<p role="status">${notice}</p>` : ''}
${views.length === 0 ? html`<p>You follow nothing yet. Follow a dataset, an organization or a search through the API (<code>POST /api/v1/subscriptions</code>).</p>` : ''}
${views.map(
  (v) => html`<article class="card">
  <p>You follow ${followed(v)}: ${v.subscription.email ? 'email digest' : ''}${v.subscription.email && v.subscription.webhookUrl ? ' and ' : ''}${v.subscription.webhookUrl ? html`webhook to <code>${v.subscription.webhookUrl}</code>` : ''}.</p>
  <form method="post" action="/account/subscriptions/${v.subscription.id}/delete">
    <input type="hidden" name="_csrf" value="${csrf}">
    <button type="submit">Stop this subscription</button>
  </form>
</article>`,
)}`;
  return layout({ title: 'Your subscriptions', siteName, body });
}
