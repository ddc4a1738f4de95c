import { TOKEN_SCOPES } from '../../domain/accounts/types.ts';
import type { ShowcaseKind } from '../../domain/community/showcases.ts';
import { principalFor } from '../auth/principal.ts';
import type { Deps, Principal } from '../deps.ts';
import { approveShowcase } from './approve-showcase.ts';
import { defaultChartSvg } from './demo-pictures.ts';
import { submitShowcase } from './submit-showcase.ts';

/** One of the demo city's showcases (demo/showcases.json); its picture is the first chart of its first dataset. */
export interface DemoShowcase {
  title: string;
  kind: ShowcaseKind;
  description: string;
  link: string;
  madeBy: string;
  imageAlt: string;
  /** Slugs of demo datasets. */
  datasets: string[];
  /** The demo resident who submitted it, by number (resident1@demo.plaza.invalid is 0). */
  author: number;
}

/** A demo showcase kept, waiting for its picture. */
export interface SeededShowcase {
  id: string;
  dataset: string;
}

/**
 * Submits the demo city's showcases as its residents (the moderator when a
 * resident's account is missing) and approves them as `moderator`, through
 * the actions people use. Pictures come later (`drawDemoPictures`), once the
 * datasets' data is loaded.
 */
export async function seedDemoShowcases(deps: Deps, moderator: Principal, entries: DemoShowcase[]): Promise<SeededShowcase[]> {
  const seeded: SeededShowcase[] = [];
  for (const e of entries) {
    const user = await deps.catalog.accounts.findUserByEmail(`resident${e.author + 1}@demo.plaza.invalid`);
    const author = user ? await principalFor(deps, user, 'session', [...TOKEN_SCOPES], null) : moderator;
    const s = await submitShowcase(deps, author, { title: e.title, kind: e.kind, description: e.description, link: e.link, madeBy: e.madeBy, imageAlt: e.imageAlt, datasets: e.datasets });
    await approveShowcase(deps, moderator, s.id);
    seeded.push({ id: s.id, dataset: e.datasets[0]! });
  }
  return seeded;
}

/** Draws one showcase's picture; false when its dataset has no chart. */
async function drawOne(deps: Deps, actor: Principal, s: SeededShowcase): Promise<boolean> {
  const svg = await defaultChartSvg(deps, actor, s.dataset);
  if (!svg) return false;
  const prefix = `showcases/${s.id}`;
  const saved = await deps.images.saveDrawing(prefix, svg);
  if (!saved.ok) return false;
  await deps.catalog.showcases.setShowcaseImage(s.id, prefix, deps.clock.now().toISOString());
  return true;
}

/**
 * Draws each demo showcase's picture from the first chart of its first
 * dataset, as each dataset's data arrives; gives up on one after `waitMs`,
 * and one that fails leaves its showcase without a picture. Returns how many
 * were drawn.
 */
export async function drawDemoPictures(deps: Deps, actor: Principal, seeded: SeededShowcase[], opts: { waitMs?: number; pollMs?: number } = {}): Promise<number> {
  const until = Date.now() + (opts.waitMs ?? 10 * 60_000);
  const pending = [...seeded];
  let drawn = 0;
  while (pending.length && Date.now() < until) {
    for (const s of [...pending]) {
      const d = await deps.catalog.datasets.getDataset(s.dataset);
      if (!d) {
        pending.splice(pending.indexOf(s), 1);
        continue;
      }
      if (!d.liveVersionId) continue;
      pending.splice(pending.indexOf(s), 1);
      if (await drawOne(deps, actor, s).catch(() => false)) drawn++;
    }
    if (pending.length) await new Promise((r) => setTimeout(r, opts.pollMs ?? 2_000));
  }
  return drawn;
}
