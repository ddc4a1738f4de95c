import { z } from 'zod';
import { canAdminister, canEditIn, isSiteAdmin, roleIn } from '../../domain/accounts/policy.ts';
import { ROLES, type Membership, type User } from '../../domain/accounts/types.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { slugify, SLUG_PATTERN } from '../../domain/catalog/slug.ts';
import type { Organization } from '../../domain/catalog/types.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { recordActivity } from '../activity/record.ts';
import { deny } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { lookupEmailField } from './fields.ts';

const orgName = z.string({ message: 'Enter a name.' }).trim().min(1, 'Enter a name.').max(200, 'The name must be at most 200 characters long.');
const orgDescription = z.string().trim().max(5000, 'The description must be at most 5,000 characters long.');

export const newOrganizationFields = z.object({
  name: orgName,
  slug: z.string().trim().toLowerCase().max(80).regex(SLUG_PATTERN, 'Use lowercase letters, digits and single hyphens, like "parks-and-recreation".').optional(),
  description: orgDescription.default(''),
});

export const organizationPatchFields = z.object({ name: orgName.optional(), description: orgDescription.optional() });

export const memberFields = z.object({
  email: lookupEmailField,
  role: z.enum(ROLES, { message: 'Choose a role: viewer, editor or admin.' }),
});

/** Every organization, by name. Anyone may see them. */
export async function listOrganizations(deps: Deps): Promise<Organization[]> {
  return deps.catalog.datasets.listOrganizations();
}

/** One organization by id or slug. Anyone may see it. */
/** The organizations the principal publishes for: those they may create datasets in, and those they administer (and so review). */
export async function publisherOrganizations(deps: Deps, p: Principal): Promise<{ editable: Organization[]; administered: Organization[] }> {
  const editable = (await deps.catalog.datasets.listOrganizations()).filter((o) => canEditIn(p, o.id));
  return { editable, administered: editable.filter((o) => canAdminister(p, o.id)) };
}

export async function getOrganization(deps: Deps, idOrSlug: string): Promise<Organization> {
  const org = await deps.catalog.datasets.getOrganization(idOrSlug);
  if (!org) throw notFound('Organization', idOrSlug);
  return org;
}

/** Creates an organization (a department); its slug comes from the name unless given. Site administrators only. */
export async function createOrganization(deps: Deps, p: Principal, input: unknown): Promise<Organization> {
  if (!isSiteAdmin(p)) deny(p, 'Creating organizations is for site administrators.');
  const parsed = newOrganizationFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The organization is', parsed.error);
  const slug = parsed.data.slug ?? slugify(parsed.data.name);
  if (await deps.catalog.datasets.getOrganization(slug)) throw new AppError('conflict', `An organization with the slug "${slug}" exists already; choose another slug.`, { slug });
  const org: Organization = { id: deps.newId(), slug, name: parsed.data.name, description: parsed.data.description, createdAt: deps.clock.now().toISOString() };
  await deps.catalog.transaction(async (tx) => {
    await tx.datasets.createOrganization(org);
    await recordActivity(deps, tx, p, { verb: 'organization.created', organizationId: org.id, summary: `created the organization ${org.name}`, details: { slug } });
  });
  return org;
}

/** Changes an organization's name or description. Its admins only. */
export async function updateOrganization(deps: Deps, p: Principal, idOrSlug: string, input: unknown): Promise<Organization> {
  const org = await getOrganization(deps, idOrSlug);
  if (!canAdminister(p, org.id)) deny(p, `Changing ${org.name} is for its administrators (with a session or an admin-scoped token).`);
  const parsed = organizationPatchFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The organization change is', parsed.error);
  const changed = Object.keys(parsed.data).filter((k) => parsed.data[k as keyof typeof parsed.data] !== undefined);
  if (changed.length === 0) return org;
  await deps.catalog.transaction(async (tx) => {
    await tx.datasets.updateOrganization(org.id, parsed.data);
    await recordActivity(deps, tx, p, { verb: 'organization.updated', organizationId: org.id, summary: `changed the ${changed.join(' and ')} of ${parsed.data.name ?? org.name}`, details: { fields: changed } });
  });
  return { ...org, ...parsed.data };
}

/** The members of an organization with their roles. Its members and site administrators only. */
export async function listMembers(deps: Deps, p: Principal, idOrSlug: string): Promise<Array<Membership & { user: User }>> {
  const org = await getOrganization(deps, idOrSlug);
  if (p.kind !== 'user' || !p.scopes.includes('read') || roleIn(p, org.id) === undefined) deny(p, `The members of ${org.name} are visible to its members only.`);
  return deps.catalog.accounts.listMembers(org.id);
}

/**
 * Refuses a change that would leave an organization without an admin, when an
 * org admin makes it (a site administrator can always repair it).
 */
async function keepAnAdmin(deps: Deps, p: Principal, org: Organization, userId: string, doing: string): Promise<void> {
  if (isSiteAdmin(p)) return;
  const members = await deps.catalog.accounts.listMembers(org.id);
  const admins = members.filter((m) => m.role === 'admin');
  if (admins.length === 1 && admins[0]?.userId === userId) {
    throw new AppError('conflict', `You cannot ${doing}: you are the last admin of ${org.name}. Make someone else an admin first.`, { organization: org.slug });
  }
}

/** Adds a member by the email of an existing account, or changes their role. The organization's admins only. */
export async function setMember(deps: Deps, p: Principal, idOrSlug: string, input: unknown): Promise<Membership & { user: User }> {
  const org = await getOrganization(deps, idOrSlug);
  if (!canAdminister(p, org.id)) deny(p, `Managing the members of ${org.name} is for its administrators.`);
  const parsed = memberFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The member is', parsed.error);
  const { email, role } = parsed.data;
  const user = await deps.catalog.accounts.findUserByEmail(email);
  if (!user) throw new AppError('not_found', `No account uses ${email}. Ask them to sign up first, or a site administrator to create the account.`, { email });
  const existing = (await deps.catalog.accounts.listMembers(org.id)).find((m) => m.userId === user.id);
  if (existing?.role === role) return existing;
  if (existing?.role === 'admin') await keepAnAdmin(deps, p, org, user.id, 'give up your admin role');
  const membership: Membership = { organizationId: org.id, userId: user.id, role, createdAt: existing?.createdAt ?? deps.clock.now().toISOString() };
  await deps.catalog.transaction(async (tx) => {
    await tx.accounts.putMembership(membership);
    const summary = existing ? `changed the role of ${user.name} in ${org.name} from ${existing.role} to ${role}` : `added ${user.name} to ${org.name} as ${role}`;
    await recordActivity(deps, tx, p, { verb: 'member.added', organizationId: org.id, summary, details: { user_id: user.id, role, previous_role: existing?.role ?? null } });
  });
  return { ...membership, user };
}

/** Removes someone from an organization. The organization's admins only. */
export async function removeMember(deps: Deps, p: Principal, idOrSlug: string, userId: string): Promise<void> {
  const org = await getOrganization(deps, idOrSlug);
  if (!canAdminister(p, org.id)) deny(p, `Managing the members of ${org.name} is for its administrators.`);
  const existing = (await deps.catalog.accounts.listMembers(org.id)).find((m) => m.userId === userId);
  if (!existing) throw notFound('Member', userId);
  if (existing.role === 'admin') await keepAnAdmin(deps, p, org, userId, 'remove yourself');
  await deps.catalog.transaction(async (tx) => {
    await tx.accounts.removeMembership(org.id, userId);
    await recordActivity(deps, tx, p, { verb: 'member.removed', organizationId: org.id, summary: `removed ${existing.user.name} from ${org.name}`, details: { user_id: userId, role: existing.role } });
  });
}
