import { z } from 'zod';
import type { Membership, User } from '../../../domain/accounts/types.ts';
import { ROLES } from '../../../domain/accounts/types.ts';
import type { Organization } from '../../../domain/catalog/types.ts';

/** How organizations and their members leave the API. */

export const organizationOut = z.object({ id: z.string(), slug: z.string(), name: z.string(), description: z.string(), created_at: z.string() });

export function presentOrganization(o: Organization): z.infer<typeof organizationOut> {
  return { id: o.id, slug: o.slug, name: o.name, description: o.description, created_at: o.createdAt };
}

export const memberOut = z.object({ user_id: z.string(), email: z.string(), name: z.string(), role: z.enum(ROLES), member_since: z.string() });

export function presentMember(m: Membership & { user: User }): z.infer<typeof memberOut> {
  return { user_id: m.userId, email: m.user.email, name: m.user.name, role: m.role, member_since: m.createdAt };
}
