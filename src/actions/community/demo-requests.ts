import type { User } from '../../domain/accounts/types.ts';
import { TOKEN_SCOPES } from '../../domain/accounts/types.ts';
import type { AnswerStatus, DeclineReason } from '../../domain/community/requests.ts';
import { principalFor } from '../auth/principal.ts';
import type { Deps, Principal } from '../deps.ts';
import { answerRequest } from './answer-request.ts';
import { commentOnRequest } from './comment-request.ts';
import { fulfilRequest } from './fulfil-request.ts';
import { postRequest } from './post-request.ts';
import { voteForRequest } from './vote-request.ts';

/** One city answer of a demo request: a status with its date or reason, or the demo dataset that fulfils it. */
export type DemoAnswer =
  | { status: AnswerStatus; note?: string; decline_reason?: DeclineReason; target_date?: string }
  | { status: 'published'; dataset: string; note?: string };

/** One of the demo city's dataset requests (demo/requests.json): who asked and who voted, by resident number. */
export interface DemoRequest {
  title: string;
  description: string;
  organization?: string;
  author: number;
  voters: number[];
  comments?: Array<{ author: number; body: string }>;
  /** The city's answers, in order. */
  answers?: DemoAnswer[];
}

/** The demo residents' accounts (the problem inventory's demo makes them first); made here when missing. */
async function residents(deps: Deps): Promise<Principal[]> {
  const now = deps.clock.now().toISOString();
  const out: Principal[] = [];
  for (let i = 1; i <= 8; i++) {
    const email = `resident${i}@demo.plaza.invalid`;
    let user = await deps.catalog.accounts.findUserByEmail(email);
    if (!user) {
      user = { id: deps.newId(), email, name: `Resident ${i}`, passwordHash: null, isSiteAdmin: false, isModerator: false, failedSignIns: 0, lockedUntil: null, disabled: false, createdAt: now, lastSignInAt: null } satisfies User;
      await deps.catalog.accounts.createUser(user);
    }
    out.push(await principalFor(deps, user, 'session', [...TOKEN_SCOPES], null));
  }
  return out;
}

/**
 * Asks the demo city's dataset requests as its residents, with their votes
 * and comments, and gives the city's answers as `city` (the site's
 * administrator), every step through the actions people use.
 */
export async function seedDemoRequests(deps: Deps, city: Principal, entries: DemoRequest[]): Promise<number> {
  const people = await residents(deps);
  const resident = (n: number) => people[n % people.length]!;
  for (const e of entries) {
    const request = await postRequest(deps, resident(e.author), { title: e.title, description: e.description, organization: e.organization ?? '' });
    for (const v of e.voters) await voteForRequest(deps, resident(v), request.id);
    for (const c of e.comments ?? []) await commentOnRequest(deps, resident(c.author), request.id, { body: c.body });
    for (const a of e.answers ?? []) {
      if (a.status === 'published') await fulfilRequest(deps, city, request.id, { dataset: a.dataset, note: a.note ?? '' });
      else await answerRequest(deps, city, request.id, a);
    }
  }
  return entries.length;
}
