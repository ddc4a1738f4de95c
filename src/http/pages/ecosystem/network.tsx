import type { EcoActor } from '../../../domain/program/ecosystem.ts';
import { ACTOR_KINDS, type ActorKind } from '../../../domain/program/ecosystem-kinds.ts';
import { layoutGraph } from '../../../domain/program/ecosystem-layout.ts';
import type { EcoGraph } from '../../../domain/program/ecosystem-measures.ts';
import { useT } from '../components/page-context.ts';

/** Each kind's colour and shape, told apart by both (not by colour alone). */
export const KIND_LOOK: Record<ActorKind, { fill: string; shape: 'circle' | 'square' | 'diamond' | 'triangle' | 'hexagon' | 'star' | 'pentagon' }> = {
  agency: { fill: '#1a4480', shape: 'square' },
  community_organization: { fill: '#008817', shape: 'circle' },
  tech_partner: { fill: '#8b0a03', shape: 'diamond' },
  university: { fill: '#6f3331', shape: 'triangle' },
  funder: { fill: '#936f38', shape: 'hexagon' },
  media: { fill: '#5c1111', shape: 'pentagon' },
  individual: { fill: '#3d4551', shape: 'star' },
};

const polygon = (x: number, y: number, r: number, sides: number, turn: number, inner = 0): string => {
  const pts: string[] = [];
  const n = inner ? sides * 2 : sides;
  for (let i = 0; i < n; i++) {
    const rr = inner && i % 2 ? inner : r;
    const a = turn + (i * 2 * Math.PI) / n;
    pts.push(`${(x + rr * Math.cos(a)).toFixed(1)},${(y + rr * Math.sin(a)).toFixed(1)}`);
  }
  return pts.join(' ');
};

/** The mark of one kind at (x, y). */
export function KindMark({ kind, x, y, r = 8 }: { kind: ActorKind; x: number; y: number; r?: number }) {
  const look = KIND_LOOK[kind];
  const common = { fill: look.fill, stroke: '#fff', 'stroke-width': 1.5 };
  switch (look.shape) {
    case 'circle':
      return <circle cx={x} cy={y} r={r} {...common} />;
    case 'square':
      return <rect x={x - r * 0.85} y={y - r * 0.85} width={r * 1.7} height={r * 1.7} {...common} />;
    case 'diamond':
      return <polygon points={polygon(x, y, r * 1.15, 4, 0)} {...common} />;
    case 'triangle':
      return <polygon points={polygon(x, y, r * 1.15, 3, -Math.PI / 2)} {...common} />;
    case 'hexagon':
      return <polygon points={polygon(x, y, r, 6, 0)} {...common} />;
    case 'pentagon':
      return <polygon points={polygon(x, y, r, 5, -Math.PI / 2)} {...common} />;
    default:
      return <polygon points={polygon(x, y, r * 1.2, 5, -Math.PI / 2, r * 0.55)} {...common} />;
  }
}

const WIDTH = 640;
const HEIGHT = 480;

/**
 * The network drawn on the server: a force-directed layout (the same map is
 * always drawn the same), one link per actor to its page, each relationship
 * a line titled with its kind. It scales to its box (viewBox).
 */
export function NetworkSvg({ graph }: { graph: EcoGraph }) {
  const t = useT();
  const layout = layoutGraph(graph, WIDTH, HEIGHT);
  const byId = new Map<string, EcoActor>(graph.actors.map((a) => [a.id, a]));
  const kindName = (k: string) => t.t(`ecosystem.kind.${k}`);
  return (
    <svg class="eco-network" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-labelledby="eco-network-title" preserveAspectRatio="xMidYMid meet">
      <title id="eco-network-title">{t.t('ecosystem.networkTitle', { actors: graph.actors.length, relations: graph.relations.length })}</title>
      <defs>
        <marker id="eco-arrow" viewBox="0 0 10 10" refX="18" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="#565c65" />
        </marker>
      </defs>
      <g class="eco-edges">
        {graph.relations.map((r) => {
          const a = layout.positions.get(r.fromId);
          const b = layout.positions.get(r.toId);
          if (!a || !b) return null;
          return (
            <line key={r.id} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke="#71767a" stroke-width={1.2} marker-end="url(#eco-arrow)" data-kind={r.kind}>
              <title>{t.t('ecosystem.edge', { from: byId.get(r.fromId)?.name ?? '', kind: t.t(`ecosystem.relKind.${r.kind}`), to: byId.get(r.toId)?.name ?? '' })}</title>
            </line>
          );
        })}
      </g>
      <g class="eco-nodes">
        {graph.actors.map((a) => {
          const p = layout.positions.get(a.id)!;
          const label = `${a.name} (${kindName(a.kind)})`;
          return (
            <a key={a.id} href={`/ecosystem/actors/${encodeURIComponent(a.slug)}`} aria-label={label} class="eco-node" data-slug={a.slug} data-kind={a.kind}>
              <title>{label}</title>
              <KindMark kind={a.kind} x={p.x} y={p.y} />
              <text x={p.x} y={p.y + 20} text-anchor="middle" font-size="9" fill="#1b1b1b">
                {a.name}
              </text>
            </a>
          );
        })}
      </g>
    </svg>
  );
}

/** What each shape and colour means. */
export function Legend() {
  const t = useT();
  return (
    <ul class="eco-legend" aria-label={t.t('ecosystem.legend')}>
      {ACTOR_KINDS.map((k) => (
        <li key={k}>
          <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <KindMark kind={k} x={10} y={10} r={7} />
          </svg>{' '}
          {t.t(`ecosystem.kind.${k}`)}
        </li>
      ))}
    </ul>
  );
}
