import { createProject } from '../../src/actions/projects/create-project.ts';
import { insertActor, insertStatement } from '../contract/program-factories.ts';
import { fresh, type Table } from './table.ts';

/**
 * The peer network. Anyone reads the list of peers and searches across
 * them, and reads a project's blueprint as data (what peers copy).
 */

const everyone = { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200, resident: 200, moderator: 200 };

export const peerTable: Table = {
  'GET /api/v1/peers': [{ name: 'the peers', request: () => ({ url: '/api/v1/peers' }), expect: everyone }],
  'GET /api/v1/search': [{ name: 'this city and its peers', request: () => ({ url: '/api/v1/search?q=trees&peers=1' }), expect: everyone }],
  'GET /api/v1/projects/{id}/blueprint': [
    {
      name: 'a project\'s blueprint',
      request: async (w) => {
        const c = w.t.deps.catalog;
        const statement = (await insertStatement(c, { title: `Blueprint statement ${fresh()}` })).id;
        const partners = [(await insertActor(c, { kind: 'agency' })).id, (await insertActor(c, { kind: 'community_organization' })).id, (await insertActor(c, { kind: 'tech_partner' })).id];
        const p = await createProject(w.t.deps, w.t.admin, { title: `Blueprint project ${fresh()}`, summary: 'A project whose blueprint is read.', statement, partners, startDate: '2026-09-01' });
        return { url: `/api/v1/projects/${p.slug}/blueprint` };
      },
      expect: everyone,
    },
  ],
};
