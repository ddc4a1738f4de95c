/**
 * Part 9's data: a problem inventory generated straight into the catalog
 * store, deterministic from a seed. Problems vary in category, status (moved
 * along the triage path, so each has its history), place (point, area or
 * citywide), age (created over a year) and assignment; votes are skewed (a
 * few problems have thousands, most a handful) and cast over the last 90
 * days, so that `trending` (votes of the last 30 days) differs from `votes`.
 * Voters are synthetic user ids: the votes table keeps ids, not accounts.
 */
import type { Deps } from '../../src/actions/deps.ts';
import { random } from '../catalog/generate.ts';
import { triagePath, type Problem, type ProblemPlace, type ProblemStatus } from '../../src/domain/community/problems.ts';

const DAY = 86_400_000;
const PROBLEMS_PER_TX = 500;
const VOTES_PER_TX = 5_000;
/** Distinct synthetic voters; more than the most votes any one problem gets. */
const VOTERS = 20_000;

/** The catalog bench's seeded generator (mulberry32), so that every run builds the same inventory. */
export const seeded = random;

function weighted<T extends string>(rnd: () => number, table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return table[table.length - 1]![0];
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const CATEGORY_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['housing', 22], ['food', 12], ['jobs', 8], ['health', 12], ['safety', 16], ['mobility', 14], ['environment', 11], ['other', 5],
];
const STATUS_WEIGHTS: ReadonlyArray<readonly [ProblemStatus, number]> = [
  ['new', 45], ['under_review', 18], ['scoped', 10], ['in_project', 8], ['addressed', 11], ['declined', 8],
];

/** What goes wrong, by category, and where, to make titles that read like residents' ones. */
const WHAT: Record<string, readonly string[]> = {
  housing: ['No heat for days every winter', 'Mold in the hallways', 'Elevator out of service for weeks', 'Rent increases pushing families out', 'Leaking roof never fixed', 'Long waits for repairs', 'Pests in the building', 'No hot water in the mornings'],
  food: ['The food pantry line wraps around the block', 'No grocery store within walking distance', 'Pantry signs only in English', 'Fresh produce too expensive', 'School meals run out early', 'Pantry closed on weekends'],
  jobs: ['Not enough summer jobs for young people', 'Job training only offered in the daytime', 'No job center nearby', 'Day laborers waiting without shelter', 'Hiring events never announced in Spanish'],
  health: ['Hard to find a clinic open in the evening', 'Long waits at the emergency room', 'No pharmacy open late', 'Mental health services hard to reach', 'Air quality makes asthma worse', 'Vaccination sites far away'],
  safety: ['Broken streetlights on the walk home', 'Cars speeding past the school', 'Dark underpass feels unsafe', 'No crossing guard at the corner', 'Abandoned building left open', 'Fights outside the station at night'],
  mobility: ['Bike lane blocked by delivery trucks', 'Crossing the boulevard is dangerous', 'Bus always late in the morning', 'Sidewalk too broken for wheelchairs', 'Station elevator out of order', 'No bus shelter at the stop'],
  environment: ['Flooded underpass after every storm', 'Illegal dumping on the empty lot', 'Trash piles up on collection day', 'No shade trees on the block', 'Noise from the depot all night', 'Overflowing storm drains'],
  other: ['No safe place for teenagers after school', 'Library hours cut on weekends', 'Playground equipment broken', 'Community center closed for repairs', 'Public restrooms locked'],
};
const WHERE = ['on our block', 'near the school', 'by the station', 'in our building', 'along the avenue', 'in the park', 'near the clinic', 'across the neighborhood', 'on the corner', 'by the river'];
const AFFECTED = ['Families with young children', 'Older residents', 'Students', 'Night-shift workers', 'People who use wheelchairs', 'Tenants of the building', 'Everyone on the block', 'Small business owners', 'Recent immigrants', 'Commuters'];
const SENTENCES = [
  'It has been like this for months and nothing changes.',
  'We reported it to the landlord and to 311 several times.',
  'Neighbors talk about it at every tenant meeting.',
  'It is worse in winter, when the days are short.',
  'People have stopped going out after dark because of it.',
  'Children pass here twice a day on their way to school.',
  'Nobody seems to know which agency is responsible.',
  'A neighbor fell last month and was hurt.',
  'Small shops on the street lose customers because of it.',
  'We would like to see data on how often this happens.',
];
/** ZIP code areas, as in the demo city's boundary dataset (nyc_modzcta_2010). */
const AREAS = [
  ...Array.from({ length: 40 }, (_, i) => String(10001 + i)),
  ...Array.from({ length: 25 }, (_, i) => String(10451 + i)),
  ...Array.from({ length: 39 }, (_, i) => String(11201 + i)),
  ...Array.from({ length: 22 }, (_, i) => String(11354 + i)),
  ...Array.from({ length: 26 }, (_, i) => String(11411 + i)),
];

export interface GeneratedInventory {
  /** Ids in creation order (oldest first). */
  ids: string[];
  /** The problems as generated, by id (their `votes` as generated). */
  problems: Map<string, Problem>;
  votes: number;
  seconds: { problems: number; votes: number; total: number };
  /** Votes per problem, sorted high to low. */
  voteCounts: number[];
  /** Votes cast in the last 30 days. */
  recentVotes: number;
}

/**
 * Creates `count` problems and `votes` votes on the portal's catalog store,
 * in transactions of PROBLEMS_PER_TX problems and VOTES_PER_TX votes.
 */
export async function generateInventory(deps: Deps, opts: { count: number; votes: number; organizationId: string | null; seed?: number }): Promise<GeneratedInventory> {
  const rnd = seeded(opts.seed ?? 20261206);
  const now = Date.now();
  const t0 = performance.now();

  // Problems, oldest first, so that the store's order of insertion matches their age.
  const created = Array.from({ length: opts.count }, () => now - Math.floor(rnd() * 365 * DAY)).sort((a, b) => a - b);
  const problems: Problem[] = [];
  const paths: ProblemStatus[][] = [];
  for (let i = 0; i < opts.count; i++) {
    const category = weighted(rnd, CATEGORY_WEIGHTS);
    const status = weighted(rnd, STATUS_WEIGHTS);
    const kind = weighted(rnd, [['point', 50], ['area', 35], ['citywide', 15]] as const);
    const area = kind === 'citywide' ? null : kind === 'point' && rnd() < 0.1 ? null : pick(rnd, AREAS);
    const place: ProblemPlace = kind === 'point' ? { kind, lat: +(40.55 + rnd() * 0.35).toFixed(5), lon: +(-74.15 + rnd() * 0.4).toFixed(5) } : kind === 'area' ? { kind, area: area! } : { kind };
    const at = new Date(created[i]!).toISOString();
    const mergedInto = i > 100 && rnd() < 0.01 ? problems[Math.floor(rnd() * i)]!.id : null;
    problems.push({
      id: deps.newId(),
      title: `${pick(rnd, WHAT[category]!)} ${pick(rnd, WHERE)}`,
      description: Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => pick(rnd, SENTENCES)).join(' '),
      affected: pick(rnd, AFFECTED),
      category,
      place,
      area,
      status: 'new',
      statusReason: null,
      organizationId: status !== 'new' && rnd() < 0.6 ? opts.organizationId : null,
      authorId: `bench-resident-${String(1 + Math.floor(rnd() * 3_000)).padStart(5, '0')}`,
      hidden: rnd() < 0.01,
      mergedInto,
      votes: 0,
      createdAt: at,
      updatedAt: at,
    });
    paths.push(triagePath(status));
  }
  for (let i = 0; i < problems.length; i += PROBLEMS_PER_TX) {
    await deps.catalog.transaction(async (tx) => {
      for (let j = i; j < Math.min(problems.length, i + PROBLEMS_PER_TX); j++) {
        const p = problems[j]!;
        await tx.problems.createProblem(p);
        let from: ProblemStatus = 'new';
        let at = Date.parse(p.createdAt);
        for (const to of paths[j]!) {
          at += Math.floor(rnd() * Math.max(1, now - at) * 0.3);
          await tx.problems.changeProblemStatus({ problemId: p.id, from, to, reason: to === 'declined' ? 'Outside what the city can do; passed on to the state agency.' : null, actorId: 'bench-moderator', at: new Date(at).toISOString() });
          from = to;
        }
        p.status = from;
      }
    });
  }
  const tProblems = performance.now();

  // Votes: problem at random rank r gets a share ∝ 1/(r + 10) of them.
  const order = problems.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const weights = order.map((_, r) => 1 / (r + 10));
  const sum = weights.reduce((s, w) => s + w, 0);
  const counts = weights.map((w) => Math.min(VOTERS, Math.floor((opts.votes * w) / sum)));
  for (let left = opts.votes - counts.reduce((s, c) => s + c, 0), r = 0; left > 0; r = (r + 1) % counts.length, left--) counts[r]!++;
  let recentVotes = 0;
  const pending: Array<[string, string, string]> = [];
  const flush = async () => {
    const batch = pending.splice(0);
    await deps.catalog.transaction(async (tx) => {
      for (const [problemId, userId, at] of batch) await tx.problems.addVote(problemId, userId, at);
    });
  };
  for (let r = 0; r < order.length; r++) {
    const p = problems[order[r]!]!;
    const n = counts[r]!;
    p.votes = n;
    const start = Math.floor(rnd() * VOTERS);
    const span = Math.min(90 * DAY, now - Date.parse(p.createdAt));
    for (let k = 0; k < n; k++) {
      const at = now - Math.floor(rnd() * span);
      if (now - at < 30 * DAY) recentVotes++;
      pending.push([p.id, `bench-voter-${String(((start + k) % VOTERS) + 1).padStart(5, '0')}`, new Date(at).toISOString()]);
      if (pending.length >= VOTES_PER_TX) await flush();
    }
  }
  if (pending.length) await flush();
  const tVotes = performance.now();
  return {
    ids: problems.map((p) => p.id),
    problems: new Map(problems.map((p) => [p.id, p])),
    votes: opts.votes,
    seconds: { problems: (tProblems - t0) / 1000, votes: (tVotes - tProblems) / 1000, total: (tVotes - t0) / 1000 },
    voteCounts: [...counts].sort((a, b) => b - a),
    recentVotes,
  };
}
