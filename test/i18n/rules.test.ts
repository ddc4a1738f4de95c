import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { BUILT_IN_LOCALES, loadLocales } from '../../src/adapters/locales/files.ts';
import { makeTranslator } from '../../src/domain/i18n/translator.ts';
import { buildApp } from '../../src/http/app.ts';
import { ruleText } from '../../src/http/pages/components/rule-text.ts';
import { makePerson, signIn as signInAs, type Person, type Session } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * Messages from the actions and the domain rules in the reader's language:
 * a rule's English text finds its `rule.*` message, and Spanish pages show
 * that message's Spanish next to the field or in the problem box.
 */

const locales = loadLocales([BUILT_IN_LOCALES]);
const es = locales.translator('es');
const en = locales.translator('en');

describe('ruleText', () => {
  it('finds a rule by its whole English text and gives it in the reader’s language', () => {
    expect(ruleText(es, 'A dataset needs a title.')).toBe('Un conjunto de datos necesita un título.');
    expect(ruleText(es, 'Keep at least one language.')).toBe('Conserve al menos un idioma.');
    expect(ruleText(es, 'The email address or the password is not right.')).toBe('La dirección de correo electrónico o la contraseña no son correctas.');
    expect(ruleText(es, 'Choose a license before publishing.')).toBe('Elija una licencia antes de publicar.');
  });

  it('reads the values out of a rule with values and puts them into the reader’s text', () => {
    expect(ruleText(es, 'Feature at most 6 datasets.')).toBe('Destaque 6 conjuntos de datos como máximo.');
    expect(ruleText(es, 'Keep it under 200 characters.')).toBe('Use menos de 200 caracteres.');
    expect(ruleText(es, 'There is no organization "Parks".')).toBe('No existe ninguna organización «Parks».');
    expect(ruleText(es, 'The primary colour #ffcc00 has a contrast of 1.5:1 with the white text of the header; WCAG AA needs at least 4.5:1 for text. Choose a darker colour.')).toBe(
      'El color principal #ffcc00 tiene un contraste de 1.5:1 con el texto blanco de la cabecera; WCAG AA exige al menos 4,5:1 para el texto. Elija un color más oscuro.',
    );
    // A text with braces of its own: the value is read back as the braces and written again.
    expect(ruleText(es, 'No dataset is called “a”, “b”; feature datasets by their slug, as in /datasets/{slug}.')).toBe(
      'Ningún conjunto de datos se llama “a”, “b”; destaque los conjuntos de datos por su slug, como en /datasets/{slug}.',
    );
  });

  it('gives any other message back as it is, and English readers the message unchanged', () => {
    expect(ruleText(es, 'Invalid input')).toBe('Invalid input');
    expect(ruleText(es, 'A dataset needs a title')).toBe('A dataset needs a title');
    expect(ruleText(es, 'Keep it under characters.')).toBe('Keep it under characters.');
    expect(ruleText(es, '')).toBe('');
    for (const m of ['A dataset needs a title.', 'Feature at most 6 datasets.', 'There is no organization "Parks".', 'Invalid input']) expect(ruleText(en, m)).toBe(m);
  });

  it('works from whatever English set the translator falls back to, and leaves texts a language lacks in English', () => {
    const english = { 'rule.a': 'A thing is wrong.', 'rule.b': 'Use at most {max} things.', 'rule.c': 'Only in English.', 'other.a': 'Not a rule.' };
    const fr = makeTranslator('fr', { 'rule.a': 'Quelque chose ne va pas.', 'rule.b': 'Utilisez au plus {max} choses.', 'other.a': 'Pas une règle.' }, english);
    expect(ruleText(fr, 'A thing is wrong.')).toBe('Quelque chose ne va pas.');
    expect(ruleText(fr, 'Use at most 3 things.')).toBe('Utilisez au plus 3 choses.');
    expect(ruleText(fr, 'Only in English.')).toBe('Only in English.');
    expect(ruleText(fr, 'Not a rule.')).toBe('Not a rule.');
    // A translator with no English to fall back to knows no rules.
    expect(ruleText(makeTranslator('fr', { 'rule.a': 'Quelque chose ne va pas.' }), 'A thing is wrong.')).toBe('A thing is wrong.');
  });

  it('has Spanish for every rule, each different from its English', () => {
    const spanish = locales.messages('es')!;
    const rules = Object.entries(locales.messages('en')!).filter(([k]) => k.startsWith('rule.'));
    expect(rules.length).toBeGreaterThan(50);
    expect(rules.filter(([k, v]) => spanish[k] === v).map(([k]) => k)).toEqual([]);
  });
});

const PASSWORD = 'rules in spanish 2030';
const ES = { 'accept-language': 'es' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
let t: TestPlaza;
let app: FastifyInstance;
let editor: Person;
let boss: Person;
let ip = 0;
const nextIp = () => `10.8.0.${++ip}`;

const signIn = (who: Person): Promise<Session> => signInAs(t, app, who, PASSWORD, nextIp());

const post = (url: string, s: Session, form: Record<string, string>, headers: Record<string, string> = ES) =>
  app.inject({ method: 'POST', url, headers: { cookie: s.cookie, ...FORM, ...headers }, payload: new URLSearchParams({ _csrf: s.csrf, ...form }).toString() });

/** A multipart/form-data body of text fields, as a browser sends the settings form. */
function multipart(fields: Record<string, string>) {
  const boundary = '----rules-form';
  const payload = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  const finance = await createOrganization(t.deps, t.admin, { name: 'Finance' });
  editor = await makePerson(t, { name: 'Elena Editora', roles: { [finance.id]: 'editor' } });
  boss = await makePerson(t, { name: 'Jefa', siteAdmin: true });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('rule messages on Spanish pages', () => {
  it('the new-dataset form with no title, and the describe form with a bad email and what publishing needs', async () => {
    const ed = await signIn(editor);
    const empty = await post('/publish/new', ed, { title: '', organization: 'finance', description: 'Lo que pagó la ciudad.' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<span class="usa-error-message error" id="title-error">Un conjunto de datos necesita un título.</span>');
    expect(empty.body).toContain('<a href="#title">Título: Un conjunto de datos necesita un título.</a>');
    expect(empty.body).not.toContain('A dataset needs a title.');
    const english = await post('/publish/new', ed, { title: '', organization: 'finance', description: '' }, {});
    expect(english.body).toContain('<span class="usa-error-message error" id="title-error">A dataset needs a title.</span>');

    const created = await post('/publish/new', ed, { title: 'Salarios 2016', organization: 'finance', description: 'Lo que pagó la ciudad.' });
    expect(created.statusCode).toBe(303);
    const bad = await post('/publish/salarios-2016/describe', ed, { title: 'Salarios 2016', description: 'Lo que pagó la ciudad.', contact_name: 'Nóminas', contact_email: 'no-es-correo', access_level: 'public' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<span class="usa-error-message error" id="contact_email-error">no es una dirección de correo electrónico.</span>');
    expect(bad.body).toContain('<a href="#contact_email">Correo electrónico de contacto: no es una dirección de correo electrónico.</a>');
    // What the dataset still needs before it can be published.
    expect(bad.body).toContain('Licencia: Elija una licencia antes de publicar.');
    expect(bad.body).not.toContain('before publishing');
  });

  it('the site settings with no language ticked', async () => {
    const admin = await signIn(boss);
    const { payload, headers } = multipart({ _csrf: admin.csrf, name: 'Ciudad Abierta', logo_url: '', primary_color: '#12263a', accent_color: '#0b5cad', featured: '', themes: 'Health', lang_en: '' });
    const silent = await app.inject({ method: 'POST', url: '/admin/settings', payload, headers: { ...headers, ...ES, cookie: admin.cookie } });
    expect(silent.statusCode).toBe(400);
    expect(silent.body).toContain('<span class="usa-error-message field-error" id="field-languages-error">Conserve al menos un idioma.</span>');
  });

  it('sign-in with a wrong password', async () => {
    await signIn(editor);
    const page = await app.inject({ url: '/sign-in', headers: ES });
    const cookie = [page.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('plaza_csrf='))!.split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const wrong = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST', url: '/sign-in', remoteAddress: nextIp(), headers: { ...headers, ...FORM, cookie },
        payload: new URLSearchParams({ _csrf: csrf, email: editor.user.email, password: 'not the password' }).toString(),
      });
    const spanish = await wrong(ES);
    expect(spanish.statusCode).toBe(401);
    expect(spanish.body).toContain('role="alert">La dirección de correo electrónico o la contraseña no son correctas.');
    const english = await wrong({});
    expect(english.body).toContain('role="alert">The email address or the password is not right.');
  });
});
