import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfRows } from './csrf.ts';
import { disagreements, knownAnswer, REASONS, type Reason } from './disagreements.ts';
import { ACTS_ON_THE_BODY, caseForSession, codeOf, forgedSecret } from './forged.ts';
import { describeAnswer, formatMismatches, type Mismatch } from './report.ts';
import type { Table } from './table.ts';
import { accountTable } from './table-accounts.ts';
import { dataTable } from './table-data.ts';
import { moderationTable } from './table-moderation.ts';
import { datasetTable } from './table-datasets.ts';
import { notifyTable } from './table-notify.ts';
import { organizationTable } from './table-organizations.ts';
import { problemTable } from './table-problems.ts';
import { requestTable } from './table-requests.ts';
import { siteTable } from './table-site.ts';
import { showcaseTable } from './table-showcases.ts';
import { championTable } from './table-champions.ts';
import { programTable } from './table-program.ts';
import { ecosystemTable } from './table-ecosystem.ts';
import { eventTable } from './table-events.ts';
import { projectTable } from './table-projects.ts';
import { harvestTable } from './table-harvest.ts';
import { jobTable } from './table-jobs.ts';
import { peerTable } from './table-peers.ts';
import { operationsTable } from './table-operations.ts';
import { storeSuites, type StoreName } from '../support/stores.ts';
import { ACTORS, EXTRA_ACTORS, startWorld, type Actor, type World } from './world.ts';

/**
 * The authorization matrix: every declared API route, called by every kind
 * of person (anonymous, viewer, editor and admin of organization A, editor of
 * organization B, site administrator, and A's admin through tokens narrowed
 * to one scope), must answer the exact status the table gives. A route
 * without a table entry fails, so a new route cannot ship unchecked.
 */

/** The tables of every area as one, refusing a route listed twice. */
function wholeTable(...parts: Table[]): Table {
  const all: Table = {};
  for (const part of parts) {
    for (const [route, cases] of Object.entries(part)) {
      if (route in all) throw new Error(`${route} is in two tables`);
      all[route] = cases;
    }
  }
  return all;
}

const table = wholeTable(datasetTable, dataTable, accountTable, organizationTable, notifyTable, siteTable, problemTable, requestTable, showcaseTable, moderationTable, championTable, programTable, ecosystemTable, eventTable, projectTable, harvestTable, peerTable, operationsTable, jobTable);
const methodOf = (route: string): string => route.split(' ')[0]!;

/**
 * The matrix on one store: on SQLite and on PostgreSQL, as the store applies
 * the visibility rule in SQL and each database answers for itself. One file
 * per store, so that the two run side by side.
 */
export async function authorizationMatrix(name: StoreName): Promise<void> {
  const store = (await storeSuites('the authorization matrix on the PostgreSQL catalog')).find((s) => s.name === name)!;
  describe(`authorization matrix on ${name}`, () => {
    describe.skipIf(store.skip)('every declared route', () => {
      // What this suite started, and only that, is closed after it.
      let started: World | undefined;
      beforeAll(async () => {
        started = await startWorld(store);
      }, 120_000);
      afterAll(async () => {
        await started?.close();
      });
      matrixTests(() => started!);
    });
  });
}

function matrixTests(world: () => World): void {
  it('has one entry per declared route, and no entry for a route that does not exist', () => {
    const w = world();
    const declared = w.registry.routes.map((r) => `${r.method} ${r.path}`);
    expect(declared.length).toBeGreaterThan(0);
    const missing = declared.filter((route) => !(route in table));
    const unknown = Object.keys(table).filter((route) => !declared.includes(route));
    const empty = Object.keys(table).filter((route) => table[route]!.length === 0);
    // A recorded disagreement must name a case of the table.
    const strayDisagreements = disagreements.filter((d) => !table[d.route]?.some((c) => c.name === d.case)).map((d) => `${d.route} (${d.case})`);
    const strayCsrfRows = csrfRows.filter((r) => !declared.includes(r.route)).map((r) => r.route);
    const strayBodyRoutes = Object.keys(ACTS_ON_THE_BODY).filter((route) => !declared.includes(route) || methodOf(route) === 'GET');
    expect({ missing, unknown, empty, strayDisagreements, strayCsrfRows, strayBodyRoutes }).toEqual({ missing: [], unknown: [], empty: [], strayDisagreements: [], strayCsrfRows: [], strayBodyRoutes: [] });
  });

  it('checks the community routes as a resident and as a moderator too', () => {
    const missing = Object.entries({ ...problemTable, ...requestTable, ...showcaseTable, ...championTable, ...eventTable, ...projectTable, ...ecosystemTable, ...programTable }).flatMap(([route, cases]) => cases.filter((c) => EXTRA_ACTORS.some((a) => c.expect[a] === undefined)).map((c) => `${route} (${c.name})`));
    expect(missing).toEqual([]);
  });

  it('agrees with the access level each route declares', () => {
    const w = world();
    // A route that needs an account answers 401 to anonymous callers; a site-admin route refuses everyone else.
    const problems: string[] = [];
    for (const r of w.registry.routes) {
      for (const c of table[`${r.method} ${r.path}`] ?? []) {
        if (r.access !== 'public' && c.expect.anonymous !== 401) problems.push(`${r.method} ${r.path} (${c.name}): access ${r.access}, anonymous expected ${c.expect.anonymous}`);
        if (r.access === 'site-admin') {
          for (const a of ACTORS) if (a !== 'siteAdmin' && a !== 'anonymous' && c.expect[a] !== 403) problems.push(`${r.method} ${r.path} (${c.name}): site-admin route, ${a} expected ${c.expect[a]}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers every route and every actor with the status the table gives', async () => {
    const w = world();
    const mismatches: Mismatch[] = [];
    // Calls answering as recorded in disagreements.ts: reported, not failed, until someone decides.
    const pending: Mismatch[] = [];
    const reasons = new Set<Reason>();
    let calls = 0;
    for (const r of w.registry.routes) {
      const route = `${r.method} ${r.path}`;
      for (const c of table[route] ?? []) {
        for (const actor of [...ACTORS, ...EXTRA_ACTORS.filter((a) => c.expect[a] !== undefined)]) {
          calls++;
          const expected = c.expect[actor]!;
          try {
            const req = await c.request(w, actor);
            const res = await w.send({ ...req, method: r.method, headers: w.auth[actor] });
            await w.settle(res);
            const known = knownAnswer(route, c.name, actor);
            const row = { route, case: c.name, actor, expected, got: res.statusCode, message: describeAnswer(res.body) };
            if (res.statusCode === expected) {
              if (known) mismatches.push({ ...row, got: `${res.statusCode} (recorded ${known.now})`, message: 'answers as the table says now: delete the entry in disagreements.ts' });
            } else if (known?.now === res.statusCode) {
              pending.push({ ...row, message: `[${known.why}] ${row.message}` });
              reasons.add(known.why);
            } else {
              mismatches.push(known ? { ...row, message: `(disagreements.ts records ${known.now}) ${row.message}` } : row);
            }
          } catch (e) {
            mismatches.push({ route, case: c.name, actor, expected, got: 'error', message: e instanceof Error ? e.message : String(e) });
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(ACTORS.length * w.registry.routes.length - 1);
    const cases = w.registry.routes.reduce((n, r) => n + (table[`${r.method} ${r.path}`]?.length ?? 0), 0);
    console.info(`authorization matrix: ${w.registry.routes.length} routes, ${cases} cases, ${calls} calls (${ACTORS.length} actors each; the community routes' cases also as a resident and a moderator)`);
    if (pending.length) {
      const why = (Object.keys(REASONS) as Reason[]).filter((r) => reasons.has(r)).map((r) => `[${r}] ${REASONS[r]}`).join('\n');
      console.warn(`${formatMismatches(pending, `${pending.length} of ${calls} calls answer against the docs, as recorded in test/authz/disagreements.ts (waiting for a decision):`)}\n${why}`);
    }
    if (mismatches.length) expect.fail(formatMismatches(mismatches));
  }, 420_000);

  it('refuses changes made with a session cookie but without its CSRF token', async () => {
    const w = world();
    const mismatches: Mismatch[] = [];
    for (const row of csrfRows) {
      const method = methodOf(row.route);
      const unsafe = method !== 'GET';
      try {
        const { cookie, csrf } = await w.signIn(w.userOf[row.who]);
        const without = await w.send({ ...(await row.request(w, row.who)), method, headers: { cookie } });
        await w.settle(without);
        const code = describeAnswer(without.body).split(':')[0];
        const wanted = unsafe ? 403 : row.ok;
        if (without.statusCode !== wanted || (unsafe && code !== 'csrf_failed')) {
          mismatches.push({ route: row.route, case: 'session cookie, no X-CSRF-Token', actor: row.who, expected: unsafe ? '403 csrf_failed' : wanted, got: without.statusCode, message: describeAnswer(without.body) });
        }
        const withToken = await w.send({ ...(await row.request(w, row.who)), method, headers: { cookie, 'x-csrf-token': csrf } });
        await w.settle(withToken);
        if (withToken.statusCode !== row.ok) mismatches.push({ route: row.route, case: 'session cookie with X-CSRF-Token', actor: row.who, expected: row.ok, got: withToken.statusCode, message: describeAnswer(withToken.body) });
      } catch (e) {
        mismatches.push({ route: row.route, case: 'csrf', actor: row.who, expected: row.ok, got: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    }
    if (mismatches.length) expect.fail(formatMismatches(mismatches));
  }, 60_000);

  it('refuses every change made with a session cookie and a forged CSRF token, or the token of another session', async () => {
    const w = world();
    const mismatches: Mismatch[] = [];
    // Someone else's live session, whose CSRF token is real but not the caller's.
    const stranger = await w.signIn(await w.user());
    const sessions = new Map<Actor, { cookie: string; csrf: string }>();
    /** A live session of the person; signing in again when a row ended the last one. */
    const sessionOf = async (who: Actor) => {
      const known = sessions.get(who);
      if (known && (await w.send({ method: 'GET', url: '/api/v1/session', headers: { cookie: known.cookie } })).json().user) return known;
      const fresh = await w.signIn(w.userOf[who]);
      sessions.set(who, fresh);
      return fresh;
    };
    let tried = 0;
    for (const r of w.registry.routes) {
      const route = `${r.method} ${r.path}`;
      if (r.method === 'GET' || route in ACTS_ON_THE_BODY) continue;
      const pick = caseForSession(table[route] ?? []);
      if (!pick) {
        mismatches.push({ route, case: '-', actor: '-', expected: 'a case where a signed-in person succeeds', got: 'none', message: 'add one to the table, or the route to ACTS_ON_THE_BODY in forged.ts' });
        continue;
      }
      tried++;
      const { c, who } = pick;
      try {
        const { cookie, csrf } = await sessionOf(who);
        for (const [kind, token] of [['a forged X-CSRF-Token', forgedSecret()], ["another session's X-CSRF-Token", stranger.csrf]] as const) {
          const res = await w.send({ ...(await c.request(w, who)), method: r.method, headers: { cookie, 'x-csrf-token': token } });
          await w.settle(res);
          if (res.statusCode !== 403 || codeOf(res.body) !== 'csrf_failed') {
            mismatches.push({ route, case: `${c.name}, session cookie with ${kind}`, actor: who, expected: '403 csrf_failed', got: res.statusCode, message: describeAnswer(res.body) });
          }
        }
        // The same change with the session's own token goes through: the refusals were the token's doing.
        const ok = await w.send({ ...(await c.request(w, who)), method: r.method, headers: { cookie, 'x-csrf-token': csrf } });
        await w.settle(ok);
        if (ok.statusCode !== c.expect[who]) mismatches.push({ route, case: `${c.name}, session cookie with its X-CSRF-Token`, actor: who, expected: c.expect[who], got: ok.statusCode, message: describeAnswer(ok.body) });
      } catch (e) {
        mismatches.push({ route, case: c.name, actor: who, expected: '403 csrf_failed', got: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    }
    expect(tried).toBeGreaterThan(0);
    // The stranger's session is still live: its token was a real one throughout.
    expect((await w.send({ method: 'GET', url: '/api/v1/session', headers: { cookie: stranger.cookie } })).json().user).not.toBeNull();
    if (mismatches.length) expect.fail(formatMismatches(mismatches));
  }, 120_000);

  it('answers every read made with a forged session cookie as it answers an anonymous caller', async () => {
    const w = world();
    const mismatches: Mismatch[] = [];
    for (const r of w.registry.routes) {
      if (r.method !== 'GET') continue;
      const route = `${r.method} ${r.path}`;
      for (const c of table[route] ?? []) {
        try {
          const req = await c.request(w, 'anonymous');
          const anonymous = await w.send({ ...req, method: 'GET' });
          const forged = await w.send({ ...req, method: 'GET', headers: { cookie: `plaza_session=${forgedSecret()}` } });
          const expected = c.expect.anonymous;
          // Someone who must sign in hears so; what anonymous callers may not see is not found, as for them.
          const code = expected === 401 ? 'unauthorized' : codeOf(anonymous.body);
          if (anonymous.statusCode !== expected || forged.statusCode !== expected || codeOf(forged.body) !== code) {
            const got = `anonymous ${anonymous.statusCode}, forged ${forged.statusCode} ${codeOf(forged.body)}`.trim();
            mismatches.push({ route, case: `${c.name}, forged session cookie`, actor: 'anonymous', expected: `${expected} ${code}`.trim(), got, message: `anonymous: ${describeAnswer(anonymous.body)}; forged: ${describeAnswer(forged.body)}` });
          }
        } catch (e) {
          mismatches.push({ route, case: c.name, actor: 'anonymous', expected: c.expect.anonymous, got: 'error', message: e instanceof Error ? e.message : String(e) });
        }
      }
    }
    if (mismatches.length) expect.fail(formatMismatches(mismatches));
  }, 60_000);
}
