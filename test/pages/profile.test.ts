import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
let app: FastifyInstance;
let html = '';

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'T', baseUrl: 'http://x' }, { logLevel: 'silent' });
  const { slug } = await t.load(fixture('tabular/chicago_crimes_2014-09.csv'), { title: 'Crimes', slug: 'crimes' });
  html = (await app.inject(`/datasets/${slug}`)).body;
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const rowOf = (name: string) => new RegExp(`<code>${name}</code>.*?</tr>`, 's').exec(html)?.[0] ?? '';

describe('column profiles on the dataset page', () => {
  it('draw a small histogram of a date or a measure, with a sentence saying where most values lie', async () => {
    const date = rowOf('date');
    expect(date).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Histogram of \d+ ranges from [^"]+; the most values \([\d,]+\) lie from [^"]+"/);
    expect((date.match(/<rect /g) ?? []).length).toBeGreaterThan(1);
  });

  it('give codes their commonest values and identifiers neither spread nor values, with their roles', async () => {
    const district = rowOf('district');
    expect(district).not.toContain('<svg');
    expect(district).toContain('<td>category</td>');
    expect(district).toMatch(/<ul class="top"><li>11 <span class="meta">\([\d,]+\)<\/span><\/li>/);
    const id = rowOf('id');
    expect(id).toContain('<td>identifier or code</td>');
    expect(id).not.toContain('<svg');
    expect(id).toContain('every value differs');
  });

  it('list the commonest values of a text column with their counts', async () => {
    const type = rowOf('primary_type');
    // THEFT is the commonest offence in the file (5,173 of 22,334 reports).
    expect(type).toMatch(/<ul class="top"><li>THEFT <span class="meta">\(5,173\)<\/span><\/li>/);
  });
});

describe('versions on the dataset page', () => {
  it('lists every version, newest first, with the live one marked and its downloads', async () => {
    await t.addVersion('crimes', fixture('tabular/chicago_crimes_2014-09.csv'));
    const page = (await app.inject('/datasets/crimes')).body;
    const section = /<section[^>]*aria-labelledby="versions".*?<\/section>/s.exec(page)?.[0] ?? '';
    const rows = [...section.matchAll(/<th scope="row">(.*?)<\/th>/g)].map((m) => m[1]);
    expect(rows).toEqual(['2 (live)', '1']);
    expect(section).toContain('href="/api/v1/datasets/crimes/export/csv?version=1"');
    expect(section).toContain('<td>22,334</td>');
  });
});
