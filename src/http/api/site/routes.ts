import type { FastifyInstance } from 'fastify';
import { getSite, updateSite } from '../../../actions/site/settings.ts';
import { sitePatchFields } from '../../../domain/site/settings.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { presentSite, siteOut } from './present.ts';

const TAG = 'Site';

/** The portal's settings: anyone reads them, site administrators change them. */
export function siteApiRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;

  route(app, registry, {
    method: 'GET', path: '/api/v1/site', operationId: 'getSite', tag: TAG, access: 'public',
    summary: 'The portal’s settings',
    description: 'Name, logo, colours, featured datasets, themes, languages, the synonyms catalog search uses and what maps draw beneath the data, as they apply now (defaults for what was never set).',
    responses: { 200: { description: 'The settings.', schema: siteOut } },
  }, async () => presentSite(await getSite(deps)));

  route(app, registry, {
    method: 'PATCH', path: '/api/v1/site', operationId: 'updateSite', tag: TAG, access: 'site-admin',
    summary: 'Change the portal’s settings',
    description:
      'Any of `name`, `logo_url` (https address or a `data:image/…;base64,` image of at most 200 KB; `""` removes it), `primary_color` and `accent_color` (`#rrggbb`; refused when text on them would fail WCAG AA contrast), `featured` (up to 6 dataset slugs), `themes`, `problem_categories` (1 to 30 unique categories of at most 40 characters each, that problems are filed under), `languages` (`en`, `es`), `synonyms` (groups of words or short phrases that search takes as meaning the same, like `[["bike", "bicycle", "bicicleta"]]`: at least 2 and at most 20 a group, at most 500 groups; the whole list is replaced), `map_context` (the slug of a public dataset of areas drawn beneath every map), `map_tile_url` (an https tile URL template with `{z}`, `{x}` and `{y}`), `map_tile_attribution` (required with tiles) and `map_tile_attribution_url` (https), `anonymous_problems` (`true`: problems may be posted without an account, held until a moderator approves them), `time_zone` (an IANA name like `America/New_York`; dates are shown and typed in it, default `UTC`). `null` or `""` returns a field to its default; the map settings are off by default.',
    body: sitePatchFields,
    responses: { 200: { description: 'The settings now.', schema: siteOut }, 400: { description: 'validation_failed: one entry per field in `details.fields`.' } },
  }, async ({ body, req }) => presentSite(await updateSite(deps, await actorOf(deps, req), body)));
}
