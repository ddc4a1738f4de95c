import { describe, expect, it } from 'vitest';
import { escapeXml, renderAtomFeed, type AtomFeed } from '../../src/domain/notify/atom.ts';
import { child, childrenNamed, parseXml } from './xml.ts';

const HOSTILE = `<script>alert("x")</script> & 'quotes' ]]> <![CDATA[`;

const feed = (over: Partial<AtomFeed> = {}): AtomFeed => ({
  id: 'tag:data.city.gov,2025:feed/datasets',
  title: 'City of Springfield — open data',
  subtitle: 'New and updated datasets',
  updated: '2025-03-04T10:15:00Z',
  selfUrl: 'https://data.city.gov/feeds/datasets.atom?tag=a&b=1',
  alternateUrl: 'https://data.city.gov/datasets',
  authorName: 'City of Springfield',
  entries: [
    {
      id: 'tag:data.city.gov,2025:version/42',
      title: 'Street trees: version 3',
      updated: '2025-03-04T10:15:00.000+01:00',
      url: 'https://data.city.gov/datasets/street-trees?v=3&x=1',
      authorName: 'Parks Department',
      summary: '41,203 rows; 2 columns added.',
      categories: ['environment', 'trees & parks', ' '],
    },
    { id: 'tag:data.city.gov,2025:version/41', title: 'Budget 2025', updated: '2025-03-01', url: 'https://data.city.gov/datasets/budget', authorName: 'Finance', summary: 'First version.' },
  ],
  ...over,
});

describe('Atom feeds', () => {
  it('is a well-formed Atom 1.0 document with the required elements', () => {
    const xml = renderAtomFeed(feed());
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    const root = parseXml(xml);
    expect(root.name).toBe('feed');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(child(root, 'id').text).toBe('tag:data.city.gov,2025:feed/datasets');
    expect(child(root, 'title').text).toBe('City of Springfield — open data');
    expect(child(root, 'subtitle').text).toBe('New and updated datasets');
    expect(child(root, 'updated').text).toBe('2025-03-04T10:15:00.000Z');
    expect(child(child(root, 'author'), 'name').text).toBe('City of Springfield');
    const links = childrenNamed(root, 'link').map((l) => l.attrs);
    expect(links).toEqual([
      { rel: 'self', type: 'application/atom+xml', href: 'https://data.city.gov/feeds/datasets.atom?tag=a&b=1' },
      { rel: 'alternate', type: 'text/html', href: 'https://data.city.gov/datasets' },
    ]);
  });

  it('writes each entry with id, title, RFC 3339 updated, link, author, text summary and categories', () => {
    const entries = childrenNamed(parseXml(renderAtomFeed(feed())), 'entry');
    expect(entries).toHaveLength(2);
    const first = entries[0]!;
    const second = entries[1]!;
    expect(child(first, 'id').text).toBe('tag:data.city.gov,2025:version/42');
    expect(child(first, 'title').text).toBe('Street trees: version 3');
    expect(child(first, 'updated').text).toBe('2025-03-04T09:15:00.000Z');
    expect(child(first, 'link').attrs).toEqual({ rel: 'alternate', type: 'text/html', href: 'https://data.city.gov/datasets/street-trees?v=3&x=1' });
    expect(child(child(first, 'author'), 'name').text).toBe('Parks Department');
    expect(child(first, 'summary').attrs.type).toBe('text');
    expect(child(first, 'summary').text).toBe('41,203 rows; 2 columns added.');
    expect(childrenNamed(first, 'category').map((c) => c.attrs.term)).toEqual(['environment', 'trees & parks']);
    expect(child(second, 'updated').text).toBe('2025-03-01T00:00:00.000Z');
    expect(childrenNamed(second, 'category')).toHaveLength(0);
  });

  it('escapes hostile text everywhere and keeps it intact once parsed', () => {
    const xml = renderAtomFeed(
      feed({
        title: HOSTILE,
        authorName: HOSTILE,
        entries: [{ id: `urn:x:${HOSTILE}`, title: HOSTILE, updated: '2025-01-01T00:00:00Z', url: `https://x.test/?q="><script>`, authorName: HOSTILE, summary: HOSTILE, categories: [HOSTILE] }],
      }),
    );
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<![CDATA[');
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;quotes&apos; ]]&gt;');
    const root = parseXml(xml);
    const entry = child(root, 'entry');
    expect(child(root, 'title').text).toBe(HOSTILE);
    expect(child(entry, 'title').text).toBe(HOSTILE);
    expect(child(entry, 'id').text).toBe(`urn:x:${HOSTILE}`);
    expect(child(entry, 'summary').text).toBe(HOSTILE);
    expect(child(entry, 'link').attrs.href).toBe('https://x.test/?q="><script>');
    expect(child(entry, 'category').attrs.term).toBe(HOSTILE);
  });

  it('strips characters XML 1.0 forbids but keeps tabs, line breaks and astral characters', () => {
    expect(escapeXml('a\u0000b\u0007c\u000Bd\u001Fe\uFFFEf\uFFFF')).toBe('abcdef');
    expect(escapeXml('tab\tnl\ncr\r🌳')).toBe('tab\tnl\ncr\r🌳');
    expect(escapeXml('lone \uD800 high, lone \uDC00 low')).toBe('lone  high, lone  low');
    const root = parseXml(renderAtomFeed(feed({ title: 'Trees\u0000\u0008 🌳\u001B' })));
    expect(child(root, 'title').text).toBe('Trees 🌳');
  });

  it('renders a feed with no entries', () => {
    const root = parseXml(renderAtomFeed(feed({ entries: [], subtitle: undefined })));
    expect(childrenNamed(root, 'entry')).toHaveLength(0);
    expect(childrenNamed(root, 'subtitle')).toHaveLength(0);
    expect(child(root, 'updated').text).toBe('2025-03-04T10:15:00.000Z');
  });

  it('refuses a date that does not parse rather than write an invalid feed', () => {
    expect(() => renderAtomFeed(feed({ updated: 'yesterday' }))).toThrow(/"yesterday" is not a valid date/);
  });
});
