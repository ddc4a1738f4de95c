import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { markEmailConfirmed } from '../support/people.ts';
import { buildApp } from '../../src/http/app.ts';
import { UserLink, UserText } from '../../src/http/pages/components/user-link.tsx';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Links people post: one component gives each `rel="nofollow ugc noopener"`, and only http and https addresses become links. */

describe('the user link component', () => {
  it('links http and https addresses with the rel, and shows anything else as text', () => {
    expect(renderToString(h(UserLink, { href: 'https://example.org/a?b=1&c=2' }, 'the app'))).toBe('<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">the app</a>');
    expect(renderToString(h(UserLink, { href: 'http://example.org' }))).toBe('<a href="http://example.org/" rel="nofollow ugc noopener">http://example.org</a>');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.org/f', '/relative', 'not a url']) {
      const html = renderToString(h(UserLink, { href: bad }, 'it'));
      expect(html, bad).toBe('<span>it</span>');
    }
  });

  it('links the web addresses in text, leaving the rest as escaped text and trailing punctuation outside', () => {
    const html = renderToString(h(UserText, { text: 'See https://example.org/map. Or <b>javascript:alert(1)</b> (http://example.org/x)' }));
    expect(html).toBe('See <a href="https://example.org/map" rel="nofollow ugc noopener">https://example.org/map</a>. Or &lt;b>javascript:alert(1)&lt;/b> (<a href="http://example.org/x" rel="nofollow ugc noopener">http://example.org/x</a>)');
  });
});

const PASSWORD = 'links password 2030';
let t: TestPlaza;
let app: FastifyInstance;
type Session = { cookie: string; csrf: string };
const sessions: Record<string, Session> = {};

async function signIn(email: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: PASSWORD } });
  const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('plaza_session='))!;
  return { cookie: set.split(';')[0]!, csrf: res.json().csrf_token as string };
}
const post = (who: Session, url: string, fields: Record<string, string>) =>
  app.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie } });

/** Every `<a …>` start tag in a page. */
const anchors = (html: string): string[] => [...html.matchAll(/<a\s[^>]*>/g)].map((m) => m[0]);

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  for (const name of ['ana', 'mod']) await markEmailConfirmed(t, await register(t.deps, { email: `${name}@example.org`, name, password: PASSWORD }));
  const m = await t.deps.catalog.accounts.findUserByEmail('mod@example.org');
  await t.deps.catalog.accounts.updateUser(m!.id, { isModerator: true });
  sessions.ana = await signIn('ana@example.org');
  sessions.mod = await signIn('mod@example.org');
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('community pages', () => {
  it('give every link people posted the rel, and link no other scheme', async () => {
    const posted = ['https://posted.example/description', 'http://posted.example/affected', 'https://posted.example/comment?x=1', 'https://posted.example/note'];
    const r = await post(sessions.ana!, '/problems', {
      title: 'Links in a problem',
      description: `Our map: ${posted[0]} and javascript:alert(1) too.`,
      affected: `See ${posted[1]}`,
      category: 'mobility',
      place_kind: 'citywide',
    });
    const page = r.headers.location!.replace(/\?.*$/, '');
    await post(sessions.ana!, `${page}/comments`, { body: `More at ${posted[2]}.` });
    const [comment] = await t.deps.catalog.problems.listComments(page.split('/').pop()!, true);
    await post(sessions.ana!, `${page}/comments/${comment!.id}/report`, { reason: 'other', note: `Copied from ${posted[3]}` });

    const pages = [
      [null, page],
      [sessions.ana!, page],
      [sessions.mod!, page],
      [null, '/problems'],
      [null, '/community'],
      [sessions.mod!, '/moderation'],
      [null, `${page}?lang=es`],
    ] as const;
    const linked = new Set<string>();
    for (const [who, url] of pages) {
      const html = (await app.inject({ url, headers: who ? { cookie: who.cookie } : {} })).body;
      expect(html, url).not.toMatch(/href="\s*(javascript|data):/i);
      for (const a of anchors(html)) {
        const href = /href="([^"]*)"/.exec(a)?.[1] ?? '';
        const target = posted.find((p) => href.replaceAll('&amp;', '&') === p);
        if (!target) continue;
        linked.add(target);
        expect(a, `${url}: ${href}`).toContain('rel="nofollow ugc noopener"');
      }
    }
    // Each address posted is a link somewhere, so the scan saw them.
    expect([...linked].sort()).toEqual([...posted].sort());
  });
});
