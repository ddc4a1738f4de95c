import { parseArgs } from 'node:util';
import { requestHarvestedData } from '../actions/harvest/harvested.ts';
import { runHarvest } from '../actions/harvest/run-harvest.ts';
import { listSourceViews, openRun, type SourceView } from '../actions/harvest/source-views.ts';
import { addSource, getRun, getSource, listSources } from '../actions/harvest/sources.ts';
import { waitForJob } from '../actions/jobs/get-job.ts';
import type { Deps, Principal } from '../actions/deps.ts';
import type { NewPassword } from '../actions/auth/first-password.ts';
import { AppError } from '../domain/errors.ts';
import type { HarvestRun, HarvestSource } from '../domain/harvest/types.ts';
import { maskUrl } from '../domain/net/mask-url.ts';
import { ensureFirstAdmin } from './admin-token.ts';
import { HARVEST_HELP } from './help.ts';

/** What `plaza harvest` needs beside the actions' dependencies. */
export interface HarvestContext {
  /** The data folder, where the first administrator's token is kept: the CLI acts as that administrator. */
  dataDir: string;
  /** Starts running queued jobs in this process (data loads). */
  startWorker: () => Promise<void>;
  password?: Promise<NewPassword> | undefined;
}

interface Out {
  write(s: string): unknown;
}

/** Errors of a run the report prints one by one. */
const SHOWN_ERRORS = 20;

/** A wrong command line: the message and the usage, exit code 2. */
class UsageError extends Error {}

/** A run's report as the CLI prints it: what it did, up to 20 records it could not take, and why a failed run stopped. */
export function formatReport(source: Pick<HarvestSource, 'name' | 'kind'>, run: HarvestRun): string {
  const c = run.counts;
  const lines = [`${source.name} (${source.kind}), run ${run.id}: ${run.status}`, `  created ${c.created}, updated ${c.updated}, archived ${c.archived}, unchanged ${c.unchanged}, errors ${c.errors}`];
  if (run.errors.length) {
    lines.push(`  records not taken${c.errors > SHOWN_ERRORS ? ` (the first ${SHOWN_ERRORS} of ${c.errors})` : ''}:`);
    for (const e of run.errors.slice(0, SHOWN_ERRORS)) lines.push(`    - ${e.identifier ?? e.title ?? '(no identifier)'}: ${e.reason}`);
  }
  if (run.message) lines.push(`  ${run.status === 'failed' ? 'failed' : 'note'}: ${run.message}`);
  return `${lines.join('\n')}\n`;
}

const when = (iso: string | null | undefined): string => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

/** The sources as a plain table: id, name, kind, address, roles, schedule, last run. */
export function formatSources(views: SourceView[]): string {
  if (!views.length) return 'No harvest sources or peers yet. Add one with: plaza harvest add --kind KIND URL\n';
  const rows = [['ID', 'NAME', 'KIND', 'URL', 'ROLES', 'SCHEDULE', 'LAST RUN']];
  for (const { source: s, lastRun } of views) {
    const roles = [s.harvest ? 'harvest' : '', s.peer ? 'peer' : ''].filter(Boolean).join(',');
    const schedule = !s.harvest ? '-' : s.scheduleHours === null ? 'manual' : `every ${s.scheduleHours} h`;
    rows.push([s.id, s.name, s.kind, maskUrl(s.url), roles, schedule, lastRun ? `${lastRun.status} ${when(lastRun.finishedAt ?? lastRun.startedAt)}` : 'never']);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

async function add(deps: Deps, actor: Principal, args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { kind: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' }, peer: { type: 'boolean' }, 'no-harvest': { type: 'boolean' }, every: { type: 'string' }, manual: { type: 'boolean' } },
  });
  const url = positionals[0];
  if (!values.kind || !url || positionals.length > 1) throw new UsageError('plaza harvest add takes --kind KIND and one URL.');
  if (values.every !== undefined && values.manual) throw new UsageError('Give --every HOURS or --manual, not both.');
  const hours = values.every === undefined ? undefined : Number(values.every);
  if (hours !== undefined && !Number.isInteger(hours)) throw new UsageError(`--every takes a whole number of hours, got "${values.every}".`);
  const source = await addSource(deps, actor, {
    kind: values.kind,
    url,
    ...(values.name ? { name: values.name } : {}),
    ...(values.org ? { organization: values.org } : {}),
    harvest: !values['no-harvest'],
    peer: Boolean(values.peer),
    ...(values.manual ? { schedule_hours: null } : hours !== undefined ? { schedule_hours: hours } : {}),
  });
  const roles = [source.harvest ? (source.scheduleHours === null ? 'harvested on demand' : `harvested every ${source.scheduleHours} h`) : '', source.peer ? 'a peer' : ''].filter(Boolean).join(', ');
  out.write(`Added ${source.name} (${source.kind}, ${maskUrl(source.url)}): ${roles}.\nid: ${source.id}\n`);
  if (source.harvest) out.write(`Run it now with: plaza harvest run ${source.id}\n`);
  return 0;
}

/**
 * Runs one source, or every harvested source, in this process and prints
 * each report. A run a stopped `plaza harvest run` left behind is resumed; a
 * run the portal's worker holds is left to it.
 */
async function run(deps: Deps, actor: Principal, args: string[], out: Out): Promise<number> {
  if (args.length > 1) throw new UsageError('plaza harvest run takes at most one source id.');
  const sources = args[0] ? [await getSource(deps, actor, args[0])] : (await listSources(deps, actor)).filter((s) => s.harvest);
  if (args[0] && !sources[0]!.harvest) throw new AppError('conflict', `${sources[0]!.name} is listed as a peer only; turn harvesting on to bring its datasets in.`);
  if (!sources.length) {
    out.write('No sources to harvest. Add one with: plaza harvest add --kind KIND URL\n');
    return 0;
  }
  let failed = 0;
  for (const source of sources) {
    const open = await openRun(deps, actor, source.id);
    if (open?.jobId) {
      out.write(`${source.name}: run ${open.id} is ${open.status} in the portal's worker (job ${open.jobId}); see it with: plaza harvest report ${open.id}\n`);
      continue;
    }
    if (open) out.write(`${source.name}: resuming run ${open.id}, left ${open.status} by a stopped process.\n`);
    const done = await runHarvest(deps, source.id, { trigger: 'manual', ...(open ? { runId: open.id } : {}) });
    out.write(formatReport(source, done));
    if (done.status === 'failed') failed++;
  }
  return failed ? 1 : 0;
}

/** Queues the data loads of a source's datasets and waits for them, printing progress. */
async function fetchData(deps: Deps, actor: Principal, ctx: HarvestContext, args: string[], out: Out): Promise<number> {
  if (args.length !== 1) throw new UsageError('plaza harvest fetch takes one source id.');
  const source = await getSource(deps, actor, args[0]!);
  const job = await requestHarvestedData(deps, actor, { source: source.id });
  const total = (job.payload.datasetIds as string[]).length;
  out.write(`Loading the data of ${total} datasets of ${source.name}…\n`);
  await ctx.startWorker();
  let shown = -1;
  const done = await waitForJob(deps, job.id, (j) => {
    if (j.rowsRead !== shown && j.rowsRead % 25 === 0) out.write(`  ${j.rowsRead} of ${total} datasets read\n`);
    shown = j.rowsRead;
  });
  const queued = ((done.result?.queued as Array<{ dataset: string; job: string }> | undefined) ?? []);
  let loaded = 0;
  for (const q of queued) {
    const ingest = await waitForJob(deps, q.job);
    if (ingest.status === 'succeeded') {
      loaded++;
      out.write(`  ${q.dataset}: ${Number(ingest.result?.rows ?? 0)} rows\n`);
    } else out.write(`  ${q.dataset}: failed: ${ingest.errors[0]?.message ?? 'unknown reason'}\n`);
  }
  for (const e of done.errors.slice(0, SHOWN_ERRORS)) out.write(`  not loaded: ${e.message}\n`);
  if (done.errors.length > SHOWN_ERRORS) out.write(`  …and ${done.errors.length - SHOWN_ERRORS} more not loaded\n`);
  out.write(`${loaded} of ${total} datasets loaded.\n`);
  return done.status === 'failed' || loaded < queued.length ? 1 : 0;
}

/** `plaza harvest …`: returns the exit code. */
export async function harvestCommand(deps: Deps, ctx: HarvestContext, argv: string[], out: Out, err: Out): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h' || sub === 'help') {
    out.write(HARVEST_HELP);
    return 0;
  }
  try {
    if (!['add', 'list', 'run', 'report', 'fetch'].includes(sub)) throw new UsageError(`There is no "plaza harvest ${sub}".`);
    const { principal: actor } = await ensureFirstAdmin(deps, ctx.dataDir, ctx.password);
    if (sub === 'add') return await add(deps, actor, rest, out);
    if (sub === 'list') {
      out.write(formatSources(await listSourceViews(deps, actor)));
      return 0;
    }
    if (sub === 'run') return await run(deps, actor, rest, out);
    if (sub === 'report') {
      if (rest.length !== 1) throw new UsageError('plaza harvest report takes one run id.');
      const { source, run: r } = await getRun(deps, actor, rest[0]!);
      out.write(formatReport(source, r));
      return 0;
    }
    return await fetchData(deps, actor, ctx, rest, out);
  } catch (e) {
    const usage = e instanceof UsageError || (e instanceof TypeError && (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS'));
    if (!usage) throw e;
    err.write(`plaza: ${e.message}\n\n${HARVEST_HELP}`);
    return 2;
  }
}
