/** One thing that happened, as the digest tells it. */
export interface DigestItem {
  /** When it happened, as an ISO 8601 date and time. */
  at: string;
  actorName: string;
  /** What the actor did, e.g. "published the dataset". */
  summary: string;
  /** The dataset, comment or other thing it happened to. */
  subjectTitle: string;
  subjectUrl: string;
  /** The subscription that matched, e.g. "Dataset: Street trees". */
  context?: string;
}

export interface DigestInput {
  siteName: string;
  recipientName: string;
  period: 'daily' | 'weekly';
  items: DigestItem[];
  /** Where the recipient manages their subscriptions or unsubscribes. */
  manageUrl: string;
}

export interface DigestEmail {
  subject: string;
  text: string;
  html: string;
}

interface Group {
  title: string;
  url: string;
  items: DigestItem[];
  contexts: string[];
}

const time = (iso: string): number => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
};

/** `2025-03-04 09:15 UTC`: the same for every reader, whatever their time zone. */
const when = (iso: string): string => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

/** One line of text: no line breaks or runs of spaces from titles and names. */
const line = (s: string): string => s.replace(/\s+/g, ' ').trim();

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string): string => line(s).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** Only web links become anchors; anything else is shown as text. */
const isWebUrl = (url: string): boolean => /^https?:\/\//i.test(url);

/** Items by the thing they happened to, newest thing first, newest item first within each. */
function groupItems(items: DigestItem[]): Group[] {
  const sorted = [...items].sort((a, b) => time(b.at) - time(a.at));
  const groups = new Map<string, Group>();
  for (const item of sorted) {
    const key = item.subjectUrl || item.subjectTitle;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { title: item.subjectTitle, url: item.subjectUrl, items: [], contexts: [] }));
    group.items.push(item);
    if (item.context && !group.contexts.includes(item.context)) group.contexts.push(item.context);
  }
  return [...groups.values()];
}

/**
 * The email telling a subscriber what happened on the site during the day or
 * week, as plain text and as HTML with every value escaped. It says why the
 * recipient receives it and where to manage or stop it.
 */
export function composeDigest(input: DigestInput): DigestEmail {
  const groups = groupItems(input.items);
  const n = input.items.length;
  const span = input.period === 'daily' ? 'today' : 'this week';
  const count = `${n} ${n === 1 ? 'update' : 'updates'}`;
  const subject = line(`${input.siteName}: ${count} ${span}`);
  const intro = n === 0 ? `Nothing new happened on ${line(input.siteName)} ${span}.` : `Here is what happened on ${line(input.siteName)} ${span}:`;
  const why = `You receive this ${input.period} digest because you follow these datasets and discussions on ${line(input.siteName)}.`;
  const manage = 'Manage your subscriptions or unsubscribe:';

  const text = [
    `Hello ${line(input.recipientName)},`,
    '',
    intro,
    ...groups.flatMap((g) => [
      '',
      line(g.title),
      g.url,
      ...g.items.map((i) => `  - ${when(i.at)}: ${line(i.actorName)} ${line(i.summary)}`),
      ...(g.contexts.length ? [`  (You follow ${g.contexts.map(line).join('; ')})`] : []),
    ]),
    '',
    '-- ',
    why,
    `${manage} ${input.manageUrl}`,
    '',
  ].join('\n');

  const link = (url: string, label: string): string => (isWebUrl(url) ? `<a href="${esc(url)}">${esc(label)}</a>` : esc(label));
  const html = [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${esc(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.4; color: #222;">',
    `<p>Hello ${esc(input.recipientName)},</p>`,
    `<p>${esc(intro)}</p>`,
    ...groups.map((g) =>
      [
        `<h2 style="font-size: 1.1em; margin-bottom: 0.2em;">${link(g.url, g.title)}</h2>`,
        '<ul>',
        ...g.items.map((i) => `<li><time datetime="${esc(i.at)}">${esc(when(i.at))}</time>: ${esc(i.actorName)} ${esc(i.summary)}</li>`),
        '</ul>',
        ...(g.contexts.length ? [`<p style="color: #666; font-size: 0.9em;">You follow ${g.contexts.map(esc).join('; ')}</p>`] : []),
      ].join('\n'),
    ),
    '<hr>',
    `<p style="color: #666; font-size: 0.9em;">${esc(why)}<br>${esc(manage)} ${link(input.manageUrl, input.manageUrl)}</p>`,
    '</body></html>',
    '',
  ].join('\n');

  return { subject, text, html };
}
