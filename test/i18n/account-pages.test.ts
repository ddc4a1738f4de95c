import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

const PASSWORD = 'spanish pages password 2030';
const ES = { 'accept-language': 'es' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
let t: TestPlaza;
let app: FastifyInstance;
let admin: { cookie: string; csrf: string };
let ip = 0;
const nextIp = () => `10.9.0.${++ip}`;

/** A multipart/form-data body of text fields, as a browser sends the settings form. */
function multipart(fields: Record<string, string>) {
  const boundary = '----i18n-form';
  const body = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const cookieValue = (res: { headers: Record<string, unknown> }, name: string): string => {
  const set = [res.headers['set-cookie'] ?? []].flat() as string[];
  return set.find((c) => c.startsWith(`${name}=`))?.split(';')[0] ?? '';
};

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Ciudad de Prueba', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Shelter census', slug: 'shelter-census' });
  const boss = await register(t.deps, { email: 'jefa@example.org', name: 'Jefa', password: PASSWORD });
  await t.deps.catalog.accounts.updateUser(boss.id, { isSiteAdmin: true });
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: nextIp(), payload: { email: 'jefa@example.org', password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  admin = { cookie: cookieValue(res, 'plaza_session'), csrf: res.json().csrf_token as string };
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('account, settings, organization and API reference pages in Spanish', () => {
  it('sign in: the form and a wrong password’s problem box in Spanish; English unchanged', async () => {
    const page = await app.inject({ url: '/sign-in', headers: ES });
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain('<h1>Iniciar sesión</h1>');
    expect(page.body).toContain('<label for="field-email">Correo electrónico</label>');
    expect(page.body).toContain('<label for="field-password">Contraseña</label>');
    expect(page.body).toContain('<a href="/forgot-password">¿Olvidó su contraseña?</a>');
    const cookie = cookieValue(page, 'plaza_csrf');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';

    const wrong = await app.inject({
      method: 'POST', url: '/sign-in', remoteAddress: nextIp(), headers: { ...ES, ...FORM, cookie },
      payload: new URLSearchParams({ _csrf: csrf, email: 'jefa@example.org', password: 'not the password' }).toString(),
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('<html lang="es">');
    expect(wrong.body).toContain('problem" role="alert"');
    expect(wrong.body).toContain('<button type="submit" class="usa-button">Iniciar sesión</button>');

    const empty = await app.inject({
      method: 'POST', url: '/sign-in', remoteAddress: nextIp(), headers: { ...ES, ...FORM, cookie },
      payload: new URLSearchParams({ _csrf: csrf, email: '', password: '' }).toString(),
    });
    expect(empty.body).toContain('role="alert">Corrija los campos marcados abajo.</div>');

    const expired = await app.inject({ method: 'POST', url: '/sign-in', remoteAddress: nextIp(), headers: { ...ES, ...FORM }, payload: 'email=a%40b.org&password=x' });
    expect(expired.body).toContain('Este formulario caducó o proviene de otro sitio.');

    const english = await app.inject('/sign-in');
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('<label for="field-email">Email address</label>');
    expect(english.body).toContain('<a href="/forgot-password">Forgot your password?</a>');
  });

  it('forgot password, the email check page and a broken reset link in Spanish', async () => {
    const page = await app.inject({ url: '/forgot-password', headers: ES });
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain('<h1>¿Olvidó su contraseña?</h1>');
    expect(page.body).toContain('Le enviaremos un enlace para elegir una contraseña nueva.');
    expect(page.body).toContain('<button type="submit" class="usa-button">Enviarme un enlace</button>');
    expect(page.body).toContain('<a href="/sign-in">Volver a iniciar sesión</a>');

    const cookie = cookieValue(page, 'plaza_csrf');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const sent = await app.inject({
      method: 'POST', url: '/forgot-password', remoteAddress: nextIp(), headers: { ...ES, ...FORM, cookie },
      payload: new URLSearchParams({ _csrf: csrf, email: 'nadie@example.org' }).toString(),
    });
    expect(sent.body).toContain('<h1>Revise su correo</h1>');
    expect(sent.body).toMatch(/Si alguna cuenta usa <strong>nadie@example.org<\/strong>, le enviamos un enlace .* durante \d+ minutos\./);
    expect(sent.body).toContain('<a href="/forgot-password">pídalo de nuevo</a>');

    const broken = await app.inject({ url: '/reset-password?token=nothing', headers: ES });
    expect(broken.body).toContain('<h1>Este enlace no funciona</h1>');
    expect(broken.body).toContain('<a href="/forgot-password">Pedir un enlace nuevo</a>');
  });

  it('the site settings form for a site admin in Spanish, with numbers in Spanish format', async () => {
    const page = await app.inject({ url: '/admin/settings', headers: { ...ES, cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain('<h1>Configuración del sitio</h1>');
    expect(page.body).toContain('<label for="field-name">Nombre del portal</label>');
    expect(page.body).toContain('<label for="field-primary_color">Color principal</label>');
    expect(page.body).toContain('contraste de 4,5:1');
    expect(page.body).toContain('de 200 KB como máximo');
    expect(page.body).toContain('<legend>Idiomas</legend>');
    expect(page.body).toContain('<button type="submit" class="usa-button">Guardar la configuración</button>');

    const saved = await app.inject({ url: '/admin/settings?saved=1', headers: { ...ES, cookie: admin.cookie } });
    expect(saved.body).toContain('Configuración guardada. <a href="/">Ver la página de inicio</a>.');

    const refused = await app.inject({ url: '/admin/settings', headers: ES });
    expect(refused.statusCode).toBe(303);
  });

  it('an organization page in Spanish', async () => {
    const page = await app.inject({ url: '/organizations/test-department', headers: ES });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain('1 conjunto de datos publicado');
    expect(page.body).toContain('Buscar en ellos</a>');
    expect(page.body).toContain('Canal Atom de sus cambios</a>');
    const english = await app.inject('/organizations/test-department');
    expect(english.body).toContain('1 published dataset ·');
    expect(english.body).toContain('Atom feed of its changes</a>');
  });

  it('the subscriptions page in Spanish', async () => {
    const page = await app.inject({ url: '/account/subscriptions', headers: { ...ES, cookie: admin.cookie } });
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain('<h1>Sus suscripciones</h1>');
    expect(page.body).toContain('Todavía no sigue nada. Siga un conjunto de datos, una organización o una búsqueda mediante la API (<code>POST /api/v1/subscriptions</code>).');

    const created = await app.inject({ method: 'POST', url: '/api/v1/subscriptions', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf }, payload: { dataset: 'shelter-census', email: true } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const listed = await app.inject({ url: '/account/subscriptions', headers: { ...ES, cookie: admin.cookie } });
    expect(listed.body).toContain('Sigue el conjunto de datos <a href="/datasets/shelter-census">Shelter census</a>: resumen por correo.');
    expect(listed.body).toContain('<button type="submit" class="usa-button">Cancelar esta suscripción</button>');
    const english = await app.inject({ url: '/account/subscriptions', headers: { cookie: admin.cookie } });
    expect(english.body).toContain('You follow the dataset <a href="/datasets/shelter-census">Shelter census</a>: email digest.');
    const stopped = await app.inject({
      method: 'POST', url: `/account/subscriptions/${id}/delete`, headers: { ...ES, ...FORM, cookie: admin.cookie }, payload: `_csrf=${encodeURIComponent(admin.csrf)}`,
    });
    expect(stopped.body).toContain('<p role="status">La suscripción se canceló.</p>');
  });

  it('the API reference in Spanish, keeping the operations’ own English descriptions', async () => {
    const page = await app.inject({ url: '/api/reference', headers: ES });
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain('<h1>Referencia de la API</h1>');
    expect(page.body).toMatch(/Todas las rutas de la API de [^,<]+, con quién puede llamarlas, sus parámetros y un ejemplo con <code>curl<\/code>\./);
    expect(page.body).toContain('<h2 id="contents">Contenido</h2>');
    expect(page.body).toContain('<th scope="col">Nombre</th>');
    expect(page.body).toContain('<th scope="col">Obligatorio</th>');
    expect(page.body).toContain('Quién puede llamarla: cualquier persona, con sesión iniciada o no');
    expect(page.body).toContain('<h4>Ejemplo</h4>');
    expect(page.body).toMatch(/Valor predeterminado: <code>[^<]+<\/code>\./);
    expect(page.body).toMatch(/Se envía como <code>application\/json<\/code>\./);
    expect(page.body).not.toContain('<th scope="col">Required</th>');
    const english = await app.inject('/api/reference');
    expect(english.body).toContain('<h1>API reference</h1>');
    expect(english.body).toContain('Who may call it: anyone, signed in or not');
    expect(english.body).toContain('<th scope="col">Required</th>');
  });

  it('lets the admin turn Spanish off: then ?lang=es gives English and the header has no language switch', async () => {
    expect((await app.inject('/datasets?lang=es')).body).toContain('<html lang="es">');
    const { payload, headers } = multipart({ _csrf: admin.csrf, name: 'Ciudad de Prueba', logo_url: '', primary_color: '#12263a', accent_color: '#0b5cad', featured: '', themes: 'Health', lang_en: 'on' });
    const res = await app.inject({ method: 'POST', url: '/admin/settings', payload, headers: { ...headers, cookie: admin.cookie } });
    expect(res.statusCode).toBe(303);
    for (const url of ['/datasets?lang=es', '/sign-in?lang=es', '/api/reference?lang=es']) {
      const page = await app.inject({ url, headers: ES });
      expect(page.body, url).toContain('<html lang="en">');
      expect(page.body, url).not.toContain('class="languages"');
      expect(page.body, url).not.toContain('Español');
    }
    expect((await app.inject({ url: '/sign-in?lang=es' })).body).toContain('<h1>Sign in</h1>');
  });
});
