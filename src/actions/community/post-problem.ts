import { invalidInput } from '../../domain/catalog/schemas.ts';
import { newProblemFields } from '../../domain/community/problem-input.ts';
import { type Problem, type ProblemPlace } from '../../domain/community/problems.ts';
import { AppError } from '../../domain/errors.ts';
import { areaAt, withinAreas } from '../../domain/map/contains.ts';
import { subjectOf } from '../../domain/activity/types.ts';
import { requireTakingPart } from './take-part.ts';
import type { Deps, Principal } from '../deps.ts';
import { saveRecorded } from './save-recorded.ts';
import { cityAreas } from '../site/city-areas.ts';
import { getSite } from '../site/settings.ts';

const refused = (field: string, message: string): AppError => new AppError('validation_failed', `The problem is not valid: ${field}: ${message}`, { fields: [{ field, message }] });

/**
 * The area a problem lies in, from the city's areas (the dataset of areas the
 * site names): the one a point falls in, or the one named. A point outside
 * the city's bounds, or an area the city does not have, is refused. Without
 * areas, points have none and a named area is kept as typed.
 */
async function areaOf(deps: Deps, place: ProblemPlace): Promise<string | null> {
  if (place.kind === 'citywide') return null;
  const city = await cityAreas(deps);
  if (place.kind === 'area') {
    if (!city) return place.area;
    const found = city.areas.find((a) => a.title === place.area || a.title.split(/,\s*/).includes(place.area));
    if (!found) throw refused('place.area', `There is no area "${place.area}" in the city; areas are named like ${city.areas[0]!.title}.`);
    return found.title;
  }
  if (!city) return null;
  const at: [number, number] = [place.lon, place.lat];
  if (!withinAreas(city.areas, at)) throw refused('place', 'The point is outside the city; pick a point in the city, or choose citywide.');
  return areaAt(city.areas, at)?.title ?? null;
}

/**
 * Posts a problem to the inventory as the signed-in resident: new, with no
 * votes, in the city's area it lies in, assigned to no organization until
 * triage assigns it. When the site allows it, someone without an account
 * posts too: the problem is held (hidden, with no author) until a moderator
 * approves it, and the activity stream does not name it meanwhile.
 */
export async function postProblem(deps: Deps, p: Principal, input: unknown): Promise<Problem> {
  const site = await getSite(deps);
  const held = p.kind === 'anonymous' && site.anonymousProblems;
  if (!held) requireTakingPart(p, 'Posting a problem');
  const parsed = newProblemFields(site.problemCategories).safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The problem is', parsed.error);
  const v = parsed.data;
  const now = deps.clock.now().toISOString();
  const problem: Problem = {
    id: deps.newId(),
    title: v.title,
    description: v.description,
    affected: v.affected,
    category: v.category,
    place: v.place,
    area: await areaOf(deps, v.place),
    status: 'new',
    statusReason: null,
    organizationId: null,
    authorId: p.kind === 'user' ? p.userId : null,
    hidden: held,
    mergedInto: null,
    votes: 0,
    createdAt: now,
    updatedAt: now,
  };
  return saveRecorded(deps, p, problem, (tx) => tx.problems.createProblem(problem), { verb: 'problem.posted', organizationId: null, summary: held ? 'posted a problem without an account, held for moderation' : `posted the problem “${problem.title}”`, details: { problem_id: problem.id }, subject: subjectOf('problem', problem.id) });
}
