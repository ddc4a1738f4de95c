import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, type Person } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** A value only the hidden datasets hold: it must never appear in an answer to someone who may not see them. */
export const MARKER = 'ZZSECRETMARKER';

export interface DatastoreSite {
  t: TestPlaza;
  app: FastifyInstance;
  admin: { authorization: string };
  /** An organization member with a token, sent CKAN style (`Authorization: <token>`). */
  member: Person;
  /** Slugs of the hidden datasets, by kind. */
  hidden: { private: string; draft: string };
  restricted: string;
  /** A small public dataset (three rows, no marker). */
  open: string;
  /** The resource id of a dataset's live version. */
  resourceOf(slug: string): Promise<string>;
  close(): Promise<void>;
}

async function upload(app: FastifyInstance, admin: Record<string, string>, slug: string, csv: string): Promise<void> {
  const boundary = '----ckan';
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="data.csv"\r\n\r\n`), Buffer.from(csv), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const up = await app.inject({ method: 'POST', url: `/api/v1/datasets/${slug}/resources`, headers: { ...admin, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  if (up.statusCode !== 202) throw new Error(`upload ${slug}: ${up.statusCode} ${up.body}`);
  for (let i = 0; i < 400; i++) {
    const d = (await app.inject({ method: 'GET', url: `/api/v1/datasets/${slug}`, headers: admin })).json();
    if (d.version) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${slug} did not load`);
}

/** A Plaza with an HTTP app, a private, a draft and a restricted dataset (holding MARKER), and a member of their organization. */
export async function startDatastoreSite(): Promise<DatastoreSite> {
  const t = await startTestPlaza();
  const app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://test.local' }, { logLevel: 'silent' });
  const admin = { authorization: `Bearer ${t.token}` };
  await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin, payload: { name: 'Hidden Office' } });
  const open = `case_number,primary_type,district\nA-1,THEFT,1\nA-2,BATTERY,2\nA-3,THEFT,3\n`;
  const csv = `case_number,primary_type,district\n${MARKER}-1,${MARKER},99\n${MARKER}-2,THEFT,98\n`;
  const make = async (slug: string, access: string, publish: boolean) => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: admin, payload: { title: `${slug} data`, organization: 'Hidden Office', slug, description: 'Hidden rows.', license: 'cc-by-4.0', access_level: access } });
    if (r.statusCode !== 201) throw new Error(`create ${slug}: ${r.body}`);
    await upload(app, admin, slug, slug === 'open-crimes' ? open : csv);
    if (publish) await app.inject({ method: 'POST', url: `/api/v1/datasets/${slug}/status`, headers: admin, payload: { status: 'published' } });
  };
  await make('open-crimes', 'public', true);
  await make('secret-crimes', 'private', true);
  await make('draft-crimes', 'public', false);
  await make('members-crimes', 'restricted', true);
  const office = (await t.deps.catalog.datasets.getOrganization('hidden-office'))!;
  const member = await makePerson(t, { name: 'Office viewer', roles: { [office.id]: 'viewer' } });
  return {
    t,
    app,
    admin,
    member,
    hidden: { private: 'secret-crimes', draft: 'draft-crimes' },
    restricted: 'members-crimes',
    open: 'open-crimes',
    async resourceOf(slug) {
      const d = await t.deps.catalog.datasets.getDataset(slug);
      const v = d?.liveVersionId ? await t.deps.catalog.datasets.getVersion(d.liveVersionId) : undefined;
      if (!v?.resourceId) throw new Error(`${slug} has no resource`);
      return v.resourceId;
    },
    async close() {
      await app.close();
      await t.close();
    },
  };
}
