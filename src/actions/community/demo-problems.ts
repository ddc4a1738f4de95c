import type { User } from '../../domain/accounts/types.ts';
import { TOKEN_SCOPES } from '../../domain/accounts/types.ts';
import { triagePath, type ProblemPlace, type ProblemStatus } from '../../domain/community/problems.ts';
import { principalFor } from '../auth/principal.ts';
import type { Deps, Principal } from '../deps.ts';
import { assignProblem } from './assign-problem.ts';
import { linkDataset } from './link-problem.ts';
import { commentOnProblem } from './comment-problem.ts';
import { postProblem } from './post-problem.ts';
import { changeProblemStatus } from './triage-problem.ts';
import { voteForProblem } from './vote-problem.ts';

/** One of the demo city's problems (demo/problems.json): who posted it and who voted, by resident number. */
export interface DemoProblem {
  title: string;
  description: string;
  affected: string;
  category: string;
  place: ProblemPlace;
  author: number;
  voters: number[];
  comments?: Array<{ author: number; body: string }>;
  status: ProblemStatus;
  reason?: string;
  organization?: string;
  /** Slugs of demo datasets city staff linked to it. */
  datasets?: string[];
}

/** The demo city's residents: accounts that post and vote, and cannot sign in (no password). */
const RESIDENTS = ['Amara Okafor', 'Luis Rivera', 'Mei Chen', 'Darnell Washington', 'Fatima Khan', 'Jonah Park', 'Rosa Martínez', 'Kwame Asante'];

/**
 * Posts the demo city's problems as its residents, with their "me too"
 * votes and comments, assigned and moved through triage by `moderator` to the status each
 * has, every step through the actions people use.
 */
export async function seedDemoProblems(deps: Deps, moderator: Principal, entries: DemoProblem[]): Promise<number> {
  const now = deps.clock.now().toISOString();
  const residents = await Promise.all(
    RESIDENTS.map(async (name, i) => {
      const email = `resident${i + 1}@demo.plaza.invalid`;
      let user = await deps.catalog.accounts.findUserByEmail(email);
      if (!user) {
        user = { id: deps.newId(), email, name, passwordHash: null, isSiteAdmin: false, isModerator: false, failedSignIns: 0, lockedUntil: null, disabled: false, createdAt: now, lastSignInAt: null } satisfies User;
        await deps.catalog.accounts.createUser(user);
      }
      return principalFor(deps, user, 'session', [...TOKEN_SCOPES], null);
    }),
  );
  const resident = (n: number) => residents[n % residents.length]!;
  for (const e of entries) {
    const problem = await postProblem(deps, resident(e.author), { title: e.title, description: e.description, affected: e.affected, category: e.category, place: e.place });
    for (const v of e.voters) await voteForProblem(deps, resident(v), problem.id);
    for (const c of e.comments ?? []) await commentOnProblem(deps, resident(c.author), problem.id, { body: c.body });
    if (e.organization) await assignProblem(deps, moderator, problem.id, { organization: e.organization });
    for (const status of triagePath(e.status)) await changeProblemStatus(deps, moderator, problem.id, { status, reason: status === e.status ? (e.reason ?? '') : '' });
    for (const target of e.datasets ?? []) await linkDataset(deps, moderator, problem.id, { kind: 'dataset', target });
  }
  return entries.length;
}
