import { findEditableDataset } from '../actions/catalog/access.ts';
import { createReadStream, existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDataset } from '../actions/catalog/create-dataset.ts';
import { addResource } from '../actions/ingest/add-resource.ts';
import { changeStatus } from '../actions/catalog/change-status.ts';
import type { Deps, Principal } from '../actions/deps.ts';
import { getSite, updateSite } from '../actions/site/settings.ts';
import { seedDemoProblems, type DemoProblem } from '../actions/community/demo-problems.ts';
import { seedDemoRequests, type DemoRequest } from '../actions/community/demo-requests.ts';
import { drawDemoPictures, seedDemoShowcases, type DemoShowcase } from '../actions/showcases/demo-showcases.ts';
import { seedDemoChampions, type DemoChampion } from '../actions/champions/demo-champions.ts';
import { seedDemoEcosystem } from '../actions/program/ecosystem/demo-ecosystem.ts';
import { seedDemoEvents, type DemoEvents } from '../actions/program/demo-events.ts';
import { seedDemoProjects, type DemoProject } from '../actions/projects/demo-projects.ts';
import { seedDemoPeers, type DemoPeer } from '../actions/harvest/demo-peers.ts';

/** The demo's dataset of areas, drawn beneath every map (the site setting `map_context`). */
export const DEMO_MAP_CONTEXT = 'zip-code-areas';

/** One demo dataset: its file and its metadata, in the API's field names. */
interface DemoEntry extends Record<string, unknown> {
  file: string;
  slug: string;
}

export const DEMO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../demo');

/**
 * Queues the demo city's datasets on the first start of a data folder, names
 * its ZIP code areas as the areas drawn beneath every map, and posts its
 * residents' problems. A marker file makes later starts skip it, even if a
 * publisher deleted demo data.
 */
export async function loadDemoOnce(deps: Deps, actor: Principal, dataDir: string): Promise<{ queued: number } | undefined> {
  const marker = join(dataDir, '.demo-loaded');
  if (existsSync(marker)) return undefined;
  const entries = JSON.parse(await readFile(join(DEMO_DIR, 'datasets.json'), 'utf8')) as DemoEntry[];
  let queued = 0;
  for (const e of entries) {
    if (await findEditableDataset(deps, actor, e.slug)) continue;
    const { file, ...metadata } = e;
    // The demo city brings its own departments.
    const dataset = await createDataset(deps, actor, metadata, { createOrganization: true });
    await addResource(deps, actor, dataset.id, { file: createReadStream(join(DEMO_DIR, file), { highWaterMark: 1 << 20 }), filename: file });
    await changeStatus(deps, actor, dataset.id, { status: 'published' });
    queued++;
  }
  // Every map draws the demo city's ZIP code areas beneath its data, unless the city already chose its own.
  if (entries.some((e) => e.slug === DEMO_MAP_CONTEXT) && !(await getSite(deps)).mapContext) await updateSite(deps, actor, { map_context: DEMO_MAP_CONTEXT });
  // The problems residents of the demo city posted, voted on and saw triaged.
  await seedDemoProblems(deps, actor, JSON.parse(await readFile(join(DEMO_DIR, 'problems.json'), 'utf8')) as DemoProblem[]);
  // The data residents asked for, and the city's answers: one fulfilled by a demo dataset, one declined for privacy.
  await seedDemoRequests(deps, actor, JSON.parse(await readFile(join(DEMO_DIR, 'requests.json'), 'utf8')) as DemoRequest[]);
  // What residents built with the data, approved; each picture is drawn from a demo chart once its data is loaded.
  const showcases = await seedDemoShowcases(deps, actor, JSON.parse(await readFile(join(DEMO_DIR, 'showcases.json'), 'utf8')) as DemoShowcase[]);
  // In the background: a picture that cannot be drawn leaves its showcase without one.
  void drawDemoPictures(deps, actor, showcases).catch(() => 0);
  // The open data program: who works with data in the city, a scope-a-thon and its problem statements, the
  // co-design projects started from them (one launched), and the champions who look after the data.
  await seedDemoEcosystem(deps, actor, await readFile(join(DEMO_DIR, 'ecosystem.json'), 'utf8'));
  await seedDemoEvents(deps, actor, JSON.parse(await readFile(join(DEMO_DIR, 'events.json'), 'utf8')) as DemoEvents);
  await seedDemoProjects(deps, actor, JSON.parse(await readFile(join(DEMO_DIR, 'projects.json'), 'utf8')) as DemoProject[]);
  await seedDemoChampions(deps, actor, JSON.parse(await readFile(join(DEMO_DIR, 'champions.json'), 'utf8')) as DemoChampion[]);
  // A peer portal, New York State, listed in the peer network and harvested from the copy of its catalog the demo ships.
  await seedDemoPeers(deps, actor, JSON.parse(await readFile(join(DEMO_DIR, 'peers.json'), 'utf8')) as DemoPeer[], (file) => readFile(join(DEMO_DIR, file)));
  await writeFile(marker, `${new Date().toISOString()}\n`);
  return { queued };
}
