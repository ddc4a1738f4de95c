import { pickingMap, problemPlaceMap } from '../../../actions/community/problem-map.ts';
import { linkableDatasets, linkedDatasets, linkedRequests } from '../../../actions/community/read-problem-links.ts';
import { openRequests } from '../../../actions/community/read-requests.ts';
import type { ProblemDetail } from '../../../actions/community/read-problems.ts';
import type { Deps, Principal } from '../../../actions/deps.ts';
import { getSite } from '../../../actions/site/settings.ts';
import type { Translator } from '../../../domain/i18n/translator.ts';
import type { MapTiles } from '../dataset/map-picture.tsx';
import type { LinksState } from './links.tsx';
import type { PlaceMapState } from './place-map.tsx';

/** The tile server the site's settings name, when it names one with its attribution. */
export async function siteTiles(deps: Deps): Promise<MapTiles | undefined> {
  const site = await getSite(deps);
  return site.tileUrl && site.tileAttribution ? { template: site.tileUrl, attribution: site.tileAttribution, attributionUrl: site.tileAttributionUrl } : undefined;
}

/** A link form's answer, when it was refused: the dataset (or request) chosen and why. */
export interface LinkRefusal {
  chosen: string;
  error: string;
  /** Which form was refused; the dataset one unless "request". */
  kind?: 'dataset' | 'request' | undefined;
}

/** What the problem page shows beside the problem itself: its map and its linked datasets, with the link form for triagers. */
export async function placeAndLinks(deps: Deps, p: Principal, csrf: string | undefined, d: ProblemDetail, refusal?: LinkRefusal): Promise<{ place: PlaceMapState; links: LinksState }> {
  const [map, tiles, links, requests] = await Promise.all([problemPlaceMap(deps, d.problem), siteTiles(deps), linkedDatasets(deps, p, d.problem.id), linkedRequests(deps, p, d.problem.id)]);
  const forRequest = refusal?.kind === 'request';
  const form = d.mayTriage && csrf && !d.problem.mergedInto
    ? { csrf, datasets: await linkableDatasets(deps, p, links), chosen: forRequest ? undefined : refusal?.chosen, error: forRequest ? undefined : refusal?.error, requests: await linkableRequests(deps, p, requests), chosenRequest: forRequest ? refusal.chosen : undefined, requestError: forRequest ? refusal.error : undefined }
    : undefined;
  return { place: { map, tiles }, links: { links, requests, form } };
}

/** The requests a triager may link: the open ones they see, most voted first, without those linked already. */
async function linkableRequests(deps: Deps, p: Principal, linked: ReadonlyArray<{ request: { id: string } }>): Promise<Array<{ id: string; title: string }>> {
  const taken = new Set(linked.map((l) => l.request.id));
  return (await openRequests(deps, p)).filter((r) => !taken.has(r.id)).map((r) => ({ id: r.id, title: r.title }));
}

/** The notice after a link form: linked, unlinked, or linked already. */
export function linkNotice(t: Translator, q: Record<string, string | undefined>): string | undefined {
  const request = q.kind === 'request';
  if (q.linked === '1') return t.t(request ? 'problemRequestLinks.linkedNotice' : 'problemMaps.linkedNotice');
  if (q.linked === '0') return t.t(request ? 'problemRequestLinks.alreadyLinked' : 'problemMaps.alreadyLinked');
  if (q.unlinked === '1') return t.t(request ? 'problemRequestLinks.unlinkedNotice' : 'problemMaps.unlinkedNotice');
  return undefined;
}

/** The new-problem form's map: the whole city, with the point typed (when both coordinates read as numbers in range). */
export async function pickState(deps: Deps, values: Record<string, string>): Promise<PlaceMapState> {
  const lat = Number(values.lat);
  const lon = Number(values.lon);
  const typed = values.lat?.trim() && values.lon?.trim() && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : undefined;
  const [map, tiles] = await Promise.all([pickingMap(deps, typed), siteTiles(deps)]);
  return { map, tiles };
}
