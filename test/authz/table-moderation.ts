import { commentOnProblem } from '../../src/actions/community/comment-problem.ts';
import { reportItem } from '../../src/actions/community/moderation/report-item.ts';
import { postProblem } from '../../src/actions/community/post-problem.ts';
import { commentOnRequest } from '../../src/actions/community/comment-request.ts';
import { postRequest } from '../../src/actions/community/post-request.ts';
import { approveShowcase } from '../../src/actions/showcases/approve-showcase.ts';
import { submitShowcase } from '../../src/actions/showcases/submit-showcase.ts';
import { fresh, type Table } from './table.ts';
import type { World } from './world.ts';

/**
 * Reports and moderation. Anyone signed in (a token: the write scope)
 * reports an item; only moderators (and the site administrator) see the
 * queue, hide or show items and dismiss reports.
 */

/** A new shown problem posted by the site's first administrator. */
async function problem(w: World): Promise<string> {
  const p = await postProblem(w.t.deps, w.t.admin, { title: `Matrix problem ${fresh()}`, description: 'Water pools at the corner after every rain.', category: 'environment', place: { kind: 'citywide' } });
  return p.id;
}

/** A comment on a new problem. */
async function comment(w: World): Promise<string> {
  return (await commentOnProblem(w.t.deps, w.t.admin, await problem(w), { body: 'Same here.' })).id;
}

/** A new problem with one open report. */
async function reported(w: World): Promise<string> {
  const id = await problem(w);
  await reportItem(w.t.deps, w.t.admin, { kind: 'problem', item: id, reason: 'spam' });
  return id;
}

/** A new shown dataset request by the site's first administrator. */
async function request(w: World): Promise<string> {
  return (await postRequest(w.t.deps, w.t.admin, { title: `Matrix request ${fresh()}`, description: 'To see where shade is missing on the walk to school.' })).id;
}

/** A comment on a new dataset request. */
async function requestComment(w: World): Promise<string> {
  return (await commentOnRequest(w.t.deps, w.t.admin, await request(w), { body: 'Same here.' })).id;
}

/** A new approved showcase by the site's first administrator. */
async function showcase(w: World): Promise<string> {
  const s = await submitShowcase(w.t.deps, w.t.admin, { title: `Matrix showcase ${fresh()}`, kind: 'app', description: 'Shows the data on a phone.', link: 'https://example.org/app', madeBy: 'A group', datasets: [w.shared.restricted] });
  await approveShowcase(w.t.deps, w.t.admin, s.id);
  return s.id;
}

const moderatorsOnly = { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 403, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 403, resident: 403, moderator: 200 };

export const moderationTable: Table = {
  'POST /api/v1/reports': [
    {
      name: 'a shown problem',
      request: async (w) => ({ url: '/api/v1/reports', json: { kind: 'problem', item: await problem(w), reason: 'off_topic' } }),
      expect: { anonymous: 401, viewer: 201, editor: 201, orgAdmin: 201, otherEditor: 201, siteAdmin: 201, tokenRead: 403, tokenWrite: 201, tokenAdmin: 201, resident: 201, moderator: 201 },
    },
    {
      name: 'a comment',
      request: async (w) => ({ url: '/api/v1/reports', json: { kind: 'problem-comment', item: await comment(w), reason: 'abuse' } }),
      expect: { anonymous: 401, viewer: 201, editor: 201, orgAdmin: 201, otherEditor: 201, siteAdmin: 201, tokenRead: 403, tokenWrite: 201, tokenAdmin: 201, resident: 201, moderator: 201 },
    },
    {
      name: 'a shown request',
      request: async (w) => ({ url: '/api/v1/reports', json: { kind: 'request', item: await request(w), reason: 'spam' } }),
      expect: { anonymous: 401, viewer: 201, editor: 201, orgAdmin: 201, otherEditor: 201, siteAdmin: 201, tokenRead: 403, tokenWrite: 201, tokenAdmin: 201, resident: 201, moderator: 201 },
    },
    {
      name: 'a comment on a request',
      request: async (w) => ({ url: '/api/v1/reports', json: { kind: 'request-comment', item: await requestComment(w), reason: 'abuse' } }),
      expect: { anonymous: 401, viewer: 201, editor: 201, orgAdmin: 201, otherEditor: 201, siteAdmin: 201, tokenRead: 403, tokenWrite: 201, tokenAdmin: 201, resident: 201, moderator: 201 },
    },
    {
      name: 'an approved showcase',
      request: async (w) => ({ url: '/api/v1/reports', json: { kind: 'showcase', item: await showcase(w), reason: 'off_topic' } }),
      expect: { anonymous: 401, viewer: 201, editor: 201, orgAdmin: 201, otherEditor: 201, siteAdmin: 201, tokenRead: 403, tokenWrite: 201, tokenAdmin: 201, resident: 201, moderator: 201 },
    },
  ],

  'GET /api/v1/moderation/queue': [
    {
      name: 'the queue',
      request: () => ({ url: '/api/v1/moderation/queue' }),
      expect: moderatorsOnly,
    },
  ],

  'POST /api/v1/moderation/{kind}/{id}/visibility': [
    {
      name: 'a shown problem, hidden with a reason',
      request: async (w) => ({ url: `/api/v1/moderation/problem/${await problem(w)}/visibility`, json: { hidden: true, reason: 'An advert.' } }),
      expect: moderatorsOnly,
    },
    {
      name: 'a comment, hidden with a reason',
      request: async (w) => ({ url: `/api/v1/moderation/problem-comment/${await comment(w)}/visibility`, json: { hidden: true, reason: 'Insults a neighbour.' } }),
      expect: moderatorsOnly,
    },
    {
      name: 'a request, hidden with a reason',
      request: async (w) => ({ url: `/api/v1/moderation/request/${await request(w)}/visibility`, json: { hidden: true, reason: 'An advert.' } }),
      expect: moderatorsOnly,
    },
    {
      name: 'a comment on a request, hidden with a reason',
      request: async (w) => ({ url: `/api/v1/moderation/request-comment/${await requestComment(w)}/visibility`, json: { hidden: true, reason: 'Insults a neighbour.' } }),
      expect: moderatorsOnly,
    },
    {
      name: 'an approved showcase, hidden with a reason',
      request: async (w) => ({ url: `/api/v1/moderation/showcase/${await showcase(w)}/visibility`, json: { hidden: true, reason: 'The link leads to a shop.' } }),
      expect: moderatorsOnly,
    },
  ],

  'POST /api/v1/moderation/{kind}/{id}/dismiss': [
    {
      name: 'a reported problem',
      request: async (w) => ({ url: `/api/v1/moderation/problem/${await reported(w)}/dismiss`, json: { reason: 'It is a real problem.' } }),
      expect: moderatorsOnly,
    },
  ],
};
