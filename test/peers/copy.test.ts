import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browsePeer } from '../../src/actions/peers/browse-peer.ts';
import { copyPeerBlueprint } from '../../src/actions/peers/copy-blueprint.ts';
import { copyPeerShowcase } from '../../src/actions/peers/copy-showcase.ts';
import { copyPeerDataset } from '../../src/actions/peers/copy-dataset.ts';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { addLink } from '../../src/actions/catalog/resources.ts';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { anonymous } from '../../src/actions/deps.ts';
import { buildApp } from '../../src/http/app.ts';
import type { Showcase } from '../../src/domain/community/showcases.ts';
import type { HarvestSource } from '../../src/domain/harvest/types.ts';
import { emptyChecklist, type Project } from '../../src/domain/program/projects.ts';
import { insertPartners, insertStatement } from '../contract/program-factories.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { servePlaza, type ServedPlaza } from '../support/peers.ts';

const NOW = '2026-03-01T00:00:00.000Z';

describe('copying from a peer', () => {
  let here: TestPlaza;
  let there: TestPlaza;
  let peer: ServedPlaza;
  let source: HarvestSource;
  const showcase: Showcase = { id: 'sc-pantry', title: 'Pantry finder', kind: 'app', description: 'Finds the nearest open food pantry, with its hours.', link: 'https://example.org/pantries', madeBy: 'Code for Riverton', image: null, imageAlt: '', state: 'approved', stateReason: null, authorId: 'someone', datasetIds: [], createdAt: NOW, updatedAt: NOW };

  beforeAll(async () => {
    [here, there] = await Promise.all([startTestPlaza(), startTestPlaza()]);
    const store = there.deps.catalog;
    await store.showcases.createShowcase(showcase);
    const picture = await sharp({ create: { width: 800, height: 450, channels: 3, background: '#1b6' } }).png().toBuffer();
    expect((await there.deps.images.save(`showcases/${showcase.id}`, picture)).ok).toBe(true);
    await store.showcases.setShowcaseImage(showcase.id, `showcases/${showcase.id}`, NOW);
    await store.showcases.createShowcase({ ...showcase, id: 'sc-pending', title: 'Not yet reviewed', state: 'pending' });
    const statement = await insertStatement(store, { title: 'Families cannot tell which pantry is open' });
    const partners = (await insertPartners(store, ['Human Services', 'Riverton Food Bank', 'Code for Riverton'])).sort();
    const checklist = emptyChecklist().map((c) => (c.item === 'privacy' ? { ...c, status: 'fine' as const, notes: 'No personal data: opening hours only.', owner: 'Privacy office' } : c.item === 'hosting' ? { ...c, status: 'risk' as const, notes: 'Runs on a small server.', owner: 'IT' } : { ...c, status: 'fine' as const }));
    const project: Project = {
      id: 'pr-pantry', slug: 'pantry-line-live', title: 'Pantry Line Live', summary: 'Shows which pantries are open and how long their lines are.', statementId: statement.id, partnerIds: partners, datasetIds: [],
      startDate: '2026-01-05', templateId: 'co-design-sprint', phases: [{ key: 'research', name: 'Research', weeks: 4 }, { key: 'build', name: 'Build', weeks: 6 }, { key: 'launch', name: 'Launch', weeks: 2 }],
      currentPhase: 'launch', checklist, launch: { what: 'A web app', maintainer: 'Human Services', link: 'https://example.org/pantry-line', showcaseId: showcase.id, at: NOW }, createdBy: 'someone', createdAt: NOW, updatedAt: NOW,
    };
    await store.projects.createProject(project);
    await store.projects.addMilestone({ id: 'm1', projectId: project.id, title: 'Interviews with families', dueDate: '2026-01-20', status: 'done', phase: 'research' });
    await store.projects.addMilestone({ id: 'm2', projectId: project.id, title: 'Launch day', dueDate: '2026-03-20', status: 'planned', phase: 'launch' });
    peer = await servePlaza(there, 'Riverton');
    source = await addSource(here.deps, here.admin, { kind: 'plaza', url: peer.url, name: 'Riverton', peer: true, harvest: false });
  }, 120_000);

  afterAll(async () => {
    await peer?.close();
    await Promise.all([here?.close(), there?.close()]);
  });

  it('browses a peer\'s approved showcases and its projects', async () => {
    const page = await browsePeer(here.deps, anonymous, source.id);
    expect(page.showcases).toMatchObject({ ok: true, value: [{ id: 'sc-pantry', title: 'Pantry finder', madeBy: 'Code for Riverton', pageUrl: `${peer.url}/showcases/sc-pantry` }] });
    expect(page.projects).toMatchObject({ ok: true, value: [{ slug: 'pantry-line-live', title: 'Pantry Line Live', launched: true, pageUrl: `${peer.url}/projects/pantry-line-live` }] });
  });

  it('copies a showcase with its origin; a site administrator\'s copy is approved at once', async () => {
    const copy = await copyPeerShowcase(here.deps, here.admin, source.id, 'sc-pantry');
    const kept = await here.deps.catalog.showcases.getShowcase(copy.id);
    expect(kept).toMatchObject({ title: 'Pantry finder', kind: 'app', link: 'https://example.org/pantries', madeBy: 'Code for Riverton', state: 'approved', image: `showcases/${copy.id}`, datasetIds: [], originUrl: `${peer.url}/showcases/sc-pantry` });
    expect(copy.pictureCopied).toBe(true);
    const app = await buildApp({ deps: here.deps, siteName: 'Here', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
    try {
      const page = await app.inject({ method: 'GET', url: `/showcases/${copy.id}` });
      expect(page.body).toContain(`Copied from Riverton: <a href="${peer.url}/showcases/sc-pantry"`);
      const img = await app.inject({ method: 'GET', url: `/showcases/${copy.id}/image-640.webp` });
      expect(img.statusCode).toBe(200);
      expect(img.headers['content-type']).toMatch(/image\/webp/);
      const api = await app.inject({ method: 'GET', url: `/api/v1/showcases/${copy.id}` });
      expect(api.json()).toMatchObject({ origin_url: `${peer.url}/showcases/sc-pantry` });
    } finally {
      await app.close();
    }
  });

  it('copies a showcase without its picture when the peer cannot give it, and says so', async () => {
    await there.deps.catalog.showcases.createShowcase({ ...showcase, id: 'sc-broken', title: 'Broken picture', image: 'showcases/sc-broken' });
    const copy = await copyPeerShowcase(here.deps, here.admin, source.id, 'sc-broken');
    expect(copy.pictureCopied).toBe(false);
    expect((await here.deps.catalog.showcases.getShowcase(copy.id))?.image).toBeNull();
  });

  it('copies a blueprint as a new project in its first phase, with its origin, statuses to assess again and milestones as plans', async () => {
    const p = await copyPeerBlueprint(here.deps, here.admin, source.id, 'pantry-line-live');
    const kept = await here.deps.catalog.projects.getProject(p.id);
    expect(kept).toMatchObject({ title: 'Pantry Line Live', currentPhase: 'research', partnerIds: [], launch: null, originUrl: `${peer.url}/projects/pantry-line-live` });
    expect(kept?.phases.map((x) => x.key)).toEqual(['research', 'build', 'launch']);
    expect(kept?.checklist.every((c) => c.status === 'not_assessed' && c.owner === '')).toBe(true);
    expect(kept?.checklist.find((c) => c.item === 'hosting')?.notes).toBe('Riverton found it a risk: Runs on a small server.');
    expect(kept?.summary).toMatch(/\n\nPartners at Riverton: .*Code for Riverton \(tech partner\)/);
    expect(kept?.summary).toContain('Human Services (agency)');
    expect(kept?.summary).toContain('Launched at Riverton: A web app (maintained by Human Services, https://example.org/pantry-line).');
    const statement = (await here.deps.catalog.events.getStatement(kept!.statementId))!;
    expect(statement.title).toBe('Families cannot tell which pantry is open');
    const milestones = await here.deps.catalog.projects.listMilestones(p.id);
    expect(milestones.map((m) => [m.title, m.status, m.phase])).toEqual([['Interviews with families', 'planned', 'research'], ['Launch day', 'planned', 'launch']]);
    const shift = (Date.parse(`${kept!.startDate}T00:00:00Z`) - Date.parse('2026-01-05T00:00:00Z')) / 86_400_000;
    expect(milestones[0]?.dueDate).toBe(new Date(Date.parse('2026-01-20T00:00:00Z') + shift * 86_400_000).toISOString().slice(0, 10));
    const app = await buildApp({ deps: here.deps, siteName: 'Here', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
    try {
      const page = await app.inject({ method: 'GET', url: `/projects/${p.slug}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`Copied from Riverton: <a href="${peer.url}/projects/pantry-line-live"`);
    } finally {
      await app.close();
    }
  });

  it('brings a peer\'s dataset in as a harvested dataset of that peer, once', async () => {
    const d = await createDataset(there.deps, there.admin, { title: 'Pantry hours', organization: 'Human Services', description: 'When each pantry is open.', license: 'cc-by-4.0', keywords: ['food'] }, { createOrganization: true });
    await addLink(there.deps, there.admin, d.id, { kind: 'link', name: 'Hours page', url: 'https://example.org/hours' });
    await changeStatus(there.deps, there.admin, d.id, { status: 'published' });
    const first = await copyPeerDataset(here.deps, here.admin, source.id, d.slug);
    expect(first.did).toBe('created');
    expect(first.dataset).toMatchObject({ title: 'Pantry hours', status: 'published', keywords: ['food'], organizationId: source.organizationId });
    const [origin] = await here.deps.catalog.harvest.originsOf([first.dataset.id]);
    expect(origin).toMatchObject({ sourceId: source.id, remoteId: d.id, identifier: `${peer.url}/datasets/${d.slug}`, originalUrl: `${peer.url}/datasets/${d.slug}` });
    expect((await here.deps.catalog.datasets.listResources(first.dataset.id)).map((r) => r.sourceUrl)).toEqual(['https://example.org/hours']);
    await expect(updateDataset(here.deps, here.admin, first.dataset.id, { title: 'Renamed here' })).rejects.toThrow(/harvested/i);
    const again = await copyPeerDataset(here.deps, here.admin, source.id, d.slug);
    expect(again).toMatchObject({ did: 'unchanged', dataset: { id: first.dataset.id } });
    await expect(copyPeerDataset(here.deps, anonymous, source.id, d.slug)).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('refuses a showcase the peer does not show, and creates nothing when the peer is down', async () => {
    const before = (await here.deps.catalog.showcases.listShowcases({ states: ['approved', 'pending'], limit: 100, offset: 0 })).total;
    const projectsBefore = (await here.deps.catalog.projects.listProjects({ limit: 100, offset: 0 })).total;
    await expect(copyPeerShowcase(here.deps, here.admin, source.id, 'sc-pending')).rejects.toMatchObject({ code: 'fetch_failed', message: expect.stringMatching(/^Nothing was copied: Riverton did not give it\. .*answered 404/) });
    await peer.close();
    await expect(copyPeerShowcase(here.deps, here.admin, source.id, 'sc-pantry')).rejects.toMatchObject({ code: 'fetch_failed', message: expect.stringMatching(/could not be reached/) });
    await expect(copyPeerBlueprint(here.deps, here.admin, source.id, 'pantry-line-live')).rejects.toMatchObject({ code: 'fetch_failed' });
    expect((await here.deps.catalog.showcases.listShowcases({ states: ['approved', 'pending'], limit: 100, offset: 0 })).total).toBe(before);
    expect((await here.deps.catalog.projects.listProjects({ limit: 100, offset: 0 })).total).toBe(projectsBefore);
    const page = await browsePeer(here.deps, anonymous, source.id);
    expect(page.showcases).toMatchObject({ ok: false, message: expect.stringMatching(/could not be reached/) });
  });
});
