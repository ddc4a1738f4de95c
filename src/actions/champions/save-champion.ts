import { anonymous } from '../../domain/accounts/principal.ts';
import { canSeeDataset } from '../../domain/accounts/policy.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { canCreateChampion, canEditChampion, canSeeChampion, ownsChampion } from '../../domain/program/champion-policy.ts';
import { championFields, championSlug, type Champion, type ChampionInput } from '../../domain/program/champions.ts';
import { canRunProgram } from '../../domain/program/policy.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import { recordActivity } from '../activity/record.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { siteThemes } from '../site/settings.ts';

const refuse = (field: string, message: string): AppError =>
  new AppError('validation_failed', `The champion profile is not valid: ${field}: ${message}`, { fields: [{ field, message }] });

/** The projects named, by slug or id, as their ids in id order; an unknown one refuses the whole input. Projects are public. */
async function projectIdsOf(store: CatalogStore, names: string[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const name of names) {
    const project = await store.projects.getProject(name);
    if (!project) throw refuse('projects', `There is no project "${name}"; name projects by their slug.`);
    ids.add(project.id);
  }
  return [...ids].sort();
}

/** The input checked against the catalog: a real organization, the site's themes, public datasets and projects (by slug or id). */
async function resolve(deps: Deps, store: CatalogStore, v: ChampionInput): Promise<{ organizationId: string | null; datasetIds: string[]; projectIds: string[] }> {
  let organizationId: string | null = null;
  if (v.organization) {
    const org = await store.datasets.getOrganization(v.organization);
    if (!org) throw refuse('organization', `There is no organization "${v.organization}".`);
    organizationId = org.id;
  }
  const themes = await siteThemes(deps);
  const unknown = v.topics.find((t) => !themes.includes(t));
  if (unknown !== undefined) throw refuse('topics', `"${unknown}" is not one of the catalog's themes.`);
  const datasetIds: string[] = [];
  for (const name of v.datasets) {
    const d = await store.datasets.getDataset(name);
    if (!d || !canSeeDataset(anonymous, d)) throw refuse('datasets', `There is no published dataset "${name}"; name datasets by their slug.`);
    if (!datasetIds.includes(d.id)) datasetIds.push(d.id);
  }
  return { organizationId, datasetIds, projectIds: await projectIdsOf(store, v.projects) };
}

function parse(input: unknown): ChampionInput {
  const parsed = championFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The champion profile is', parsed.error);
  return parsed.data;
}

/**
 * Staff publish someone else's profile only with a note of how the person
 * agreed; a person publishes their own.
 */
function checkConsent(p: Principal, c: Pick<Champion, 'userId'>, v: ChampionInput, wasPublished: boolean): void {
  if (v.published && !wasPublished && !ownsChampion(p, c) && !v.consent) throw refuse('consent', 'Record how the person agreed to be shown before publishing the profile.');
}

async function uniqueSlug(store: CatalogStore, name: string): Promise<string> {
  const base = championSlug(name);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await store.champions.championSlugTaken(slug))) return slug;
  }
}

/**
 * A new champion profile. Program staff create profiles for anyone (not
 * linked to an account unless `self`); anyone else creates their own,
 * linked to their account, one per account.
 */
export async function createChampion(deps: Deps, p: Principal, input: unknown, opts: { self?: boolean } = {}): Promise<Champion> {
  requireUser(p, 'Creating a champion profile');
  if (!canCreateChampion(p)) deny(p, 'Creating a champion profile needs a confirmed email address and a token with the write scope.');
  const v = parse(input);
  const self = opts.self === true || !canRunProgram(p);
  if (self && (await deps.catalog.champions.getChampionOfUser(p.userId))) throw new AppError('conflict', 'You have a champion profile already; edit it instead.');
  const userId = self ? p.userId : null;
  checkConsent(p, { userId }, v, false);
  const now = deps.clock.now().toISOString();
  return deps.catalog.transaction(async (tx) => {
    const { organizationId, datasetIds, projectIds } = await resolve(deps, tx, v);
    const c: Champion = {
      id: deps.newId(),
      slug: await uniqueSlug(tx, v.name),
      name: v.name,
      tier: v.tier,
      organizationId,
      department: v.department,
      topics: v.topics,
      bio: v.bio,
      channels: v.channels,
      datasetIds,
      projectIds,
      userId,
      published: v.published,
      consent: self ? '' : v.consent,
      createdBy: p.userId,
      createdAt: now,
      updatedAt: now,
    };
    await tx.champions.createChampion(c);
    await recordActivity(deps, tx, p, { verb: 'champion.added', organizationId, summary: 'added a data champion profile', details: { champion_id: c.id } });
    if (c.published) await recordActivity(deps, tx, p, { verb: 'champion.published', organizationId, summary: `published the data champion profile of ${c.name}`, details: { champion_id: c.id, slug: c.slug } });
    return c;
  });
}

/** Replaces a profile's fields: program staff, or the person it belongs to. */
export async function updateChampion(deps: Deps, p: Principal, idOrSlug: string, input: unknown): Promise<Champion> {
  requireUser(p, 'Editing a champion profile');
  const before = await deps.catalog.champions.getChampion(idOrSlug);
  if (!before || !canEditChampion(p, before)) {
    if (before && canSeeChampion(p, before)) deny(p, 'Only program staff and the person it belongs to may edit a champion profile.');
    throw notFound('Champion', idOrSlug);
  }
  const v = parse(input);
  checkConsent(p, before, v, before.published);
  return deps.catalog.transaction(async (tx) => {
    const { organizationId, datasetIds, projectIds } = await resolve(deps, tx, v);
    const c: Champion = {
      ...before,
      name: v.name,
      tier: v.tier,
      organizationId,
      department: v.department,
      topics: v.topics,
      bio: v.bio,
      channels: v.channels,
      datasetIds,
      projectIds,
      published: v.published,
      consent: ownsChampion(p, before) ? before.consent : v.consent || before.consent,
      updatedAt: deps.clock.now().toISOString(),
    };
    await tx.champions.updateChampion(c);
    await recordActivity(deps, tx, p, { verb: 'champion.updated', organizationId, summary: 'updated a data champion profile', details: { champion_id: c.id } });
    if (c.published && !before.published) await recordActivity(deps, tx, p, { verb: 'champion.published', organizationId, summary: `published the data champion profile of ${c.name}`, details: { champion_id: c.id, slug: c.slug } });
    return c;
  });
}
