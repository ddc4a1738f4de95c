import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addResource } from '../../../actions/ingest/add-resource.ts';
import { AppError } from '../../../domain/errors.ts';
import { identityOf, type HttpContext } from '../../context.ts';
import { logError } from '../../errors.ts';
import { asPage, checkFormToken, editorOf, sendPage, type Editor, type Form } from './request.ts';
import { pageContext } from '../components/page-context.ts';
import { datasetToEdit, jobOf } from './steps.ts';
import { uploadPage } from './upload-view.tsx';

/** The text fields sent before the file in a multipart form. */
function fieldsOf(file: MultipartFile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(file.fields)) {
    const field = v as MultipartValue | undefined;
    if (field && !Array.isArray(v) && field.type === 'field' && typeof field.value === 'string') out[k] = field.value;
  }
  return out;
}

/** The upload step: the form, and after an upload the loading job's progress. */
export function uploadRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;

  const show = async (reply: FastifyReply, who: Editor, slug: string, jobId: unknown, error?: string, problem?: { urlError: string; status: number }) => {
    const d = await datasetToEdit(ctx, who, slug);
    const job = await jobOf(ctx, who, d, jobId);
    // The upload island also follows a running job shown on the page (it includes the progress code).
    const scripts = [await ctx.assets.url('upload')];
    const page = uploadPage({ pc: who.pc, csrf: who.csrf, d, job, scripts, maxUploadBytes: deps.limits.maxUploadBytes, error, urlError: problem?.urlError });
    return sendPage(reply, page, problem?.status ?? (error ? 400 : 200));
  };

  app.get('/publish/:slug/upload', (req, reply) =>
    asPage(ctx, req, reply, async () => {
      const who = await editorOf(ctx, req, reply);
      if (!who) return reply;
      return show(reply, who, (req.params as { slug: string }).slug, (req.query as Record<string, unknown>).job);
    }),
  );

  // Without JavaScript the form posts here as multipart; its `_csrf` field comes before the file.
  app.post('/publish/:slug/upload', (req: FastifyRequest, reply) =>
    asPage(ctx, req, reply, async () => {
      const { slug } = req.params as { slug: string };
      const { principal, session } = await identityOf(deps, req);
      if (principal.kind !== 'user' || !session) return reply.redirect(`/sign-in?next=${encodeURIComponent(`/publish/${slug}/upload`)}`, 303);
      const who: Editor = { p: principal, csrf: session.csrfToken, pc: await pageContext(ctx, req, principal) };
      if (!req.isMultipart()) return show(reply, who, slug, undefined, who.pc.t.t('publish.upload.chooseFile'));
      const file = await req.file();
      const fields = file ? fieldsOf(file) : {};
      await checkFormToken(ctx, req, fields._csrf);
      if (!file || !file.filename) {
        file?.file.resume();
        return show(reply, who, slug, undefined, who.pc.t.t('publish.upload.chooseFile'));
      }
      const options = { ...(fields.policy ? { policy: fields.policy } : {}), ...(fields.sheet?.trim() ? { sheet: fields.sheet.trim() } : {}) };
      try {
        const { job } = await addResource(deps, who.p, slug, { file: file.file, filename: file.filename }, options);
        return reply.redirect(`/publish/${slug}/upload?job=${encodeURIComponent(job.id)}`, 303);
      } catch (e) {
        if (e instanceof AppError && ['validation_failed', 'bad_file', 'payload_too_large'].includes(e.code)) return show(reply, who, slug, undefined, e.message);
        throw e;
      }
    }),
  );

  // A file loaded from a web address: a plain form beside the upload.
  app.post('/publish/:slug/fetch', (req, reply) =>
    asPage(ctx, req, reply, async () => {
      const who = await editorOf(ctx, req, reply);
      if (!who) return reply;
      const { slug } = req.params as { slug: string };
      const url = ((req.body ?? {}) as Form).url?.trim() ?? '';
      if (!url) return show(reply, who, slug, undefined, undefined, { urlError: who.pc.t.t('publish.upload.giveUrl'), status: 400 });
      try {
        const { job } = await addResource(deps, who.p, slug, { url });
        return reply.redirect(`/publish/${slug}/upload?job=${encodeURIComponent(job.id)}`, 303);
      } catch (e) {
        // What was wrong with the address, or with what it answered, is shown beside it.
        if (!(e instanceof AppError) || !URL_PROBLEMS.has(e.code)) throw e;
        logError(req.log, e);
        return show(reply, who, slug, undefined, undefined, { urlError: e.message, status: e.status });
      }
    }),
  );
}

const URL_PROBLEMS: ReadonlySet<AppError['code']> = new Set(['validation_failed', 'url_refused', 'fetch_failed', 'payload_too_large']);
