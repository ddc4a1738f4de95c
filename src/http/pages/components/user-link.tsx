import type { ComponentChildren } from 'preact';

/** What every link people post carries: search engines give it no weight, and the page opened cannot reach back to ours. */
export const USER_LINK_REL = 'nofollow ugc noopener';

/** The address as a web address to link to, or undefined when it is not plain http or https. */
export function webAddress(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

/**
 * A link someone posted (a showcase's address, a web address in a comment):
 * `rel="nofollow ugc noopener"`, and only for http and https addresses;
 * anything else (`javascript:`, `data:`…) is shown as text, never linked.
 */
export function UserLink({ href, children }: { href: string; children?: ComponentChildren }) {
  const url = webAddress(href);
  if (!url) return <span>{children ?? href}</span>;
  return (
    <a href={url} rel={USER_LINK_REL}>
      {children ?? href}
    </a>
  );
}

/** Web addresses in text people wrote: http(s)://… up to a space, without a closing mark of punctuation. */
const ADDRESS = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]}'’”]/gi;

/** Text people wrote, shown as text, with its web addresses as user links. */
export function UserText({ text }: { text: string }) {
  const parts: ComponentChildren[] = [];
  let last = 0;
  for (const m of text.matchAll(ADDRESS)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(<UserLink href={m[0]} />);
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
