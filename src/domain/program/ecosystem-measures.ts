import type { ActorKind } from './ecosystem-kinds.ts';
import type { EcoActor, EcoRelation } from './ecosystem.ts';

/** The map's actors and relationships, as one graph. */
export interface EcoGraph {
  actors: EcoActor[];
  relations: EcoRelation[];
}

export interface GraphFilter {
  kinds?: ActorKind[];
  topic?: string;
}

/** The actors passing the filter (of a kind given, with the topic given) and the relationships among them only. */
export function filterGraph(g: EcoGraph, f: GraphFilter): EcoGraph {
  const topic = f.topic?.trim().toLowerCase();
  const actors = g.actors.filter((a) => (!f.kinds?.length || f.kinds.includes(a.kind)) && (!topic || a.topics.includes(topic)));
  const shown = new Set(actors.map((a) => a.id));
  return { actors, relations: g.relations.filter((r) => shown.has(r.fromId) && shown.has(r.toId)) };
}

export interface Degree {
  actor: EcoActor;
  /** Relationships it takes part in, either way. */
  degree: number;
}

export interface GraphMeasures {
  /** Actors with relationships, most first (then by name), at most `top`. */
  mostConnected: Degree[];
  /** Actors with no relationship, by name. */
  isolated: EcoActor[];
  /** Connected components of two or more actors, largest first, each by name. */
  clusters: EcoActor[][];
}

const byName = (a: EcoActor, b: EcoActor): number => a.name.localeCompare(b.name, 'en') || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);

/** Each actor's degree, keyed by id. */
export function degrees(g: EcoGraph): Map<string, number> {
  const d = new Map<string, number>(g.actors.map((a) => [a.id, 0]));
  for (const r of g.relations) {
    if (!d.has(r.fromId) || !d.has(r.toId)) continue;
    d.set(r.fromId, d.get(r.fromId)! + 1);
    d.set(r.toId, d.get(r.toId)! + 1);
  }
  return d;
}

/** The groups of actors joined by relationships either way (isolated actors are groups of one), largest first. */
export function components(g: EcoGraph): EcoActor[][] {
  const parent = new Map<string, string>(g.actors.map((a) => [a.id, a.id]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const r of g.relations) {
    if (!parent.has(r.fromId) || !parent.has(r.toId)) continue;
    parent.set(find(r.fromId), find(r.toId));
  }
  const groups = new Map<string, EcoActor[]>();
  for (const a of g.actors) {
    const root = find(a.id);
    groups.set(root, [...(groups.get(root) ?? []), a]);
  }
  const out = [...groups.values()].map((m) => m.sort(byName));
  return out.sort((a, b) => b.length - a.length || byName(a[0]!, b[0]!));
}

/** Simple measures of the map: who is most connected, who stands alone, and the clusters. */
export function measureGraph(g: EcoGraph, top = 5): GraphMeasures {
  const d = degrees(g);
  const ranked = g.actors.map((actor) => ({ actor, degree: d.get(actor.id) ?? 0 }));
  const mostConnected = ranked
    .filter((x) => x.degree > 0)
    .sort((a, b) => b.degree - a.degree || byName(a.actor, b.actor))
    .slice(0, top);
  const isolated = ranked.filter((x) => x.degree === 0).map((x) => x.actor).sort(byName);
  return { mostConnected, isolated, clusters: components(g).filter((c) => c.length > 1) };
}
