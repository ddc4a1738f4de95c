import type { CommunityOverview } from '../../../actions/community/overview.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { statusLabel } from '../problems/labels.ts';
import { requestPath, requestStatusLabel } from '../requests/labels.ts';

const STYLE = `.community-areas{display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1rem;list-style:none;padding:0}
.community-areas>li{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem 1.25rem}.community-areas h2{margin:0 0 .25rem;font-size:1.25rem}
.program-areas{list-style:none;padding:0}.program-areas li{margin:.5rem 0}
.community-areas ol{padding-left:1.25rem}.community-areas li li{margin:.3rem 0}.community-areas .actions{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:.5rem 0 0}`;

/** One area of the community: what it is for, how many, its first few items, and where to go. */
function Area({ id, title, lead, count, items, empty, actions }: { id: string; title: string; lead: string; count: string; items: Array<{ href: string; title: string; meta: string }>; empty: string; actions: Array<{ href: string; text: string }> }) {
  return (
    <li>
      <section aria-labelledby={id}>
        <h2 id={id}>{title}</h2>
        <p>{lead}</p>
        <p class="meta">{count}</p>
        {items.length ? (
          <ol>
            {items.map((x) => (
              <li key={x.href}>
                <a href={x.href}>{x.title}</a> <span class="meta">{x.meta}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p>{empty}</p>
        )}
        <p class="actions">
          {actions.map((a) => (
            <a key={a.href} href={a.href}>
              {a.text}
            </a>
          ))}
        </p>
      </section>
    </li>
  );
}

/** The open data program's pages: how the city works with residents and partners around the data. */
const PROGRAM = ['events', 'champions', 'ecosystem', 'projects', 'program'] as const;

function Program() {
  const t = useT();
  return (
    <section aria-labelledby="hub-program">
      <h2 id="hub-program">{t.t('community.hub.programTitle')}</h2>
      <p>{t.t('community.hub.programLead')}</p>
      <ul class="program-areas">
        {PROGRAM.map((x) => (
          <li key={x}>
            <a href={`/${x}`}>{t.t(`community.hub.program.${x}`)}</a>: {t.t(`community.hub.program.${x}Lead`)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Hub({ o }: { o: CommunityOverview }) {
  const t = useT();
  return (
    <>
      <h1>{t.t('community.hub.title')}</h1>
      <p class="usa-intro">{t.t('community.hub.lead')}</p>
      <ul class="community-areas">
        <Area
          id="hub-problems"
          title={t.t('community.hub.problems')}
          lead={t.t('community.hub.problemsLead')}
          count={t.t('community.hub.openProblems', { count: o.problems.open })}
          items={o.problems.top.map((x) => ({ href: `/problems/${encodeURIComponent(x.id)}`, title: x.title, meta: t.t('home.problemMeta', { votes: x.votes, status: statusLabel(t, x.status) }) }))}
          empty={t.t('home.problemsEmpty')}
          actions={[
            { href: '/problems', text: t.t('community.hub.allProblems') },
            { href: '/problems/new', text: t.t('community.hub.postProblem') },
          ]}
        />
        <Area
          id="hub-requests"
          title={t.t('community.hub.requests')}
          lead={t.t('community.hub.requestsLead')}
          count={t.t('community.hub.openRequests', { count: o.requests.open })}
          items={o.requests.newest.map((x) => ({ href: requestPath(x.id), title: x.title, meta: t.t('community.hub.requestMeta', { votes: x.votes, status: requestStatusLabel(t, x.status) }) }))}
          empty={t.t('community.hub.requestsEmpty')}
          actions={[
            { href: '/requests', text: t.t('community.hub.allRequests') },
            { href: '/requests/new', text: t.t('community.hub.askForData') },
          ]}
        />
        <Area
          id="hub-showcases"
          title={t.t('community.hub.showcases')}
          lead={t.t('community.hub.showcasesLead')}
          count={t.t('community.hub.shownShowcases', { count: o.showcases.shown })}
          items={o.showcases.latest.map((x) => ({ href: `/showcases/${encodeURIComponent(x.id)}`, title: x.title, meta: t.t('community.hub.showcaseMeta', { kind: t.t(`showcases.kind.${x.kind}`), name: x.madeBy }) }))}
          empty={t.t('community.hub.showcasesEmpty')}
          actions={[
            { href: '/showcases', text: t.t('community.hub.allShowcases') },
            { href: '/showcases/new', text: t.t('community.hub.shareShowcase') },
          ]}
        />
      </ul>
      <Program />
    </>
  );
}

/** `/community`: where residents, community groups and the city meet around the data, each area with its first few items. */
export function communityPage(pc: PageContext, o: CommunityOverview): SafeHtml {
  return renderPage(
    <Layout title={pc.t.t('community.hub.title')} description={pc.t.t('community.hub.lead')} styles={STYLE}>
      <Hub o={o} />
    </Layout>,
    pc,
  );
}
