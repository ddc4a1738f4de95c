import type { FederatedSearch } from '../../../actions/peers/federated-search.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { MissingPeers, PEER_STYLE, PeerResults } from '../peers/results.tsx';

export interface SearchState {
  q: string;
  peers: boolean;
  /** How many peers the site lists. */
  peerCount: number;
  csrf: string | undefined;
  mayBring: boolean;
}

/** `/search`: this city's results and, with peers=1, each peer's beside them. */
export function searchPage(pc: PageContext, s: SearchState, r: FederatedSearch): SafeHtml {
  const t = pc.t;
  const here = pc.site.name;
  return renderPage(
    <Layout title={t.t('peers.searchTitle')} description={t.t('peers.searchIntro')} styles={PEER_STYLE}>
      <SearchBody s={s} r={r} here={here} />
    </Layout>,
    pc,
  );
}

function SearchBody({ s, r, here }: { s: SearchState; r: FederatedSearch; here: string }) {
  const t = useT();
  const withPeers = `/search?${new URLSearchParams({ q: s.q, peers: '1' }).toString()}`;
  return (
    <>
      <h1>{t.t('peers.searchTitle')}</h1>
      <p>{t.t('peers.searchIntro')}</p>
      <form method="get" action="/search" class="usa-form" role="search">
        <label class="usa-label" for="search-q">
          {t.t('peers.searchLabel')}
        </label>
        <input class="usa-input" id="search-q" name="q" type="search" value={s.q} maxLength={500} />
        {s.peerCount ? (
          <div class="check">
            <input id="search-peers" type="checkbox" name="peers" value="1" checked={s.peers} />
            <label for="search-peers">
              {t.t('peers.includePeers', { count: s.peerCount })}
            </label>
          </div>
        ) : null}
        <button type="submit" class="usa-button">
          {t.t('peers.searchButton')}
        </button>
      </form>
      <div class="peer-grid">
        <section aria-labelledby="here">
          <h2 id="here">{t.t('peers.hereHeading', { name: here })}</h2>
          <p class="peer-count">{t.t('peers.found', { count: r.local.total })}</p>
          <ul class="peer-list">
            {r.local.results.map(({ dataset: d }) => (
              <li key={d.id}>
                <a href={`/datasets/${encodeURIComponent(d.slug)}`}>{d.title}</a>
                {d.description ? <p class="peer-description">{d.description.slice(0, 300)}</p> : null}
              </li>
            ))}
          </ul>
        </section>
        {s.peers ? (
          <section aria-labelledby="peers-heading">
            <h2 id="peers-heading">{t.t('peers.peersHeading')}</h2>
            <MissingPeers missing={r.missing} />
            {r.peers.map((a) => (
              <PeerResults key={a.peer.id} a={a} csrf={s.csrf} mayBring={s.mayBring} />
            ))}
            {!r.peers.length && !r.missing.length ? <p>{t.t('peers.noPeers')}</p> : null}
          </section>
        ) : s.peerCount ? (
          <p>
            <a href={withPeers}>{t.t('peers.searchPeersToo', { count: s.peerCount })}</a>
          </p>
        ) : null}
      </div>
      <p>
        <a href="/peers">{t.t('peers.listLink')}</a>
      </p>
    </>
  );
}
