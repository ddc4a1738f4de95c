/** One item of an Atom feed, such as a new version of a dataset. */
export interface AtomEntry {
  /** A permanent, unique IRI for the entry, e.g. `tag:plaza.example.gov,2025:version/123`. */
  id: string;
  title: string;
  /** When the entry last changed, as an ISO 8601 date and time. */
  updated: string;
  /** The page the entry is about. */
  url: string;
  authorName: string;
  /** A short plain-text description. */
  summary: string;
  /** Category terms, such as the dataset's tags. */
  categories?: string[];
}

/** An Atom 1.0 feed (RFC 4287). */
export interface AtomFeed {
  /** A permanent, unique IRI for the feed. */
  id: string;
  title: string;
  subtitle?: string;
  /** When the feed last changed, as an ISO 8601 date and time. */
  updated: string;
  /** The feed's own URL. */
  selfUrl: string;
  /** The web page the feed follows. */
  alternateUrl: string;
  /** Who publishes the feed, usually the site's name. */
  authorName: string;
  entries: AtomEntry[];
}

/**
 * Characters XML 1.0 does not allow anywhere, even escaped: control characters
 * other than tab, newline and carriage return, lone surrogates, U+FFFE and U+FFFF.
 */
const ILLEGAL_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text made safe for XML content and attribute values. */
export function escapeXml(value: string): string {
  return value.replace(ILLEGAL_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** An ISO date and time in the RFC 3339 form Atom requires; throws on a date that does not parse. */
function atomDate(value: string, what: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new Error(`The ${what} date "${value}" is not a valid date`);
  return new Date(time).toISOString();
}

const text = (tag: string, value: string, indent: string): string => `${indent}<${tag}>${escapeXml(value)}</${tag}>`;

const link = (rel: string, href: string, indent: string, type?: string): string =>
  `${indent}<link rel="${rel}"${type ? ` type="${type}"` : ''} href="${escapeXml(href)}"/>`;

function renderEntry(entry: AtomEntry): string {
  const i = '    ';
  const lines = [
    '  <entry>',
    text('id', entry.id, i),
    `${i}<title type="text">${escapeXml(entry.title)}</title>`,
    `${i}<updated>${atomDate(entry.updated, `entry "${entry.id}"`)}</updated>`,
    link('alternate', entry.url, i, 'text/html'),
    `${i}<author>`,
    text('name', entry.authorName, `${i}  `),
    `${i}</author>`,
    `${i}<summary type="text">${escapeXml(entry.summary)}</summary>`,
    ...(entry.categories ?? []).filter((term) => term.trim() !== '').map((term) => `${i}<category term="${escapeXml(term)}"/>`),
    '  </entry>',
  ];
  return lines.join('\n');
}

/** The feed as an Atom 1.0 XML document, UTF-8, entries in the order given. */
export function renderAtomFeed(feed: AtomFeed): string {
  const i = '  ';
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    text('id', feed.id, i),
    `${i}<title type="text">${escapeXml(feed.title)}</title>`,
    ...(feed.subtitle ? [`${i}<subtitle type="text">${escapeXml(feed.subtitle)}</subtitle>`] : []),
    `${i}<updated>${atomDate(feed.updated, 'feed')}</updated>`,
    link('self', feed.selfUrl, i, 'application/atom+xml'),
    link('alternate', feed.alternateUrl, i, 'text/html'),
    `${i}<author>`,
    text('name', feed.authorName, `${i}  `),
    `${i}</author>`,
    `${i}<generator>Plaza</generator>`,
    ...feed.entries.map(renderEntry),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}
