import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { getDataset } from '../../src/actions/catalog/read-datasets.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { BUILT_IN_LOCALES, loadLocales } from '../../src/adapters/locales/files.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, signIn as signInAs, type Person, type Session } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * The publisher area in Spanish: a publisher whose browser asks for Spanish
 * sees every page of the area, its problems' surroundings, its numbers and
 * dates in Spanish; a publisher who asks for nothing still reads English.
 */

const PASSWORD = 'correct horse battery staple';
const spanish = loadLocales([BUILT_IN_LOCALES]).translator('es');

let t: TestPlaza;
let app: FastifyInstance;
let editor: Person;
let admin: Person;
let outsider: Person;

const signIn = (who: Person): Promise<Session> => signInAs(t, app, who, PASSWORD);

const es = { 'accept-language': 'es-ES,es;q=0.9,en;q=0.5' };
const get = (url: string, s: Session, headers: Record<string, string> = es) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie, ...headers } });
const post = (url: string, s: Session, form: Record<string, string>) =>
  app.inject({
    method: 'POST',
    url,
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded', ...es },
    payload: new URLSearchParams({ _csrf: s.csrf, ...form }).toString(),
  });

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const boundary = `----plaza${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`), file.content, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const upload = (slug: string, s: Session, body: ReturnType<typeof multipart>) =>
  app.inject({ method: 'POST', url: `/publish/${slug}/upload`, headers: { cookie: s.cookie, 'content-type': body.contentType, ...es }, payload: body.payload });

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  const finance = await createOrganization(t.deps, t.admin, { name: 'Finance' });
  editor = await makePerson(t, { name: 'Elena Editora', roles: { [finance.id]: 'editor' } });
  admin = await makePerson(t, { name: 'Ana Admin', roles: { [finance.id]: 'admin' } });
  outsider = await makePerson(t, { name: 'Olga Ajena' });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the publisher area in Spanish', () => {
  it('tells someone who edits for no organization why, in Spanish', async () => {
    const res = await get('/publish', await signIn(outsider));
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('<html lang="es"');
    expect(res.body).toContain('<h1>No es editor</h1>');
    expect(res.body).toContain('Usted no es editor de ninguna organización');
  });

  it('creates, uploads, reviews the columns and describes a dataset in Spanish', async () => {
    const ed = await signIn(editor);

    // The new-dataset form, and a problem shown beside its field with Spanish wording around the action's message.
    const form = await get('/publish/new', ed);
    expect(form.body).toContain('<html lang="es"');
    expect(form.body).toContain('<h1>Crear un conjunto de datos</h1>');
    expect(form.body).toContain('<label for="title">Título</label>');
    expect(form.body).toContain('<label for="organization">Organización</label>');
    expect(form.body).toContain('>Crear y añadir datos</button>');
    expect(form.body).not.toContain('Create and add data');
    const empty = await post('/publish/new', ed, { title: '', organization: 'finance', description: 'Lo que pagó la ciudad.' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<html lang="es"');
    expect(empty.body).toContain('<h2>Hay un problema</h2>');
    expect(empty.body).toMatch(/<a href="#title">Título: [^<]+<\/a>/);
    expect(empty.body).toMatch(/<input[^>]*id="title"[^>]*aria-invalid="true"[^>]*aria-describedby="title-error"/);
    expect(empty.body).toMatch(/<span class="usa-error-message error" id="title-error">[^<]+<\/span>/);
    expect(empty.body).toContain('Lo que pagó la ciudad.');
    const created = await post('/publish/new', ed, { title: 'Salarios 2016', organization: 'finance', description: 'Lo que pagó la ciudad a cada empleado.' });
    expect(created.statusCode).toBe(303);
    const slug = 'salarios-2016';
    // Before any data, the column review says where to go, the link where Spanish puts it.
    expect((await get(`/publish/${slug}/columns`, ed)).body).toContain(`Aún no hay columnas: primero <a href="/publish/${slug}/upload">suba un archivo</a>.`);
    expect((await get(`/publish/${slug}/columns`, ed, {})).body).toContain(`There are no columns yet: <a href="/publish/${slug}/upload">upload a file</a> first.`);

    // The upload page and its islands' messages, a missing file, then the loading in Spanish.
    const page = await get(`/publish/${slug}/upload`, ed);
    expect(page.body).toContain('<html lang="es"');
    expect(page.body).toContain('<title>Subir datos – Salarios 2016');
    expect(page.body).toContain('<h1>Subir datos a «Salarios 2016»</h1>');
    expect(page.body).toContain('<label for="file">Archivo</label>');
    expect(page.body).toContain('<option value="lenient">Apartarla y cargar el resto</option>');
    expect(page.body).toContain('El conjunto de datos aún no tiene datos.');
    expect(page.body).toContain('>Subir y cargar los datos</button>');
    expect(page.body).toContain('aria-current="step">1. Subir los datos</a>');
    expect(page.body).toContain('<span class="usa-tag badge">Borrador</span>');
    expect(page.body).toContain('data-lang="es"');
    const messages = JSON.parse(/data-messages="([^"]*)"/.exec(page.body)![1]!.replaceAll('&quot;', '"').replaceAll('&amp;', '&')) as Record<string, string>;
    expect(messages['publish.island.uploading']).toBe('Subiendo…');
    expect(messages['publish.phase.reading']).toBe('leyendo');
    expect(Object.keys(messages).every((k) => k.startsWith('publish.'))).toBe(true);
    // A browser sends an empty file part when no file was chosen.
    const noFile = await upload(slug, ed, multipart({ _csrf: ed.csrf, policy: 'lenient' }, { name: '', content: Buffer.alloc(0) }));
    expect(noFile.statusCode).toBe(400);
    expect(noFile.body).toContain('Elija un archivo para subir.');

    const csv = await readFile(fixture('tabular/boston_employee_earnings_2016.csv'));
    const sent = await upload(slug, ed, multipart({ _csrf: ed.csrf, policy: 'lenient', sheet: '' }, { name: 'earnings.csv', content: csv }));
    expect(sent.statusCode).toBe(303);
    const jobId = decodeURIComponent(/\?job=(.+)$/.exec(sent.headers.location as string)![1]!);
    const running = await get(sent.headers.location as string, ed);
    expect(running.body).toContain('<h2 id="job-title">Carga del archivo</h2>');
    expect(running.body).toMatch(/<p role="status" data-job-text(="")?>(En espera|Cargando|Se cargaron)/);
    const job = await waitForJob(t.deps, jobId);
    expect(job.status).toBe('succeeded');
    const loaded = (await get(sent.headers.location as string, ed)).body;
    const rows = job.rowsRead - job.rowsRejected;
    expect(rows).toBeGreaterThan(10_000);
    // Spanish groups thousands with a point: 22.046, not 22,046.
    const spanishRows = rows.toLocaleString('es-ES');
    expect(spanishRows).toMatch(/^\d{2}\.\d{3}$/);
    expect(loaded).toContain(`Se cargaron ${spanishRows} filas`);
    expect(loaded).toContain(`<a href="/publish/${slug}/columns">Revisar las columnas</a>`);
    expect(loaded).toMatch(new RegExp(`Los datos tienen ahora ${spanishRows.replace('.', '\\.')} filas en \\d+ columnas \\(versión 1\\)`));

    // Column review in Spanish: the types' names, the counts in Spanish, the hidden "of column" in Spanish.
    const columns = (await get(`/publish/${slug}/columns`, ed)).body;
    expect(columns).toContain('<html lang="es"');
    expect(columns).toContain('<h1>Revise las columnas de «Salarios 2016»</h1>');
    expect(columns).toContain(`Plaza leyó ${spanishRows} filas.`);
    expect(columns).toContain('<dt>Tipo detectado</dt>');
    expect(columns).toContain('<dt>Valores más frecuentes</dt>');
    expect(columns).toMatch(/<option value="decimal" selected(="")?>Número decimal<\/option>/);
    expect(columns).toMatch(/<option value="text" selected(="")?>Texto<\/option>/);
    expect(columns).toContain('Tipo<span class="sr"> de POSTAL</span>');
    expect(columns).toContain('>Guardar las columnas</button>');
    expect(columns).not.toContain('Inferred type');
    const found = (await get(`/publish/${slug}/columns?find=Ballesteros`, ed)).body;
    expect(found).toContain('1 fila coincide<');
    expect(found).toContain('<td>Ballesteros,Jorge Andrés</td>');
    const nothing = (await get(`/publish/${slug}/columns?find=zzzqqq`, ed)).body;
    expect(nothing).toContain('Ninguna fila contiene «zzzqqq».');
    const retyped = await post(`/publish/${slug}/columns`, ed, { 'type.postal': 'integer' });
    expect(retyped.statusCode).toBe(303);
    await waitForJob(t.deps, decodeURIComponent(/\?job=(.+)$/.exec(retyped.headers.location as string)![1]!));
    const again = (await get(retyped.headers.location as string, ed)).body;
    expect(again).toContain(`<a href="/publish/${slug}/columns">Volver a revisar las columnas</a>`);
    expect(again).toMatch(/<option value="integer" selected(="")?>Número entero<\/option>/);
    const saved = await post(`/publish/${slug}/columns`, ed, { 'unit.regular': 'USD' });
    expect((await get(saved.headers.location as string, ed)).body).toContain('Las columnas se guardaron.');

    // The metadata form: labels, vocabularies, access levels and the workflow in Spanish, a problem beside its field.
    const describe = (await get(`/publish/${slug}/describe`, ed)).body;
    expect(describe).toContain('<h1>Describa «Salarios 2016»</h1>');
    expect(describe).toContain('<label for="license">Licencia</label>');
    expect(describe).toMatch(/<option value(="")?>Elija una licencia<\/option>/);
    expect(describe).toContain('<option value="annual">' + spanish.t('vocab.frequency.annual') + '</option>');
    expect(describe).toContain('Público: cualquiera lo ve y lo descarga');
    expect(describe).toContain('<h2 id="workflow">Estado: Borrador</h2>');
    expect(describe).toContain('Antes de poder publicarse, el conjunto de datos necesita:');
    expect(describe).toContain('>Enviar a revisión</button>');
    const bad = await post(`/publish/${slug}/describe`, ed, { title: 'Salarios 2016', description: 'Lo que pagó la ciudad.', contact_name: 'Nóminas', contact_email: 'no-es-correo', access_level: 'public' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<h2>Hay un problema</h2>');
    expect(bad.body).toMatch(/<a href="#contact_email">Correo electrónico de contacto: [^<]+<\/a>/);
    expect(bad.body).toMatch(/<input type="email" id="contact_email" name="contact_email" aria-invalid="true"/);
    const good = await post(`/publish/${slug}/describe`, ed, { title: 'Salarios 2016', description: 'Lo que pagó la ciudad a cada empleado.', license: 'cc-by-4.0', access_level: 'public', keywords: 'salarios', 'themes.1': 'Budget and finance' });
    expect(good.statusCode).toBe(303);
    expect((await get(good.headers.location as string, ed)).body).toContain('La descripción se guardó.');
    const submitted = await post(`/publish/${slug}/status`, ed, { status: 'submitted', back: `/publish/${slug}/describe` });
    expect((await get(submitted.headers.location as string, ed)).body).toContain('El conjunto de datos se envió a revisión');

    // The publisher home: the status in Spanish, the date in Spanish, and the admin's review queue.
    const home = (await get('/publish', ed)).body;
    expect(home).toContain('<html lang="es"');
    expect(home).toContain('<h1>Sus conjuntos de datos</h1>');
    expect(home).toContain('<a href="/publish/new">Crear un conjunto de datos</a>');
    expect(home).toContain('<td>Enviado a revisión</td>');
    const today = spanish.date((await getDataset(t.deps, editor.principal, slug)).dataset.updatedAt);
    expect(today).not.toMatch(/^\d{4}-/);
    expect(home).toContain(`<td>${today}</td>`);
    const ad = await signIn(admin);
    const queue = (await get('/publish', ad)).body;
    expect(queue).toContain('<h2 id="queue">Cola de revisión</h2>');
    expect(queue).toContain('aria-label="Publicar Salarios 2016"');
    expect(queue).toContain('¿Qué debe cambiar antes de que «Salarios 2016» se pueda publicar?');
    const published = await post(`/publish/${slug}/status`, ad, { status: 'published', back: '/publish' });
    const after = (await get(published.headers.location as string, ad)).body;
    expect(after).toContain('«Salarios 2016» está publicado');
    expect(after).toContain('No hay nada pendiente de revisión.');
  }, 120_000);

  it('still speaks English to a publisher who asks for nothing else', async () => {
    const ed = await signIn(editor);
    const home = (await get('/publish', ed, {})).body;
    expect(home).toContain('<html lang="en"');
    expect(home).toContain('<h1>Your datasets</h1>');
    expect(home).toContain('<td>Published</td>');
    const columns = (await get('/publish/salarios-2016/columns', ed, {})).body;
    expect(columns).toMatch(/Plaza read \d{2},\d{3} rows\./);
    expect(columns).toContain('Type<span class="sr"> of POSTAL</span>');
    const upload = (await get('/publish/salarios-2016/upload', ed, {})).body;
    expect(upload).toContain('<h1>Upload data to “Salarios 2016”</h1>');
    expect(upload).toContain('data-lang="en"');
    expect(upload).toContain('&quot;publish.island.uploading&quot;:&quot;Uploading…&quot;');
  });
});
