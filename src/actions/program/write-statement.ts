import { anonymous } from '../../domain/accounts/principal.ts';
import { canSeeDataset } from '../../domain/accounts/policy.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import { statementFields } from '../../domain/program/events.ts';
import type { ProblemStatement } from '../../domain/program/statements.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import { recordActivity } from '../activity/record.ts';
import { advanceProblem } from '../community/advance-problem.ts';
import type { Deps, Principal } from '../deps.ts';
import { eventOr404, eventSubject, fieldError, pickedProblems, requireStaff } from './event-access.ts';

const SUBJECT = 'The problem statement is';

/** The datasets named, by slug or id: each one anybody may see (a statement is public). */
async function publicDatasets(store: CatalogStore, names: string[]): Promise<Dataset[]> {
  const found: Dataset[] = [];
  for (const name of names) {
    const d = await store.datasets.getDataset(name);
    if (!d || !canSeeDataset(anonymous, d)) throw fieldError(SUBJECT, 'datasets', `There is no published dataset "${name}"; name datasets by their slug.`);
    if (!found.some((f) => f.id === d.id)) found.push(d);
  }
  return found;
}

/**
 * Writes a problem statement (program staff), from an event or directly.
 * Each problem it came from moves forward to "scoped" (its followers hear of
 * it); one already further on stays where it is.
 */
export async function writeStatement(deps: Deps, p: Principal, input: unknown): Promise<ProblemStatement> {
  requireStaff(p, 'Writing a problem statement');
  const parsed = statementFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput(SUBJECT, parsed.error);
  const v = parsed.data;
  const event = v.event ? await eventOr404(deps.catalog, v.event) : null;
  const problems = await pickedProblems(deps.catalog, p, v.problems, SUBJECT);
  const datasets = await publicDatasets(deps.catalog, v.datasets);
  const now = deps.clock.now().toISOString();
  const statement: ProblemStatement = {
    id: deps.newId(),
    title: v.title,
    affected: v.affected,
    need: v.need,
    measure: v.measure,
    dataNotes: v.data_notes,
    eventId: event?.id ?? null,
    problemIds: problems.map((x) => x.id),
    datasetIds: datasets.map((d) => d.id),
    authorId: p.kind === 'user' ? p.userId : '',
    createdAt: now,
    updatedAt: now,
  };
  return deps.catalog.transaction(async (tx) => {
    await tx.events.createStatement(statement);
    await recordActivity(deps, tx, p, {
      verb: 'statement.written',
      organizationId: null,
      summary: `wrote the problem statement “${statement.title}”`,
      details: { statement_id: statement.id, ...(event ? { event_id: event.id } : {}) },
      ...(event ? { subject: eventSubject(event.id) } : {}),
    });
    for (const problem of problems) {
      const fresh = (await tx.problems.getProblem(problem.id)) ?? problem;
      await advanceProblem(deps, tx, p, fresh, 'scoped', `Scoped in the problem statement “${statement.title}”.`);
    }
    return statement;
  });
}
