import { z } from 'zod';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import type { Resource } from '../../domain/catalog/types.ts';
import { notFound } from '../../domain/errors.ts';
import { hasCredentials } from '../../domain/net/mask-url.ts';
import { recordActivity } from '../activity/record.ts';
import type { Deps, Principal } from '../deps.ts';
import { editableDataset } from './access.ts';

export const linkFields = z.object({
  kind: z.enum(['link', 'api'], { message: 'is "link" (a page or document elsewhere) or "api" (a service elsewhere); files are uploaded.' }),
  name: z.string().trim().min(1, 'Name the resource.').max(200),
  url: z
    .url({ protocol: /^https?$/, message: 'Give an http:// or https:// address.' })
    .refine((u) => !hasCredentials(u), 'Leave the user name and password out of the address: everyone who sees the link would read them.'),
  description: z.string().trim().max(5000).default(''),
  format: z.string().trim().toLowerCase().max(40).optional(),
});

/** Adds a link or an API description to a dataset (editors); nothing is downloaded. */
export async function addLink(deps: Deps, p: Principal, idOrSlug: string, input: unknown): Promise<Resource> {
  const parsed = linkFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The resource is', parsed.error);
  const r = parsed.data;
  return deps.catalog.transaction(async (tx) => {
    const dataset = await editableDataset(deps, p, idOrSlug, tx);
    const now = deps.clock.now().toISOString();
    const resource: Resource = {
      id: deps.newId(),
      datasetId: dataset.id,
      kind: r.kind,
      name: r.name,
      description: r.description,
      sourceUrl: r.url,
      blobKey: null,
      sizeBytes: null,
      format: r.format ?? (r.kind === 'api' ? 'api' : 'html'),
      createdAt: now,
    };
    await tx.datasets.createResource(resource);
    await tx.datasets.updateDataset(dataset.id, { updatedAt: now });
    await recordActivity(deps, tx, p, { verb: 'resource.added', datasetId: dataset.id, organizationId: dataset.organizationId, summary: `added the ${r.kind} ${r.name}`, details: { resource: resource.id, kind: r.kind } });
    return resource;
  });
}

/** Removes a resource (editors); versions loaded from a file keep their data. */
export async function removeResource(deps: Deps, p: Principal, idOrSlug: string, resourceId: string): Promise<void> {
  await deps.catalog.transaction(async (tx) => {
    const dataset = await editableDataset(deps, p, idOrSlug, tx);
    const resource = await tx.datasets.getResource(resourceId);
    if (!resource || resource.datasetId !== dataset.id) throw notFound('Resource', resourceId);
    await tx.datasets.deleteResource(resourceId);
    await tx.datasets.updateDataset(dataset.id, { updatedAt: deps.clock.now().toISOString() });
  });
}
