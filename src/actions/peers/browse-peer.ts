import { isSiteAdmin } from '../../domain/accounts/policy.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { HarvestSource } from '../../domain/harvest/types.ts';
import { siteRoot } from '../../domain/peers/search-urls.ts';
import { readPeerBlueprint, readPeerDataset, readPeerProjects, readPeerShowcase, readPeerShowcases, type PeerBlueprint, type PeerProject, type PeerShowcase } from '../../domain/peers/shared.ts';
import { PeerAnswerError, type PeerAnswer } from '../../domain/peers/types.ts';
import type { HarvestedRecord } from '../../domain/harvest/types.ts';
import type { Deps, Principal } from '../deps.ts';
import { askPeer } from './ask-peer.ts';
import { PEER_RESULTS, peerRef } from './federated-search.ts';
import { fetchPeerJson, PeerFailure, peerFailure } from './peer-fetch.ts';

/** How long a peer's page of showcases, projects or one blueprint is waited for. */
const waitMs = (deps: Deps): number => Math.max(deps.limits.peerSearchMs * 2, 2_000);

/** A peer by id (peers are public); other sources are not found. */
export async function getPeer(deps: Deps, p: Principal, id: string): Promise<HarvestSource> {
  const source = await deps.catalog.harvest.getSource(id);
  if (!source || (!source.peer && !isSiteAdmin(p))) throw notFound('Peer', id);
  return source;
}

/** Only Plaza peers share showcases and blueprints. */
export function requirePlaza(source: HarvestSource): string {
  if (source.kind !== 'plaza') throw new AppError('conflict', `${source.name} is a ${source.kind} portal: only Plaza peers share showcases and project blueprints.`);
  return siteRoot(source.url);
}

/** One JSON answer of a Plaza peer, read by `readWith`; a peer that fails or answers something else is a `PeerFailure`. */
async function ask<T>(deps: Deps, source: HarvestSource, path: string, readWith: (json: unknown, root: string) => T): Promise<T> {
  const root = requirePlaza(source);
  const ms = waitMs(deps);
  const json = await fetchPeerJson(deps, `${root}${path}`, AbortSignal.timeout(ms), ms);
  try {
    return readWith(json, root);
  } catch (e) {
    if (e instanceof PeerAnswerError) throw new PeerFailure('error', `${source.name} answered something Plaza cannot read: ${e.message}`);
    throw e;
  }
}

export const peerShowcases = (deps: Deps, s: HarvestSource): Promise<PeerShowcase[]> => ask(deps, s, '/api/v1/showcases?limit=50', readPeerShowcases);
export const peerShowcase = (deps: Deps, s: HarvestSource, id: string): Promise<PeerShowcase> => ask(deps, s, `/api/v1/showcases/${encodeURIComponent(id)}`, readPeerShowcase);
export const peerProjects = (deps: Deps, s: HarvestSource): Promise<PeerProject[]> => ask(deps, s, '/api/v1/projects?limit=50', readPeerProjects);
export const peerBlueprint = (deps: Deps, s: HarvestSource, slug: string): Promise<PeerBlueprint> => ask(deps, s, `/api/v1/projects/${encodeURIComponent(slug)}/blueprint`, (json) => readPeerBlueprint(json));
export const peerDataset = (deps: Deps, s: HarvestSource, slug: string): Promise<HarvestedRecord> => ask(deps, s, `/api/v1/datasets/${encodeURIComponent(slug)}`, readPeerDataset);

/** A part of a peer's page: what it answered, or why not. */
export type Part<T> = { ok: true; value: T } | { ok: false; message: string };

async function part<T>(work: Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, value: await work };
  } catch (e) {
    if (e instanceof PeerFailure) return { ok: false, message: e.message };
    throw e;
  }
}

export interface PeerPage {
  peer: HarvestSource;
  /** Its latest datasets, asked as the federated search asks it. */
  datasets: Part<PeerAnswer>;
  /** Null for peers that are not Plaza sites: they have no showcases or blueprints. */
  showcases: Part<PeerShowcase[]> | null;
  projects: Part<PeerProject[]> | null;
}

/** A peer's page: its showcases and projects, asked at once; a part the peer did not give says why. */
export async function browsePeer(deps: Deps, p: Principal, id: string): Promise<PeerPage> {
  const peer = await getPeer(deps, p, id);
  const ms = waitMs(deps);
  const datasets = part(
    askPeer(deps, peer, '', PEER_RESULTS, AbortSignal.timeout(ms), ms)
      .then((a) => ({ peer: peerRef(peer), ...a }))
      .catch((e: unknown) => {
        throw peerFailure(e, peer.url, ms);
      }),
  );
  if (peer.kind !== 'plaza') return { peer, datasets: await datasets, showcases: null, projects: null };
  const [d, showcases, projects] = await Promise.all([datasets, part(peerShowcases(deps, peer)), part(peerProjects(deps, peer))]);
  return { peer, datasets: d, showcases, projects };
}
