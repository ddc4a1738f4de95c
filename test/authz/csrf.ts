import { PASSWORD } from './world.ts';
import type { Case } from './table.ts';
import { fresh } from './table.ts';

/**
 * Changes made on the strength of a session cookie must carry the session's
 * CSRF token (ADR 8). Each row is tried twice by a person signed in through
 * POST /api/v1/session: without X-CSRF-Token (403 csrf_failed) and with it
 * (`ok`), each time on a fresh target. Reads need no token.
 */
export interface CsrfRow {
  route: string;
  who: 'editor' | 'orgAdmin';
  request: Case['request'];
  /** The status with the token (and, for reads, without it). */
  ok: number;
}

export const csrfRows: CsrfRow[] = [
  { route: 'PATCH /api/v1/datasets/{id}', who: 'editor', request: async (w) => ({ url: `/api/v1/datasets/${await w.draft()}`, json: { title: 'Renamed in a browser' } }), ok: 200 },
  { route: 'POST /api/v1/datasets/{id}/resources', who: 'editor', request: async (w) => ({ url: `/api/v1/datasets/${await w.draft()}/resources`, file: { name: 'trees.csv', content: 'species\nOak\n' } }), ok: 202 },
  { route: 'POST /api/v1/datasets/{id}/status', who: 'orgAdmin', request: async (w) => ({ url: `/api/v1/datasets/${(await w.ready()).slug}/status`, json: { status: 'published' } }), ok: 200 },
  { route: 'DELETE /api/v1/datasets/{id}', who: 'orgAdmin', request: async (w) => ({ url: `/api/v1/datasets/${await w.draft()}` }), ok: 204 },
  { route: 'PUT /api/v1/organizations/{id}/members', who: 'orgAdmin', request: async (w) => ({ url: `/api/v1/organizations/${w.orgA.slug}/members`, json: { email: (await w.user()).email, role: 'editor' } }), ok: 200 },
  { route: 'POST /api/v1/tokens', who: 'editor', request: () => ({ url: '/api/v1/tokens', json: { name: `browser ${fresh()}`, scopes: ['read'] } }), ok: 201 },
  { route: 'PATCH /api/v1/account', who: 'editor', request: (w) => ({ url: '/api/v1/account', json: { name: w.userOf.editor.name } }), ok: 200 },
  { route: 'POST /api/v1/account/password', who: 'editor', request: () => ({ url: '/api/v1/account/password', json: { current_password: PASSWORD, new_password: PASSWORD } }), ok: 204 },
  { route: 'POST /api/v1/subscriptions', who: 'editor', request: async (w) => ({ url: '/api/v1/subscriptions', json: { dataset: await w.draft() } }), ok: 201 },
  { route: 'DELETE /api/v1/session', who: 'editor', request: () => ({ url: '/api/v1/session' }), ok: 204 },
  // Reads are safe: the cookie alone is enough.
  { route: 'GET /api/v1/account', who: 'editor', request: () => ({ url: '/api/v1/account' }), ok: 200 },
  { route: 'GET /api/v1/datasets/{id}', who: 'editor', request: (w) => ({ url: `/api/v1/datasets/${w.shared.draft}` }), ok: 200 },
];
