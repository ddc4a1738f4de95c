import type { PeerPage } from '../../../actions/peers/browse-peer.ts';
import type { HarvestSource } from '../../../domain/harvest/types.ts';
import { maskUrl } from '../../../domain/net/mask-url.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { PEER_STYLE, PeerResults } from './results.tsx';

/** `/peers`: the portals this city lists as peers. */
export function peersPage(pc: PageContext, peers: HarvestSource[]): SafeHtml {
  const t = pc.t;
  return renderPage(
    <Layout title={t.t('peers.title')} description={t.t('peers.intro')} styles={PEER_STYLE}>
      <h1>{t.t('peers.title')}</h1>
      <p>{t.t('peers.intro')}</p>
      {peers.length ? (
        <ul class="peer-list">
          {peers.map((s) => (
            <li key={s.id}>
              <a href={`/peers/${encodeURIComponent(s.id)}`}>{s.name}</a> <span class="peer-city">{t.t(`peers.kind.${s.kind}`)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.t('peers.none')}</p>
      )}
      {peers.length ? (
        <p>
          <a href="/search?peers=1">{t.t('peers.searchAll')}</a>
        </p>
      ) : null}
    </Layout>,
    pc,
  );
}

export interface PeerPageState {
  csrf: string | undefined;
  mayCopyShowcase: boolean;
  mayCopyBlueprint: boolean;
  mayBring: boolean;
  /** A copy that failed, in words. */
  error?: string | undefined;
}

function CopyForm({ action, csrf, label }: { action: string; csrf: string; label: string }) {
  return (
    <form method="post" action={action} class="peer-copy">
      <input type="hidden" name="_csrf" value={csrf} />
      <button type="submit" class="usa-button usa-button--outline">
        {label}
      </button>
    </form>
  );
}

function Unavailable({ message }: { message: string }) {
  const t = useT();
  return (
    <div class="usa-alert usa-alert--warning" role="status">
      <p>
        {t.t('peers.partMissing')} <span class="peer-reason">({message})</span>
      </p>
    </div>
  );
}

/** `/peers/{id}`: a peer, its showcases and its projects' blueprints, each with a form to copy it here. */
export function peerPage(pc: PageContext, d: PeerPage, s: PeerPageState): SafeHtml {
  const t = pc.t;
  const p = d.peer;
  const base = `/peers/${encodeURIComponent(p.id)}`;
  return renderPage(
    <Layout title={p.name} description={t.t('peers.peerIntro', { name: p.name })} styles={PEER_STYLE}>
      <p>
        <a href="/peers">{t.t('peers.title')}</a>
      </p>
      <h1>{p.name}</h1>
      {s.error ? (
        <div class="usa-alert usa-alert--error" role="alert">
          <p>{s.error}</p>
        </div>
      ) : null}
      <p>
        {t.t(`peers.kind.${p.kind}`)} ·{' '}
        <a href={maskUrl(p.url)} rel="noopener nofollow">
          {t.t('peers.visitPeer', { name: p.name })}
        </a>
      </p>
      <form method="get" action="/search" class="usa-form" role="search">
        <input type="hidden" name="peers" value="1" />
        <label class="usa-label" for="peer-q">
          {t.t('peers.searchLabel')}
        </label>
        <input class="usa-input" id="peer-q" name="q" type="search" maxLength={500} />
        <button type="submit" class="usa-button">
          {t.t('peers.searchButton')}
        </button>
      </form>
      <section aria-labelledby="peer-datasets">
        <h2 id="peer-datasets">{t.t('peers.datasetsHeading')}</h2>
        {d.datasets.ok ? <PeerResults a={d.datasets.value} csrf={s.csrf} mayBring={s.mayBring} heading={false} /> : <Unavailable message={d.datasets.message} />}
      </section>
      {d.showcases === null || d.projects === null ? <p class="usa-alert usa-alert--info">{t.t('peers.notPlaza', { name: p.name, kind: t.t(`peers.kind.${p.kind}`) })}</p> : null}
      {d.showcases ? (
        <section aria-labelledby="peer-showcases">
          <h2 id="peer-showcases">{t.t('peers.showcasesHeading')}</h2>
          {!d.showcases.ok ? (
            <Unavailable message={d.showcases.message} />
          ) : d.showcases.value.length ? (
            <ul class="peer-list">
              {d.showcases.value.map((x) => (
                <li key={x.id}>
                  <a href={x.pageUrl} rel="noopener nofollow">
                    {x.title}
                  </a>{' '}
                  <span class="peer-city">{t.t('peers.madeBy', { name: x.madeBy })}</span>
                  <p class="peer-description">{x.description.slice(0, 300)}</p>
                  {s.csrf && s.mayCopyShowcase ? <CopyForm action={`${base}/showcases/${encodeURIComponent(x.id)}/copy`} csrf={s.csrf} label={t.t('peers.copyShowcase', { title: x.title })} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t.t('peers.noShowcases')}</p>
          )}
        </section>
      ) : null}
      {d.projects ? (
        <section aria-labelledby="peer-projects">
          <h2 id="peer-projects">{t.t('peers.projectsHeading')}</h2>
          {!d.projects.ok ? (
            <Unavailable message={d.projects.message} />
          ) : d.projects.value.length ? (
            <ul class="peer-list">
              {d.projects.value.map((x) => (
                <li key={x.id}>
                  <a href={x.pageUrl} rel="noopener nofollow">
                    {x.title}
                  </a>{' '}
                  <span class="peer-city">{x.launched ? t.t('peers.launched') : t.t('peers.inProgress')}</span>
                  <p class="peer-description">{x.summary.slice(0, 300)}</p>
                  {s.csrf && s.mayCopyBlueprint ? <CopyForm action={`${base}/projects/${encodeURIComponent(x.slug)}/copy`} csrf={s.csrf} label={t.t('peers.copyBlueprint', { title: x.title })} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t.t('peers.noProjects')}</p>
          )}
        </section>
      ) : null}
    </Layout>,
    pc,
  );
}
