import type { Actor } from './world.ts';

/**
 * Where the code answers differently from what the docs and ADR 8 say, as
 * the authorization table reads them. The table keeps the documented status;
 * each entry here records what the code answers today and why the two
 * differ, until someone decides. The matrix reports these on every run, and
 * fails when an entry no longer matches the code (fixed, or changed again),
 * so the list stays exact. Resolve one by fixing the code and deleting the
 * entry, or by changing the table's cell and deleting the entry.
 */
export interface Disagreement {
  route: string;
  case: string;
  /** What the code answers today, per actor. */
  now: Partial<Record<Actor, number>>;
  why: Reason;
}

/** Why the code and the docs differ, by a short name shown in the report. */
export const REASONS = {
  scopes:
    'Scopes should include the ones before them (accounts.md: `write` "also" creates and changes, `admin` "also" publishes; the comment in policy.ts says the same), but the code checks each scope alone: a write-only token cannot see drafts, an admin-only one can neither read nor write.',
  'scopes, after the change':
    'The scopes question above; worse, the change is made and only the answer, which re-reads the dataset, is 404.',
  'workflow order':
    'A viewer may not move the dataset at all, so the refusal should be 403 whatever the move; the code looks up the move before the role and answers 409.',
  'job of a visible draft':
    'A viewer sees the draft, so refusing them its job hides nothing: 403 (404 is for strangers to the draft). The code answers 404 to every non-editor.',
  'revoking tokens':
    'Revoking a token is managing tokens, which accounts.md gives to the admin scope ("create tokens"); the code lets any token, even a read-only one, revoke its owner\'s other tokens.',
} as const;
export type Reason = keyof typeof REASONS;

export const disagreements: Disagreement[] = [
  { route: 'POST /api/v1/datasets', case: 'a new draft in A', now: { tokenWrite: 404, tokenAdmin: 403 }, why: 'scopes, after the change' },
  { route: 'GET /api/v1/datasets/{id}', case: 'a draft of A', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'PATCH /api/v1/datasets/{id}', case: 'a draft of A', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'PATCH /api/v1/datasets/{id}', case: 'a published dataset of A', now: { tokenAdmin: 403 }, why: 'scopes' },
  { route: 'DELETE /api/v1/datasets/{id}', case: 'a draft of A', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'POST /api/v1/datasets/{id}/status', case: 'submit a draft (editors)', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'POST /api/v1/datasets/{id}/status', case: 'withdraw a submission (editors)', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'POST /api/v1/datasets/{id}/status', case: 'publish a submission (admins)', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'POST /api/v1/datasets/{id}/status', case: 'publish a draft directly (admins)', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'POST /api/v1/datasets/{id}/status', case: 'unpublish (admins)', now: { tokenAdmin: 404 }, why: 'scopes, after the change' },
  { route: 'POST /api/v1/datasets/{id}/status', case: 'a move the workflow refuses (draft to archived)', now: { viewer: 409, tokenRead: 409 }, why: 'workflow order' },
  { route: 'POST /api/v1/datasets/{id}/status', case: 'a move the workflow refuses (draft to archived)', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'GET /api/v1/datasets/{id}/dictionary', case: 'a draft of A', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'PATCH /api/v1/datasets/{id}/dictionary', case: 'a draft of A with data', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'POST /api/v1/datasets/{id}/types', case: 'retype a column of a draft of A', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'DELETE /api/v1/datasets/{id}/resources/{resourceId}', case: 'a link of a draft of A', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'POST /api/v1/datasets/{id}/resources', case: 'upload a file to a draft of A', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'POST /api/v1/datasets/{id}/resources', case: 'add a link to a draft of A', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'GET /api/v1/datasets/{id}/records', case: 'a draft of A', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'GET /api/v1/datasets/{id}/facets', case: 'a draft of A', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'GET /api/v1/datasets/{id}/versions/{number}/rejects.csv', case: 'a draft of A', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'GET /api/v1/datasets/{id}/export/{format}', case: 'a draft of A, as CSV', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'GET /api/v1/jobs/{id}', case: 'the ingest job of a draft of A', now: { viewer: 404, tokenRead: 404 }, why: 'job of a visible draft' },
  { route: 'GET /api/v1/jobs/{id}', case: 'the ingest job of a draft of A', now: { tokenAdmin: 404 }, why: 'scopes' },
  { route: 'PATCH /api/v1/account', case: 'change your name', now: { tokenAdmin: 403 }, why: 'scopes' },
  { route: 'POST /api/v1/tokens', case: 'a read-only token', now: { tokenAdmin: 403 }, why: 'scopes' },
  { route: 'DELETE /api/v1/tokens/{id}', case: 'one of your own tokens', now: { tokenRead: 204, tokenWrite: 204 }, why: 'revoking tokens' },
  { route: 'DELETE /api/v1/tokens/{id}', case: "someone else's token", now: { tokenRead: 404, tokenWrite: 404 }, why: 'revoking tokens' },
  { route: 'GET /api/v1/organizations/{id}/members', case: 'the members of A', now: { tokenWrite: 403, tokenAdmin: 403 }, why: 'scopes' },
  { route: 'GET /api/v1/datasets/{id}/activity', case: 'a draft of A', now: { tokenWrite: 404, tokenAdmin: 404 }, why: 'scopes' },
  { route: 'POST /api/v1/subscriptions', case: 'follow a draft of A', now: { tokenWrite: 404, tokenAdmin: 403 }, why: 'scopes' },
  { route: 'DELETE /api/v1/subscriptions/{id}', case: 'one of your own', now: { tokenAdmin: 403 }, why: 'scopes' },
  { route: 'DELETE /api/v1/subscriptions/{id}', case: "someone else's", now: { tokenAdmin: 403 }, why: 'scopes' },
  { route: 'POST /api/v1/subscriptions/{id}/deliveries/{deliveryId}/retry', case: 'a failed delivery of one of your own', now: { tokenAdmin: 403 }, why: 'scopes' },
  { route: 'POST /api/v1/subscriptions/{id}/deliveries/{deliveryId}/retry', case: 'a delivery that succeeded (409)', now: { tokenAdmin: 403 }, why: 'scopes' },
  { route: 'POST /api/v1/subscriptions/{id}/deliveries/{deliveryId}/retry', case: "a failed delivery of someone else's", now: { tokenAdmin: 403 }, why: 'scopes' },
];

/** The recorded answer of the code today for one call, when the call is a known disagreement. */
export function knownAnswer(route: string, name: string, actor: Actor): { now: number; why: Reason } | undefined {
  for (const d of disagreements) {
    const now = d.route === route && d.case === name ? d.now[actor] : undefined;
    if (now !== undefined) return { now, why: d.why };
  }
  return undefined;
}
