import { escapeHtml } from '../../domain/notify/html.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { visibilityFields } from '../../domain/community/problem-input.ts';
import { canModerate } from '../../domain/community/policy.ts';
import type { Problem } from '../../domain/community/problems.ts';
import { subjectOf } from '../../domain/activity/types.ts';
import { recordActivity } from '../activity/record.ts';
import { deny } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { visibleProblem } from './access.ts';


/** The email telling a problem's author it was hidden (with the reason) or shown again. */
function notice(deps: Deps, problem: Problem, name: string, hidden: boolean, reason: string): { subject: string; text: string; html: string } {
  const site = deps.site.name;
  const link = `${deps.site.baseUrl}/problems/${encodeURIComponent(problem.id)}`;
  const subject = hidden ? `Your problem “${problem.title}” is hidden on ${site}` : `Your problem “${problem.title}” is shown again on ${site}`;
  const lines = [
    `Hello ${name},`,
    hidden ? `A moderator of ${site} hid the problem you posted, “${problem.title}”, from the public. The reason:` : `A moderator of ${site} showed the problem you posted, “${problem.title}”, to the public again.`,
    ...(reason ? [reason] : []),
    hidden ? `You can still see it, and reply to the moderators by commenting once it is shown again: ${link}` : link,
    site,
  ];
  return { subject, text: `${lines.join('\n\n')}\n`, html: lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n') + '\n' };
}

/**
 * Hides a problem from the public with a reason, or shows it again, kept in
 * the activity stream; its author is told by email. Moderators do this.
 */
export async function setProblemHidden(deps: Deps, p: Principal, id: string, input: unknown): Promise<Problem> {
  const parsed = visibilityFields.safeParse(input ?? {});
  return deps.catalog.transaction(async (tx) => {
    const problem = await visibleProblem(deps, p, id, tx);
    if (!canModerate(p)) deny(p, 'Only moderators may hide or show problems.');
    if (!parsed.success) throw invalidInput('The change is', parsed.error);
    const { hidden, reason } = parsed.data;
    if (problem.hidden === hidden) return problem;
    const at = deps.clock.now().toISOString();
    await tx.problems.updateProblem(problem.id, { hidden, updatedAt: at });
    await recordActivity(deps, tx, p, {
      verb: hidden ? 'problem.hidden' : 'problem.restored',
      organizationId: problem.organizationId,
      summary: hidden ? 'hid a problem' : `showed the problem “${problem.title}” again`,
      details: { problem_id: problem.id, ...(reason ? { reason } : {}) },
      subject: subjectOf('problem', problem.id),
    });
    const author = problem.authorId ? await tx.accounts.getUser(problem.authorId) : undefined;
    if (author && !author.disabled) {
      await tx.activity.enqueueMail({ id: deps.newId(), to: author.email, ...notice(deps, problem, author.name, hidden, reason), createdAt: at, attempts: 0, nextAttemptAt: at, sentAt: null, lastError: null });
      deps.signals.send('job-queued');
    }
    return { ...problem, hidden, updatedAt: at };
  });
}
