import { invalidInput } from '../../domain/catalog/schemas.ts';
import { canSubmitShowcase } from '../../domain/community/showcase-policy.ts';
import { showcaseFields, type Showcase } from '../../domain/community/showcases.ts';
import { AppError } from '../../domain/errors.ts';
import type { ImageRefusal } from '../../ports/images.ts';
import { recordActivity } from '../activity/record.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { publicDatasets } from './access.ts';

/** Why an image was refused, said plainly. */
function imageError(deps: Deps, reason: ImageRefusal): AppError {
  const mb = Math.round(deps.images.maxBytes / (1024 * 1024));
  const message = {
    too_large: `The image is larger than ${mb} MB; send a smaller one.`,
    not_an_image: 'The image is not a JPEG, PNG, WebP or GIF picture, or it is damaged.',
    too_many_pixels: 'The image has too many pixels; send a smaller one.',
  }[reason];
  return new AppError(reason === 'too_large' ? 'payload_too_large' : 'validation_failed', `The showcase is not valid: image: ${message}`, { fields: [{ field: 'image', message }], reason });
}

/**
 * Submits a showcase as the signed-in person: pending until a moderator
 * approves it. The image, when given, is checked and kept at fixed widths
 * first; bad input of any kind keeps nothing.
 */
export async function submitShowcase(deps: Deps, p: Principal, input: unknown, image: Buffer | null = null): Promise<Showcase> {
  requireUser(p, 'Submitting a showcase');
  if (!canSubmitShowcase(p)) deny(p, 'Submitting a showcase needs a token with the write scope.');
  const parsed = showcaseFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The showcase is', parsed.error);
  const v = parsed.data;
  const datasets = await publicDatasets(deps.catalog, v.datasets);
  const id = deps.newId();
  const prefix = `showcases/${id}`;
  if (image && image.length > 0) {
    const saved = await deps.images.save(prefix, image);
    if (!saved.ok) throw imageError(deps, saved.reason);
  }
  const now = deps.clock.now().toISOString();
  const showcase: Showcase = {
    id,
    title: v.title,
    kind: v.kind,
    description: v.description,
    link: v.link,
    madeBy: v.madeBy,
    image: image && image.length > 0 ? prefix : null,
    imageAlt: v.imageAlt,
    state: 'pending',
    stateReason: null,
    authorId: p.userId,
    datasetIds: datasets.map((d) => d.id),
    createdAt: now,
    updatedAt: now,
  };
  try {
    return await deps.catalog.transaction(async (tx) => {
      await tx.showcases.createShowcase(showcase);
      await recordActivity(deps, tx, p, { verb: 'showcase.submitted', organizationId: null, summary: 'submitted a showcase for review', details: { showcase_id: id } });
      return showcase;
    });
  } catch (err) {
    if (showcase.image) await Promise.all(deps.images.widths.map((w) => deps.blobs.delete(deps.images.key(prefix, w)).catch(() => undefined)));
    throw err;
  }
}
