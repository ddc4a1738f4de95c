import { createActor } from '../../src/actions/program/ecosystem/edit-actors.ts';
import { createRelation } from '../../src/actions/program/ecosystem/edit-relations.ts';
import { fresh, type Statuses, type Table } from './table.ts';
import type { World } from './world.ts';

/**
 * The ecosystem map. Anyone reads it and downloads its files; changing it
 * and importing are for the program's staff: editors and administrators of
 * any organization, moderators and site administrators, with the write
 * scope (an admin token has it). A viewer and a resident are refused, and
 * so is a read-only token.
 */

/** A new actor, added by the site administrator; its slug. */
async function actor(w: World): Promise<string> {
  return (await createActor(w.t.deps, w.t.admin, { name: `Matrix actor ${fresh()}`, kind: 'community_organization', topics: 'food' })).slug;
}

/** A new relationship between two new actors; its id and the actors' slugs. */
async function relation(w: World): Promise<{ id: string; from: string; to: string }> {
  const from = await actor(w);
  const to = await actor(w);
  return { id: (await createRelation(w.t.deps, w.t.admin, { from, to, kind: 'funds' })).id, from, to };
}

const everyone: Statuses = { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200, resident: 200, moderator: 200 };
const staff = (ok: number): Statuses => ({ anonymous: 401, viewer: 403, editor: ok, orgAdmin: ok, otherEditor: ok, siteAdmin: ok, tokenRead: 403, tokenWrite: ok, tokenAdmin: ok, resident: 403, moderator: ok });

export const ecosystemTable: Table = {
  'GET /api/v1/ecosystem': [{ name: 'the map, filtered', request: () => ({ url: '/api/v1/ecosystem?kind=community_organization&topic=food' }), expect: everyone }],
  'GET /api/v1/ecosystem/actors': [{ name: 'every actor', request: () => ({ url: '/api/v1/ecosystem/actors' }), expect: everyone }],
  'POST /api/v1/ecosystem/actors': [{ name: 'a new actor', request: () => ({ url: '/api/v1/ecosystem/actors', json: { name: `Matrix new actor ${fresh()}`, kind: 'funder' } }), expect: staff(201) }],
  'GET /api/v1/ecosystem/actors/{slug}': [{ name: 'an actor', request: async (w) => ({ url: `/api/v1/ecosystem/actors/${await actor(w)}` }), expect: everyone }],
  'PUT /api/v1/ecosystem/actors/{slug}': [{ name: 'an actor changed', request: async (w) => ({ url: `/api/v1/ecosystem/actors/${await actor(w)}`, json: { name: 'Matrix changed actor', kind: 'media' } }), expect: staff(200) }],
  'DELETE /api/v1/ecosystem/actors/{slug}': [{ name: 'an actor removed', request: async (w) => ({ url: `/api/v1/ecosystem/actors/${await actor(w)}` }), expect: staff(204) }],
  'GET /api/v1/ecosystem/relationships': [{ name: 'every relationship', request: () => ({ url: '/api/v1/ecosystem/relationships' }), expect: everyone }],
  'POST /api/v1/ecosystem/relationships': [
    { name: 'a new relationship', request: async (w) => ({ url: '/api/v1/ecosystem/relationships', json: { from: await actor(w), to: await actor(w), kind: 'trains' } }), expect: staff(201) },
  ],
  'PUT /api/v1/ecosystem/relationships/{id}': [
    {
      name: 'a relationship changed',
      request: async (w) => {
        const r = await relation(w);
        return { url: `/api/v1/ecosystem/relationships/${r.id}`, json: { from: r.from, to: r.to, kind: 'partners_with', note: 'Changed.' } };
      },
      expect: staff(200),
    },
  ],
  'DELETE /api/v1/ecosystem/relationships/{id}': [{ name: 'a relationship removed', request: async (w) => ({ url: `/api/v1/ecosystem/relationships/${(await relation(w)).id}` }), expect: staff(204) }],
  'GET /api/v1/ecosystem/export': [{ name: 'the JSON document', request: () => ({ url: '/api/v1/ecosystem/export' }), expect: everyone }],
  'GET /api/v1/ecosystem/export/actors.csv': [{ name: 'the actors file', request: () => ({ url: '/api/v1/ecosystem/export/actors.csv' }), expect: everyone }],
  'GET /api/v1/ecosystem/export/relationships.csv': [{ name: 'the relationships file', request: () => ({ url: '/api/v1/ecosystem/export/relationships.csv' }), expect: everyone }],
  'POST /api/v1/ecosystem/import': [
    {
      name: 'an import of one actor',
      request: () => ({ url: '/api/v1/ecosystem/import', json: { actors_csv: `slug,name,kind\nmatrix-import-${fresh()},Matrix import,university\n` } }),
      expect: staff(200),
    },
  ],
};
