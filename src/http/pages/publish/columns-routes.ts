import type { FastifyInstance, FastifyReply } from 'fastify';
import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { updateDictionary } from '../../../actions/catalog/dictionary.ts';
import { retypeColumns } from '../../../actions/ingest/add-resource.ts';
import { queryRecords } from '../../../actions/records/query-records.ts';
import { AppError } from '../../../domain/errors.ts';
import type { HttpContext } from '../../context.ts';
import { columnsPage } from './columns-view.tsx';
import type { FieldErrors } from './parts.tsx';
import { asPage, editorOf, fieldErrorsOf, sendPage, type Editor, type Form } from './request.ts';
import { datasetToEdit, jobOf } from './steps.ts';

/** What the posted form changes: new column types or readings, and dictionary entries that differ from the saved ones. */
function changesOf(d: DatasetDetail, form: Form) {
  const types: Record<string, string> = {};
  const entries: Array<{ name: string; label: string; description: string; unit: string; role?: string }> = [];
  const saved = new Map(d.dictionary.map((e) => [e.column, e]));
  for (const c of d.live?.columns ?? []) {
    const type = form[`type.${c.name}`];
    const reading = form[`format.${c.name}`];
    // A new type wins over a reading of the old one.
    if (type && type !== c.type) types[c.name] = type;
    else if (reading && reading !== c.format?.id) types[c.name] = reading;
    const was = saved.get(c.name);
    // The role: empty keeps (or goes back to) the inferred one.
    const role = form[`role.${c.name}`] ?? was?.role ?? '';
    const entry = { name: c.name, label: form[`label.${c.name}`] ?? was?.label ?? c.label, description: form[`description.${c.name}`] ?? was?.description ?? '', unit: form[`unit.${c.name}`] ?? was?.unit ?? '', role };
    if (!was || entry.label.trim() !== was.label || entry.description.trim() !== was.description || entry.unit.trim() !== was.unit || role !== (was.role ?? '')) entries.push(entry);
  }
  return { types, entries };
}

/** Column review: types (a change loads the file again) and the data dictionary. */
export function columnsRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;

  /** The rows that contain `find`; a search the query language refuses is shown as its message. */
  const lookup = async (who: Editor, slug: string, find: string | undefined) => {
    const text = find?.trim().slice(0, 200);
    if (!text) return undefined;
    try {
      return { find: text, page: await queryRecords(deps, who.p, slug, { q: text, limit: 5 }) };
    } catch (e) {
      if (e instanceof AppError && e.status === 400) return { find: text, error: e.message };
      throw e;
    }
  };

  const show = async (reply: FastifyReply, who: Editor, slug: string, jobId: unknown, errors: FieldErrors = {}, notice?: string, find?: string) => {
    const d = await datasetToEdit(ctx, who, slug);
    const job = await jobOf(ctx, who, d, jobId);
    const found = d.live ? await lookup(who, slug, find) : undefined;
    const running = job && job.status !== 'succeeded' && job.status !== 'failed';
    const scripts = running ? [await ctx.assets.url('progress')] : [];
    return sendPage(reply, columnsPage({ pc: who.pc, csrf: who.csrf, d, job, scripts, errors, notice, lookup: found }), Object.keys(errors).length ? 400 : 200);
  };

  app.get('/publish/:slug/columns', (req, reply) =>
    asPage(ctx, req, reply, async () => {
      const who = await editorOf(ctx, req, reply);
      if (!who) return reply;
      const q = req.query as Form;
      return show(reply, who, (req.params as { slug: string }).slug, q.job, {}, q.saved ? who.pc.t.t('publish.columns.saved') : undefined, q.find);
    }),
  );

  app.post('/publish/:slug/columns', (req, reply) =>
    asPage(ctx, req, reply, async () => {
      const who = await editorOf(ctx, req, reply);
      if (!who) return reply;
      const { slug } = req.params as { slug: string };
      const d = await datasetToEdit(ctx, who, slug);
      const { types, entries } = changesOf(d, (req.body ?? {}) as Form);
      try {
        if (entries.length) await updateDictionary(deps, who.p, slug, { columns: entries });
        if (Object.keys(types).length) {
          const { job } = await retypeColumns(deps, who.p, slug, { types });
          return reply.redirect(`/publish/${slug}/columns?job=${encodeURIComponent(job.id)}`, 303);
        }
        return reply.redirect(`/publish/${slug}/columns?saved=1`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'validation_failed') throw e;
        const errors = fieldErrorsOf(e);
        return show(reply, who, slug, undefined, Object.keys(errors).length ? errors : { form: e.message });
      }
    }),
  );
}
