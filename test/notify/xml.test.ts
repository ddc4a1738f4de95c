import { describe, expect, it } from 'vitest';
import { parseXml } from './xml.ts';

describe('the strict XML check used by the feed tests', () => {
  it('parses a well-formed document', () => {
    const root = parseXml('<?xml version="1.0"?>\n<a x="1 &amp; 2"><b>t &lt;&#233;&#x2014;</b><c/></a>\n');
    expect(root.attrs.x).toBe('1 & 2');
    expect(root.children.map((c) => c.name)).toEqual(['b', 'c']);
    expect(root.children[0]!.text).toBe('t <é—');
  });

  it('throws on documents that are not well-formed', () => {
    for (const bad of ['<a><b></a></b>', '<a>', '<a>x & y</a>', '<a>x < y</a>', '<a x="1" x="2"/>', '<a x=\'1\'/>', '<a/><b/>', 'text<a/>', '<a>\u0001</a>', '<a x="<"/>', '<a>&bogus;</a>', '']) {
      expect(() => parseXml(bad), bad).toThrow();
    }
  });
});
