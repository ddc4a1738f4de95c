import type { PeerAnswer, PeerMissing } from '../../../domain/peers/types.ts';
import { useT } from '../components/page-context.ts';

/** The slug of a Plaza peer's dataset, from its page's address. */
export const slugAt = (url: string): string | null => /\/datasets\/([^/?#]+)$/.exec(new URL(url).pathname)?.[1] ?? null;

/** One peer's results, with links out; a site administrator may bring a Plaza peer's dataset in. */
export function PeerResults({ a, csrf, mayBring, heading = true }: { a: PeerAnswer; csrf: string | undefined; mayBring: boolean; heading?: boolean }) {
  const t = useT();
  const id = `peer-${a.peer.id}`;
  return (
    <section class="peer-results" aria-labelledby={heading ? id : 'peer-datasets'}>
      {heading ? <h3 id={id}>{a.peer.name}</h3> : null}
      <p class="peer-count">{t.t('peers.found', { count: a.total })}</p>
      {a.results.length ? (
        <ul class="peer-list">
          {a.results.map((r) => {
            const slug = a.peer.kind === 'plaza' ? slugAt(r.url) : null;
            return (
              <li key={r.url}>
                <a href={r.url} rel="noopener nofollow">
                  {r.title}
                </a>{' '}
                <span class="peer-city">{t.t('peers.atPeer', { name: a.peer.name })}</span>
                {r.description ? <p class="peer-description">{r.description}</p> : null}
                {mayBring && csrf && slug ? (
                  <form method="post" action={`/peers/${encodeURIComponent(a.peer.id)}/datasets`} class="peer-copy">
                    <input type="hidden" name="_csrf" value={csrf} />
                    <input type="hidden" name="slug" value={decodeURIComponent(slug)} />
                    <button type="submit" class="usa-button usa-button--outline">{t.t('peers.bringIn', { title: r.title })}</button>
                  </form>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p>{t.t('peers.nothingFound')}</p>
      )}
    </section>
  );
}

/** The peers that did not answer, and why. */
export function MissingPeers({ missing }: { missing: PeerMissing[] }) {
  const t = useT();
  if (!missing.length) return null;
  return (
    <div class="usa-alert usa-alert--warning" role="status">
      <p>{t.t('peers.missingIntro')}</p>
      <ul>
        {missing.map((m) => (
          <li key={m.peer.id}>
            <strong>{m.peer.name}</strong>: {t.t(`peers.missing.${m.reason}`)} <span class="peer-reason">({m.message})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const PEER_STYLE = `.peer-list{list-style:none;padding:0}.peer-list li{margin:.75rem 0;overflow-wrap:anywhere}.peer-description{margin:.25rem 0;color:#3d4551;max-width:44rem}.peer-city{font-size:.9rem;color:#3d4551}
.peer-copy{margin:.25rem 0}.peer-reason{overflow-wrap:anywhere}.peer-grid{display:grid;gap:1.5rem}@media (min-width:64em){.peer-grid{grid-template-columns:repeat(2,minmax(0,1fr))}}`;
