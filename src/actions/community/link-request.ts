import { subjectOf } from '../../domain/activity/types.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { requestLinkFields } from '../../domain/community/link-input.ts';
import type { Problem } from '../../domain/community/problems.ts';
import type { DatasetRequest } from '../../domain/community/requests.ts';
import { AppError } from '../../domain/errors.ts';
import { recordActivity } from '../activity/record.ts';
import type { Deps, Principal } from '../deps.ts';
import { linkDataset, triagedProblem } from './link-problem.ts';
import { visibleRequest } from './request-access.ts';
import { unlinkDataset } from './unlink-problem.ts';

/** A request the principal may see; any other is reported as a bad choice, not as the problem missing. */
async function chosenRequest(deps: Deps, p: Principal, target: string): Promise<DatasetRequest> {
  try {
    return await visibleRequest(deps, p, target);
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'not_found')) throw e;
    const message = `There is no request "${target}".`;
    throw new AppError('validation_failed', message, { fields: [{ field: 'target', message }] });
  }
}

function parsed(input: unknown) {
  const r = requestLinkFields.safeParse(input ?? {});
  if (!r.success) throw invalidInput('The link is', r.error);
  return r.data;
}

/**
 * Links a dataset request that bears on a problem to it, kept in the activity
 * stream. Triagers of the problem link requests they may see; linking one
 * twice changes nothing.
 */
export async function linkRequest(deps: Deps, p: Principal, id: string, input: unknown): Promise<{ problem: Problem; request: DatasetRequest; changed: boolean }> {
  const problem = await triagedProblem(deps, p, id);
  const request = await chosenRequest(deps, p, parsed(input).target);
  const changed = await deps.catalog.transaction(async (tx) => {
    const added = await tx.problemLinks.addProblemLink({ problemId: problem.id, kind: 'request', targetId: request.id, linkedBy: p.kind === 'user' ? p.userId : '', linkedAt: deps.clock.now().toISOString() });
    if (!added) return false;
    await recordActivity(deps, tx, p, {
      verb: 'problem.linked',
      datasetId: null,
      organizationId: problem.organizationId,
      summary: `linked the request “${request.title}” to the problem “${problem.title}”`,
      details: { problem_id: problem.id, kind: 'request', target_id: request.id },
      subject: subjectOf('problem', problem.id),
    });
    return true;
  });
  return { problem, request, changed };
}

/** Takes a request's link off a problem, kept in the activity stream; one the triager may no longer see can still be unlinked by its id. */
export async function unlinkRequest(deps: Deps, p: Principal, id: string, input: unknown): Promise<{ problem: Problem; changed: boolean }> {
  const problem = await triagedProblem(deps, p, id);
  const targetId = parsed(input).target;
  const request = await deps.catalog.requests.getRequest(targetId);
  const changed = await deps.catalog.transaction(async (tx) => {
    const removed = await tx.problemLinks.removeProblemLink(problem.id, 'request', targetId);
    if (!removed) return false;
    await recordActivity(deps, tx, p, {
      verb: 'problem.unlinked',
      datasetId: null,
      organizationId: problem.organizationId,
      summary: `took the request “${request?.title ?? targetId}” off the problem “${problem.title}”`,
      details: { problem_id: problem.id, kind: 'request', target_id: targetId },
      subject: subjectOf('problem', problem.id),
    });
    return true;
  });
  return { problem, changed };
}

const isRequest = (input: unknown): boolean => typeof input === 'object' && input !== null && (input as { kind?: unknown }).kind === 'request';

/** Links whatever the input names (a dataset unless `kind` is "request") to a problem. */
export async function linkToProblem(deps: Deps, p: Principal, id: string, input: unknown): Promise<{ problem: Problem; changed: boolean }> {
  return isRequest(input) ? linkRequest(deps, p, id, input) : linkDataset(deps, p, id, input);
}

/** Takes whatever the input names (a dataset unless `kind` is "request") off a problem. */
export async function unlinkFromProblem(deps: Deps, p: Principal, id: string, input: unknown): Promise<{ problem: Problem; changed: boolean }> {
  return isRequest(input) ? unlinkRequest(deps, p, id, input) : unlinkDataset(deps, p, id, input);
}
