import type { FastifyInstance, FastifyReply } from 'fastify';
import { updateDataset } from '../../../actions/catalog/update-dataset.ts';
import { siteThemes } from '../../../actions/site/settings.ts';
import { statusMoves } from '../../../actions/catalog/change-status.ts';
import { publishProblems } from '../../../domain/catalog/metadata.ts';
import { AppError } from '../../../domain/errors.ts';
import type { HttpContext } from '../../context.ts';
import { formErrors, metadataFrom, valuesFrom, valuesOf, type DescribeValues } from './describe-form.ts';
import { describePage } from './describe-view.tsx';
import type { FieldErrors } from './parts.tsx';
import { asPage, editorOf, fieldErrorsOf, sendPage, type Editor, type Form } from './request.ts';
import { datasetToEdit } from './steps.ts';
import { fulfilChoiceOf } from '../requests/describe-choice-route.ts';

/** The statuses a change can end in, each with a notice (`publish.done.<status>`) for the page it returns to. */
export const DONE: ReadonlySet<string> = new Set(['submitted', 'published', 'draft', 'archived']);

/**
 * The describe page: the values shown are the form's when it is shown again
 * with problems, else the dataset's. The workflow's buttons offer the moves
 * the person's role allows; the action decides when one is pressed.
 */
export async function describeAgain(ctx: HttpContext, reply: FastifyReply, who: Editor, slug: string, values: DescribeValues | undefined, errors: FieldErrors, notice?: string) {
  const themes = await siteThemes(ctx.deps);
  const d = await datasetToEdit(ctx, who, slug);
  const { dataset } = d;
  const problems = Object.fromEntries(publishProblems(dataset, d.resources.length).map((x) => [x.field, x.message]));
  const moves = statusMoves(who.p, dataset);
  const fulfils = await fulfilChoiceOf(ctx, who.p, dataset);
  const page = describePage({ pc: who.pc, csrf: who.csrf, d, themes, values: values ?? valuesOf(dataset, themes), errors: formErrors(errors), problems, moves, notice, fulfils });
  return sendPage(reply, page, Object.keys(errors).length ? 400 : 200);
}

/** The metadata form, saved with `updateDataset`; problems come back beside their fields. */
export function describeRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;

  app.get('/publish/:slug/describe', (req, reply) =>
    asPage(ctx, req, reply, async () => {
      const who = await editorOf(ctx, req, reply);
      if (!who) return reply;
      const q = req.query as Form;
      const notice = q.fulfils ? who.pc.t.t('requests.fulfilledNotice') : q.saved ? who.pc.t.t('publish.describe.saved') : q.done && DONE.has(q.done) ? who.pc.t.t(`publish.done.${q.done}`) : undefined;
      return describeAgain(ctx, reply, who, (req.params as { slug: string }).slug, undefined, {}, notice);
    }),
  );

  app.post('/publish/:slug/describe', (req, reply) =>
    asPage(ctx, req, reply, async () => {
      const who = await editorOf(ctx, req, reply);
      if (!who) return reply;
      const { slug } = req.params as { slug: string };
      const d = await datasetToEdit(ctx, who, slug);
      // The themes in effect: the site settings' list, else the portal's configured one.
      const themes = await siteThemes(deps);
      const values = valuesFrom((req.body ?? {}) as Form, themes);
      try {
        await updateDataset(deps, who.p, slug, metadataFrom(values, d.dataset, themes));
        return reply.redirect(`/publish/${slug}/describe?saved=1`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'validation_failed') throw e;
        return describeAgain(ctx, reply, who, slug, values, fieldErrorsOf(e));
      }
    }),
  );
}
