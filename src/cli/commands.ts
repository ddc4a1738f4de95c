import { findEditableDataset } from '../actions/catalog/access.ts';
import type { Deps, Principal } from '../actions/deps.ts';
import type { Dataset } from '../domain/catalog/types.ts';
import { createReadStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { changeStatus } from '../actions/catalog/change-status.ts';
import { createDataset } from '../actions/catalog/create-dataset.ts';
import { createAdminToken } from '../actions/auth/tokens.ts';
import { addResource } from '../actions/ingest/add-resource.ts';
import { waitForJob } from '../actions/jobs/get-job.ts';
import { AppError } from '../domain/errors.ts';
import type { NewPassword } from '../actions/auth/first-password.ts';
import { ensureFirstAdmin } from './admin-token.ts';
import { ProgressLine } from './progress.ts';

export interface LoadArgs {
  file: string;
  org: string;
  title: string;
  slug?: string | undefined;
  description?: string | undefined;
  types: Record<string, string>;
  policy?: string | undefined;
  sheet?: string | undefined;
  license?: string | undefined;
  publish?: boolean | undefined;
  /** Create the organization `org` when there is none of that name (else an unknown one is refused, naming the known ones). */
  createOrg?: boolean | undefined;
}

/** What `plaza load` needs beside the actions' dependencies. */
export interface LoadContext {
  /** The data folder, where the first administrator's token is kept. */
  dataDir: string;
  /** Starts running queued jobs in this process (once the dataset exists). */
  startWorker: () => Promise<void>;
  /** The first administrator's password, begun while the catalog opened (`firstPasswordAhead`). */
  password?: Promise<NewPassword>;
}

/** The dataset `plaza load` creates; an unknown organization's refusal says how to create it. */
async function newDataset(deps: Deps, actor: Principal, args: LoadArgs): Promise<Dataset> {
  const fields = {
    title: args.title,
    organization: args.org,
    description: args.description ?? '',
    ...(args.slug ? { slug: args.slug } : {}),
    ...(args.license ? { license: args.license } : {}),
  };
  try {
    return await createDataset(deps, actor, fields, { createOrganization: args.createOrg ?? false });
  } catch (e) {
    if (e instanceof AppError && Array.isArray(e.details?.organizations)) throw new AppError(e.code, `${e.message} Add --create-org to create "${args.org}".`, e.details);
    throw e;
  }
}

/** `plaza load`: creates the dataset (or adds a version to the one with that slug) and waits for the ingest. */
export async function loadCommand(deps: Deps, ctx: LoadContext, args: LoadArgs, out: NodeJS.WriteStream): Promise<{ slug: string; rows: number; columns: number; seconds: number; rejected: number }> {
  if (!existsSync(args.file)) throw new AppError('validation_failed', `There is no file at ${args.file}.`);
  const started = performance.now();
  const { principal: actor } = await ensureFirstAdmin(deps, ctx.dataDir, ctx.password);
  const existing = args.slug ? await findEditableDataset(deps, actor, args.slug) : undefined;
  const dataset = existing ?? (await newDataset(deps, actor, args));
  await ctx.startWorker();
  const options = { types: args.types, ...(args.policy ? { policy: args.policy } : {}), ...(args.sheet ? { sheet: args.sheet } : {}) };
  const { job } = await addResource(deps, actor, dataset.id, { file: createReadStream(args.file, { highWaterMark: 1 << 20 }), filename: basename(args.file) }, options);
  const bar = new ProgressLine(out);
  const done = await waitForJob(deps, job.id, (j) => bar.update(j, dataset.slug));
  bar.done();
  if (done.status !== 'succeeded') {
    const lines = done.errors.slice(0, 20).map((e) => `  - ${e.message}`);
    throw new AppError('bad_file', `Loading ${basename(args.file)} failed:\n${lines.join('\n')}`);
  }
  if (args.publish && dataset.status !== 'published') await changeStatus(deps, actor, dataset.id, { status: 'published' });
  const result = done.result as { rows: number; columns: number; rejected: number };
  return { slug: dataset.slug, rows: result.rows, columns: result.columns, rejected: result.rejected, seconds: (performance.now() - started) / 1000 };
}

export async function adminCreateCommand(deps: Deps, name: string): Promise<string> {
  const { token } = await createAdminToken(deps, name);
  return token;
}
