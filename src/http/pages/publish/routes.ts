import type { FastifyInstance } from 'fastify';
import { publisherOrganizations } from '../../../actions/accounts/organizations.ts';
import { changeStatus } from '../../../actions/catalog/change-status.ts';
import { createDataset } from '../../../actions/catalog/create-dataset.ts';
import { searchDatasets } from '../../../actions/catalog/read-datasets.ts';
import { harvestedFrom } from '../../../actions/harvest/overview.ts';
import type { Deps } from '../../../actions/deps.ts';
import type { UserPrincipal } from '../../../domain/accounts/principal.ts';
import { DATASET_STATUSES } from '../../../domain/catalog/vocab.ts';
import { AppError } from '../../../domain/errors.ts';
import type { HttpContext } from '../../context.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import type { PageContext } from '../components/page-context.ts';
import { columnsRoutes } from './columns-routes.ts';
import { describeAgain, describeRoutes, DONE } from './describe-routes.ts';
import { publishHomePage } from './home.tsx';
import { newDatasetPage } from './new.tsx';
import { asPage, editorOf, fieldErrorsOf, sendPage, type Form } from './request.ts';
import { uploadRoutes } from './upload-routes.ts';
import type { PageArea } from '../area.ts';

/** Only a path on this site, for the page a form returns to. */
const safeBack = (v: string | undefined) => (v && /^\/(?![/\\])[^\s]*$/.test(v) ? v : '/publish');

/** The organizations the person may create datasets in. */
const editable = async (deps: Deps, p: UserPrincipal) => (await publisherOrganizations(deps, p)).editable;

/** The page for a signed-in person who edits for no organization. */
const notAnEditor = (pc: PageContext) => errorPage(pc, pc.t.t('publish.notEditor.title'), pc.t.t('publish.notEditor.text'));

/** The publisher area: your datasets and the review queue, a new dataset, and the steps of preparing one. */
export function publishPageRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;

  app.get('/publish', (req, reply) =>
    asPage(ctx, req, reply, async () => {
      const who = await editorOf(ctx, req, reply);
      if (!who) return reply;
      const { editable: organizations, administered: admin } = await publisherOrganizations(deps, who.p);
      if (!organizations.length) return sendPage(reply, notAnEditor(who.pc), 403);
      const mine = await searchDatasets(deps, who.p, { statuses: [...DATASET_STATUSES], filters: { organization: organizations.map((o) => o.slug) }, sort: 'updated', limit: 500, facets: [] });
      const queue = admin.length ? await searchDatasets(deps, who.p, { statuses: ['submitted'], filters: { organization: admin.map((o) => o.slug) }, sort: 'updated', limit: 200, facets: [] }) : undefined;
      const q = req.query as Form;
      const done = mine.results.find((r) => r.dataset.slug === q.dataset);
      const notice = done && q.done && DONE.has(q.done) ? who.pc.t.t(`publish.doneTitled.${q.done}`, { title: done.dataset.title }) : undefined;
      const harvested = await harvestedFrom(deps, mine.results.map((r) => r.dataset.id));
      return sendPage(reply, publishHomePage({ pc: who.pc, csrf: who.csrf, organizations, mine: mine.results, queue: queue?.results, notice, harvested }));
    }),
  );

  app.get('/publish/new', (req, reply) =>
    asPage(ctx, req, reply, async () => {
      const who = await editorOf(ctx, req, reply);
      if (!who) return reply;
      const organizations = await editable(deps, who.p);
      if (!organizations.length) return sendPage(reply, notAnEditor(who.pc), 403);
      const values = { organization: (req.query as Form).organization };
      return sendPage(reply, newDatasetPage({ pc: who.pc, csrf: who.csrf, organizations, values, errors: {} }));
    }),
  );

  app.post('/publish/new', (req, reply) =>
    asPage(ctx, req, reply, async () => {
      const who = await editorOf(ctx, req, reply);
      if (!who) return reply;
      const form = (req.body ?? {}) as Form;
      const values = { title: form.title ?? '', organization: form.organization ?? '', description: form.description ?? '' };
      try {
        const d = await createDataset(deps, who.p, values);
        return reply.redirect(`/publish/${d.slug}/upload`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || (e.code !== 'validation_failed' && e.code !== 'conflict')) throw e;
        const errors = e.code === 'conflict' ? { title: e.message } : fieldErrorsOf(e);
        const organizations = await editable(deps, who.p);
        return sendPage(reply, newDatasetPage({ pc: who.pc, csrf: who.csrf, organizations, values, errors }), 400);
      }
    }),
  );

  // Publish, send back, submit, withdraw, archive: the workflow's moves, from the queue and the describe page.
  app.post('/publish/:slug/status', (req, reply) =>
    asPage(ctx, req, reply, async () => {
      const who = await editorOf(ctx, req, reply);
      if (!who) return reply;
      const { slug } = req.params as { slug: string };
      const form = (req.body ?? {}) as Form;
      try {
        const d = await changeStatus(deps, who.p, slug, { status: form.status, comment: form.comment ?? '', confirm_empty: form.confirm_empty === 'yes' });
        const back = safeBack(form.back);
        return reply.redirect(`${back}?done=${encodeURIComponent(d.status)}&dataset=${encodeURIComponent(d.slug)}`, 303);
      } catch (e) {
        // A dataset with no rows: the describe page asks for the confirmation beside the buttons.
        if (e instanceof AppError && e.code === 'conflict' && e.details?.field === 'confirm_empty') {
          return describeAgain(ctx, reply, who, slug, undefined, { confirm_empty: who.pc.t.t('publish.workflow.confirmEmptyNeeded') });
        }
        if (!(e instanceof AppError) || e.code !== 'validation_failed') throw e;
        return describeAgain(ctx, reply, who, slug, undefined, fieldErrorsOf(e));
      }
    }),
  );

  uploadRoutes(app, ctx);
  columnsRoutes(app, ctx);
  describeRoutes(app, ctx);
}

export const publishArea: PageArea = { name: 'publish', routes: publishPageRoutes };
