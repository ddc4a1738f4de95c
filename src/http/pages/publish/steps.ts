import { getDataset, type DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { editableDataset } from '../../../actions/catalog/access.ts';
import { getJobFor } from '../../../actions/jobs/get-job.ts';
import type { Job } from '../../../domain/catalog/types.ts';
import { AppError } from '../../../domain/errors.ts';
import type { HttpContext } from '../../context.ts';
import type { Editor } from './request.ts';

/** A dataset the person may edit, with everything its steps show; the action refuses anyone else. */
export async function datasetToEdit(ctx: HttpContext, who: Editor, slug: string): Promise<DatasetDetail> {
  await editableDataset(ctx.deps, who.p, slug);
  return getDataset(ctx.deps, who.p, slug);
}

/** The ingest job named in the page's URL, when it loads this dataset; anything else is ignored. */
export async function jobOf(ctx: HttpContext, who: Editor, d: DatasetDetail, id: unknown): Promise<Job | undefined> {
  if (typeof id !== 'string' || !id || id.length > 100) return undefined;
  try {
    const job = await getJobFor(ctx.deps, who.p, id);
    return job.payload.datasetId === d.dataset.id ? job : undefined;
  } catch (e) {
    if (e instanceof AppError && (e.code === 'not_found' || e.code === 'forbidden')) return undefined;
    throw e;
  }
}
