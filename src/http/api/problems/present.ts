import { z } from 'zod';
import type { ProblemDetail, ProblemListPage } from '../../../actions/community/read-problems.ts';
import type { Problem, ProblemComment, ProblemFacet, ProblemStatusChange } from '../../../domain/community/problems.ts';
import { PROBLEM_STATUSES } from '../../../domain/community/problems.ts';
import type { VoteOutcome } from '../../../ports/store/problems.ts';

/** How problems leave the API. */

export const problemUrl = (id: string): string => `/api/v1/problems/${encodeURIComponent(id)}`;

const placeSchema = z.union([
  z.object({ kind: z.literal('point'), lat: z.number(), lon: z.number() }),
  z.object({ kind: z.literal('area'), area: z.string() }),
  z.object({ kind: z.literal('citywide') }),
]);

export const problemSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().describe('What happens'),
  affected: z.string().describe('Who is affected'),
  category: z.string(),
  place: placeSchema,
  area: z.string().nullable().describe('The boundary area it lies in, when known'),
  status: z.enum(PROBLEM_STATUSES),
  status_reason: z.string().nullable(),
  organization_id: z.string().nullable().describe('The organization it is assigned to'),
  votes: z.number().int(),
  voted: z.boolean().nullable().describe('Whether the caller voted on it; null for anonymous callers'),
  hidden: z.boolean(),
  merged_into: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  links: z.object({ self: z.string(), vote: z.string() }),
});

export function presentProblem(p: Problem, voted: boolean | null): z.infer<typeof problemSchema> {
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    affected: p.affected,
    category: p.category,
    place: p.place,
    area: p.area,
    status: p.status,
    status_reason: p.statusReason,
    organization_id: p.organizationId,
    votes: p.votes,
    voted,
    hidden: p.hidden,
    merged_into: p.mergedInto,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    links: { self: problemUrl(p.id), vote: `${problemUrl(p.id)}/vote` },
  };
}

const facetSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));

export const problemListSchema = z.object({
  total: z.number().int(),
  results: z.array(problemSchema),
  facets: z
    .object({ category: facetSchema, status: facetSchema, area: facetSchema })
    .describe('The problems found, counted by category, status and area, most first; each count applies every filter but its own'),
});

export function presentProblemList(page: ProblemListPage, signedIn: boolean): z.infer<typeof problemListSchema> {
  const facet = (f: ProblemFacet) => page.facets?.[f] ?? [];
  return {
    total: page.total,
    results: page.results.map((p) => presentProblem(p, signedIn ? page.voted.has(p.id) : null)),
    facets: { category: facet('category'), status: facet('status'), area: facet('area') },
  };
}

const changeSchema = z.object({ from: z.enum(PROBLEM_STATUSES), to: z.enum(PROBLEM_STATUSES), reason: z.string().nullable(), at: z.string() });
export const commentSchema = z.object({ id: z.string(), author: z.object({ name: z.string() }), body: z.string(), hidden: z.boolean(), created_at: z.string() });
export const presentComment = (c: ProblemComment): z.infer<typeof commentSchema> => ({ id: c.id, author: { name: c.authorName }, body: c.body, hidden: c.hidden, created_at: c.createdAt });

export const problemDetailSchema = problemSchema.extend({
  history: z.array(changeSchema).describe('Its changes of status, oldest first'),
  comments: z.array(commentSchema).describe('Oldest first; hidden ones only for those who may triage the problem'),
});

const presentChange = (c: ProblemStatusChange): z.infer<typeof changeSchema> => ({ from: c.from, to: c.to, reason: c.reason, at: c.at });

export function presentProblemDetail(d: ProblemDetail, signedIn: boolean): z.infer<typeof problemDetailSchema> {
  return { ...presentProblem(d.problem, signedIn ? d.votedByYou : null), history: d.history.map(presentChange), comments: d.comments.map(presentComment) };
}

export const voteSchema = z.object({ voted: z.boolean(), changed: z.boolean().describe('false when the vote was already there, or already gone'), votes: z.number().int() });
export const presentVote = (o: VoteOutcome, voted: boolean): z.infer<typeof voteSchema> => ({ voted, changed: o.changed, votes: o.votes });
