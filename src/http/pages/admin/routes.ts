import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { settingsToEdit, updateSite } from '../../../actions/site/settings.ts';
import { AppError } from '../../../domain/errors.ts';
import { MAX_LOGO_BYTES } from '../../../domain/site/settings.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import { pageContext } from '../components/page-context.ts';
import { formValues, settingsPage } from './settings.tsx';
import type { PageArea } from '../area.ts';
import { adminSynonymsRoutes } from './synonyms-routes.ts';

const PATH = '/admin/settings';

/** The image type of a file from its first bytes, for the logo's data URL; undefined for anything else. */
export function imageType(b: Buffer): string | undefined {
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  const head = b.subarray(0, 1024).toString('utf8').trimStart();
  if ((head.startsWith('<?xml') || head.startsWith('<svg') || head.startsWith('<!--')) && head.includes('<svg')) return 'image/svg+xml';
  return undefined;
}

interface Posted {
  fields: Record<string, string>;
  /** The uploaded logo as a data URL, or the message (key and values) saying why it was not taken. */
  logo?: { url: string } | { problem: { key: string; params: Record<string, number> } };
}

/** Reads the form: text fields, and the logo file (kept only up to the size limit; the rest is read and dropped). */
async function readForm(req: FastifyRequest): Promise<Posted> {
  if (!req.isMultipart()) return { fields: Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string')) };
  const fields: Record<string, string> = {};
  let logo: Posted['logo'];
  for await (const part of req.parts()) {
    if (part.type !== 'file') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= MAX_LOGO_BYTES + 1) chunks.push(chunk);
    }
    if (part.fieldname !== 'logo_file' || size === 0) continue;
    const bytes = Buffer.concat(chunks);
    const type = imageType(bytes);
    if (size > MAX_LOGO_BYTES) logo = { problem: { key: 'admin.logoTooLarge', params: { max: MAX_LOGO_BYTES / 1024, size: Math.ceil(size / 1024) } } };
    else if (!type) logo = { problem: { key: 'admin.logoNotImage', params: {} } };
    else logo = { url: `data:${type};base64,${bytes.toString('base64')}` };
  }
  return { fields, ...(logo ? { logo } : {}) };
}

const lines = (s: string | undefined): string[] => (s ?? '').split(/[\n,]/).map((x) => x.trim()).filter(Boolean);

/** The change the form asks for, in the API's terms. */
function patchOf(p: Posted): Record<string, unknown> {
  const f = p.fields;
  const logo = f.remove_logo === 'on' ? '' : p.logo && 'url' in p.logo ? p.logo.url : f.logo_url?.trim() ? f.logo_url : undefined;
  return {
    name: f.name ?? '',
    ...(logo !== undefined ? { logo_url: logo } : {}),
    primary_color: f.primary_color ?? '',
    accent_color: f.accent_color ?? '',
    featured: lines(f.featured),
    themes: lines(f.themes),
    // One a line (a category may hold a comma); left alone when the form does not carry the field.
    ...(f.problem_categories !== undefined ? { problem_categories: f.problem_categories.split('\n').map((x) => x.trim()).filter(Boolean) } : {}),
    languages: Object.keys(f).filter((k) => k.startsWith('lang_') && f[k] === 'on').map((k) => k.slice(5)),
    // An empty field turns the setting off.
    map_context: f.map_context ?? '',
    map_tile_url: f.map_tile_url ?? '',
    map_tile_attribution: f.map_tile_attribution ?? '',
    map_tile_attribution_url: f.map_tile_attribution_url ?? '',
    anonymous_problems: f.anonymous_problems === 'on',
    ...(f.time_zone !== undefined ? { time_zone: f.time_zone } : {}),
  };
}

/** `/admin/settings`: the portal's settings as a form for site administrators; the action decides who may see and change them. */
export function adminSettingsRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) =>
    reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);

  /** Sends strangers to sign in and tells other people the page is not for them. */
  const refused = async (e: unknown, req: FastifyRequest, reply: FastifyReply) => {
    if (!(e instanceof AppError)) throw e;
    if (e.code === 'unauthorized') return reply.redirect(`/sign-in?next=${encodeURIComponent(PATH)}`, 303);
    if (e.code !== 'forbidden') throw e;
    const pc = await pageContext(ctx, req);
    return send(reply, errorPage(pc, pc.t.t('error.notForYou'), ruleText(pc.t, e.message)), 403);
  };

  app.get(PATH, async (req, reply) => {
    const { principal, session } = await identityOf(deps, req);
    try {
      const current = await settingsToEdit(deps, principal);
      const saved = (req.query as Record<string, unknown>).saved === '1';
      return send(reply, settingsPage(await pageContext(ctx, req, principal), { values: formValues(current), errors: {}, saved, csrf: session?.csrfToken ?? '' }, current, deps.locales.languages()));
    } catch (e) {
      return refused(e, req, reply);
    }
  });

  app.post(PATH, async (req, reply) => {
    const posted = await readForm(req);
    req.body = posted.fields;
    const { principal, session } = await identityOf(deps, req);
    let current;
    try {
      current = await settingsToEdit(deps, principal);
    } catch (e) {
      return refused(e, req, reply);
    }
    const pc = await pageContext(ctx, req, principal);
    const again = (status: number, errors: Record<string, string>, problem?: string) =>
      send(reply, settingsPage(pc, { values: posted.fields, errors, problem, csrf: session?.csrfToken ?? '' }, current, deps.locales.languages()), status);
    let actor;
    try {
      actor = await actorOf(deps, req);
    } catch (e) {
      if (e instanceof AppError && e.code === 'csrf_failed') return again(403, {}, pc.t.t('admin.expired'));
      throw e;
    }
    if (posted.logo && 'problem' in posted.logo) return again(400, { logo_file: pc.t.t(posted.logo.problem.key, posted.logo.problem.params) });
    try {
      await updateSite(deps, actor, patchOf(posted));
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'validation_failed') return refused(e, req, reply);
      const fields = (e.details?.fields ?? []) as Array<{ field: string; message: string }>;
      const errors: Record<string, string> = {};
      for (const f of fields) {
        const name = f.field.split('.')[0] || 'name';
        const key = name === 'logo_url' && posted.logo ? 'logo_file' : name;
        errors[key] ??= f.message;
      }
      return again(400, errors);
    }
    return reply.redirect(`${PATH}?saved=1`, 303);
  });
}

/** The admin area's pages: the site settings and the search synonyms. */
function adminRoutes(app: FastifyInstance, ctx: HttpContext): void {
  adminSettingsRoutes(app, ctx);
  adminSynonymsRoutes(app, ctx);
}

export const adminArea: PageArea = { name: 'admin', routes: adminRoutes };
