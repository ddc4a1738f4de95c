import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requestHarvestedData } from '../../../actions/harvest/harvested.ts';
import { addSource, getSource, removeSource, requestHarvest, updateSource } from '../../../actions/harvest/sources.ts';
import { AppError } from '../../../domain/errors.ts';
import { sourceFields, sourcePatchFields } from '../../../domain/harvest/source-input.ts';
import { maskUrl } from '../../../domain/net/mask-url.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import type { HarvestPages } from './pages.ts';
import type { SourceValues } from './source-form.tsx';

const idParams = z.object({ id: z.string().min(1).max(200) });
const HOURS_RULE = 'Give the hours between runs as a whole number, such as 24.';

const strings = (body: unknown): SourceValues => Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter(([k, v]) => typeof v === 'string' && k !== '_csrf')) as SourceValues;

/** The source the form asks for, in the actions' terms; hours that are no whole number are refused here, beside their field. */
export function inputOf(f: SourceValues, adding: boolean): { input: Record<string, unknown>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  let hours: number | null = null;
  if (f.schedule !== 'demand') {
    const text = (f.hours ?? '').trim();
    if (/^\d{1,5}$/.test(text)) hours = Number(text);
    else errors.hours = HOURS_RULE;
  }
  const text = (k: string) => (f[k] ?? '').trim();
  const input: Record<string, unknown> = {
    url: text('url'),
    harvest: f.harvest === 'on',
    peer: f.peer === 'on',
    schedule_hours: hours,
    ...(adding ? { kind: text('kind') } : {}),
    ...(adding && text('organization') ? { organization: text('organization') } : {}),
    ...(!adding || text('name') ? { name: text('name') } : {}),
  };
  // The rest of the form is checked too, so every field's message shows at once.
  if (Object.keys(errors).length) {
    const checked = (adding ? sourceFields : sourcePatchFields).safeParse({ ...input, schedule_hours: null });
    for (const issue of checked.success ? [] : checked.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  }
  return { input, errors };
}

/** A refusal's messages by form field (the action's `schedule_hours` is the form's `hours`), the whole message as `form` when no field has it. */
function fieldErrors(e: AppError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const x of (e.details?.fields ?? []) as Array<{ field: string; message: string }>) {
    const field = x.field.split('.')[0] || 'form';
    errors[field === 'schedule_hours' ? 'hours' : field] ??= x.message;
  }
  if (!Object.keys(errors).length) errors.form = e.message;
  return errors;
}

/** Refusals the person can do something about on the same form. */
const fixable = (e: unknown): e is AppError => e instanceof AppError && (e.code === 'validation_failed' || e.code === 'conflict' || e.code === 'csrf_failed');

/** The harvest pages' forms: each redirects when it worked, or shows its page again with what was typed and why not. */
export function harvestPostRoutes(app: FastifyInstance, ctx: HttpContext, pages: HarvestPages): void {
  const { deps } = ctx;
  const base = (id: string) => `/admin/harvest/${encodeURIComponent(id)}`;

  app.post('/admin/harvest', async (req, reply) => {
    const values = strings(req.body);
    const { input, errors } = inputOf(values, true);
    try {
      const p = await actorOf(deps, req);
      if (Object.keys(errors).length) return await pages.showList(req, reply, { values, errors }, undefined, 400);
      const source = await addSource(deps, p, input);
      return reply.redirect(`/admin/harvest?added=1&name=${encodeURIComponent(source.name)}`, 303);
    } catch (e) {
      if (!fixable(e)) return pages.refused(e, req, reply);
      return pages.showList(req, reply, { values, errors: { ...errors, ...fieldErrors(e) } }, undefined, e.status);
    }
  });

  app.post('/admin/harvest/:id/edit', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const values = strings(req.body);
    const { input, errors } = inputOf(values, false);
    try {
      const p = await actorOf(deps, req);
      if (Object.keys(errors).length) return await pages.showEdit(req, reply, id, { values, errors }, 400);
      // The form shows the address with its password masked; sent back as it was shown, the address is unchanged.
      if (input.url === maskUrl((await getSource(deps, p, id)).url)) delete input.url;
      await updateSource(deps, p, id, input);
      return reply.redirect(`${base(id)}?saved=1`, 303);
    } catch (e) {
      if (!fixable(e)) return pages.refused(e, req, reply);
      return pages.showEdit(req, reply, id, { values, errors: { ...errors, ...fieldErrors(e) } }, e.status);
    }
  });

  /** A button of the list: does its work and goes where it says, or shows the list with why not. */
  const button = (path: string, act: (req: FastifyRequest, id: string) => Promise<string>) =>
    app.post(path, async (req: FastifyRequest, reply: FastifyReply) => {
      const { id } = idParams.parse(req.params);
      try {
        return reply.redirect(await act(req, id), 303);
      } catch (e) {
        if (!fixable(e)) return pages.refused(e, req, reply);
        return pages.showList(req, reply, undefined, { kind: 'error', text: e.message }, e.status);
      }
    });

  button('/admin/harvest/:id/run', async (req, id) => {
    const run = await requestHarvest(deps, await actorOf(deps, req), id);
    return `/admin/harvest/runs/${encodeURIComponent(run.id)}`;
  });
  button('/admin/harvest/:id/load', async (req, id) => {
    const p = await actorOf(deps, req);
    const source = await getSource(deps, p, id);
    const job = await requestHarvestedData(deps, p, { source: id });
    const count = Array.isArray(job.payload.datasetIds) ? job.payload.datasetIds.length : 0;
    return `/admin/harvest?loading=${count}&name=${encodeURIComponent(source.name)}`;
  });
  button('/admin/harvest/:id/remove', async (req, id) => {
    const p = await actorOf(deps, req);
    const source = await getSource(deps, p, id);
    await removeSource(deps, p, id);
    return `/admin/harvest?removed=1&name=${encodeURIComponent(source.name)}`;
  });
}
