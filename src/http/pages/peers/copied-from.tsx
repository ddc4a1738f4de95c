import { useT } from '../components/page-context.ts';

/** "Copied from <peer>" (or "a peer city" when the peer is no longer listed) and the link to the original, on a copy's page; nothing for items made here. */
export function CopiedFrom({ url, peer }: { url: string | null | undefined; peer?: string | null | undefined }) {
  const t = useT();
  if (!url || !/^https?:\/\//i.test(url)) return null;
  const [before, after] = (peer ? t.t('peers.copiedFromNamed', { name: peer, link: '\u0000' }) : t.t('peers.copiedFrom', { link: '\u0000' })).split('\u0000');
  return (
    <p class="copied-from">
      {before}
      <a href={url} rel="noopener nofollow">
        {url}
      </a>
      {after}
    </p>
  );
}
