import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import type { EcoGraph } from './ecosystem-measures.ts';

/** Where an actor is drawn, in the drawing's units. */
export interface Placed {
  id: string;
  x: number;
  y: number;
}

export interface Layout {
  width: number;
  height: number;
  /** By actor id. */
  positions: Map<string, Placed>;
}

/** How many steps the simulation runs: always the same, so the same map is always drawn the same. */
export const LAYOUT_TICKS = 300;

interface Node extends SimulationNodeDatum {
  id: string;
}

/** A small seeded generator (mulberry32): the same seed gives the same numbers. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (n: number): number => Math.round(n * 10) / 10;

/**
 * A force-directed layout of the graph, computed by d3-force without a
 * timer: the actors start on a spiral in the order of their slugs, the
 * simulation's random source is seeded, and it runs a fixed number of ticks.
 * The same actors and relationships always give the same positions, scaled
 * to fit a `width` × `height` box with `margin` around.
 */
export function layoutGraph(g: EcoGraph, width = 640, height = 480, margin = 30): Layout {
  const actors = [...g.actors].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const nodes: Node[] = actors.map((a, i) => {
    const r = 10 * Math.sqrt(0.5 + i);
    const angle = i * Math.PI * (3 - Math.sqrt(5));
    return { id: a.id, x: r * Math.cos(angle), y: r * Math.sin(angle) };
  });
  const known = new Set(nodes.map((n) => n.id));
  const links: SimulationLinkDatum<Node>[] = [...g.relations]
    .filter((r) => known.has(r.fromId) && known.has(r.toId))
    .sort((a, b) => (a.fromId + a.toId + a.kind < b.fromId + b.toId + b.kind ? -1 : 1))
    .map((r) => ({ source: r.fromId, target: r.toId }));
  const sim = forceSimulation<Node>(nodes)
    .randomSource(seededRandom(20260))
    .force('charge', forceManyBody<Node>().strength(-120))
    .force('link', forceLink<Node, SimulationLinkDatum<Node>>(links).id((n) => n.id).distance(60))
    .force('collide', forceCollide<Node>(16))
    .force('x', forceX<Node>(0).strength(0.06))
    .force('y', forceY<Node>(0).strength(0.06))
    .force('center', forceCenter<Node>(0, 0))
    .stop();
  sim.tick(LAYOUT_TICKS);
  const xs = nodes.map((n) => n.x ?? 0);
  const ys = nodes.map((n) => n.y ?? 0);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const spanX = Math.max(maxX - minX, 1);
  const spanY = Math.max(maxY - minY, 1);
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY, 3);
  const offX = (width - spanX * scale) / 2;
  const offY = (height - spanY * scale) / 2;
  const positions = new Map<string, Placed>();
  for (const n of nodes) positions.set(n.id, { id: n.id, x: round(offX + ((n.x ?? 0) - minX) * scale), y: round(offY + ((n.y ?? 0) - minY) * scale) });
  return { width, height, positions };
}
