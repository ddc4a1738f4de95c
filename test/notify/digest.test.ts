import { describe, expect, it } from 'vitest';
import { composeDigest, type DigestItem } from '../../src/domain/notify/digest.ts';

const TREES = { subjectTitle: 'Street trees', subjectUrl: 'https://data.city.gov/datasets/street-trees', context: 'Dataset: Street trees' };
const BUDGET = { subjectTitle: 'Budget 2025', subjectUrl: 'https://data.city.gov/datasets/budget-2025', context: 'Tag: finance' };

const items: DigestItem[] = [
  { at: '2025-03-04T08:00:00Z', actorName: 'Parks Department', summary: 'published the dataset', ...TREES },
  { at: '2025-03-04T12:30:00Z', actorName: 'Ana', summary: 'commented on the dataset', ...BUDGET },
  { at: '2025-03-04T16:45:00Z', actorName: 'Andrés', summary: 'added a new version', ...TREES, context: 'Tag: environment' },
];

const input = { siteName: 'Springfield Open Data', recipientName: 'Andrés', period: 'daily' as const, items, manageUrl: 'https://data.city.gov/account/subscriptions' };

describe('digest emails', () => {
  it('groups items by subject, newest subject and newest item first, in plain text', () => {
    const { subject, text } = composeDigest(input);
    expect(subject).toBe('Springfield Open Data: 3 updates today');
    expect(text).toBe(
      [
        'Hello Andrés,',
        '',
        'Here is what happened on Springfield Open Data today:',
        '',
        'Street trees',
        'https://data.city.gov/datasets/street-trees',
        '  - 2025-03-04 16:45 UTC: Andrés added a new version',
        '  - 2025-03-04 08:00 UTC: Parks Department published the dataset',
        '  (You follow Tag: environment; Dataset: Street trees)',
        '',
        'Budget 2025',
        'https://data.city.gov/datasets/budget-2025',
        '  - 2025-03-04 12:30 UTC: Ana commented on the dataset',
        '  (You follow Tag: finance)',
        '',
        '-- ',
        'You receive this daily digest because you follow these datasets and discussions on Springfield Open Data.',
        'Manage your subscriptions or unsubscribe: https://data.city.gov/account/subscriptions',
        '',
      ].join('\n'),
    );
  });

  it('says this week for a weekly digest and counts one update in the singular', () => {
    const { subject, text, html } = composeDigest({ ...input, period: 'weekly', items: [items[0]!] });
    expect(subject).toBe('Springfield Open Data: 1 update this week');
    expect(text).toContain('You receive this weekly digest');
    expect(html).toContain('You receive this weekly digest');
  });

  it('gives an HTML version with links, times, the reason and the manage link', () => {
    const { html } = composeDigest(input);
    expect(html).toContain('<a href="https://data.city.gov/datasets/street-trees">Street trees</a>');
    expect(html).toContain('<li><time datetime="2025-03-04T16:45:00Z">2025-03-04 16:45 UTC</time>: Andrés added a new version</li>');
    expect(html).toContain('<a href="https://data.city.gov/account/subscriptions">https://data.city.gov/account/subscriptions</a>');
    expect(html.indexOf('Street trees')).toBeLessThan(html.indexOf('Budget 2025'));
    expect(html).toMatch(/^<!doctype html>\n<html>/);
  });

  it('escapes every value in the HTML and keeps titles on one line in the subject and text', () => {
    const evil = '<img src=x onerror="alert(1)"> & \'q\'';
    const { subject, text, html } = composeDigest({
      siteName: `Evil\r\nBcc: all@city.gov ${evil}`,
      recipientName: evil,
      period: 'daily',
      manageUrl: 'https://data.city.gov/m?a=1&b="2"',
      items: [{ at: '2025-03-04T08:00:00Z', actorName: evil, summary: evil, subjectTitle: `Line one\nline two ${evil}`, subjectUrl: 'javascript:alert(1)', context: evil }],
    });
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toBe(`Evil Bcc: all@city.gov ${evil}: 1 update today`);
    expect(text).toContain(`\nLine one line two ${evil}\n`);
    expect(html).not.toMatch(/<img|<script|onerror="/);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;q&#39;');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<h2 style="font-size: 1.1em; margin-bottom: 0.2em;">Line one line two &lt;img');
    expect(html).toContain('<a href="https://data.city.gov/m?a=1&amp;b=&quot;2&quot;">');
  });

  it('still reads well with no items', () => {
    const { subject, text, html } = composeDigest({ ...input, items: [] });
    expect(subject).toBe('Springfield Open Data: 0 updates today');
    expect(text).toContain('Nothing new happened on Springfield Open Data today.');
    expect(html).not.toContain('<ul>');
    expect(text).toContain('Manage your subscriptions or unsubscribe: https://data.city.gov/account/subscriptions');
  });
});
