import type { Translator } from '../../../domain/i18n/translator.ts';
import { legendRanges, type Classes } from '../../../domain/map/classes.ts';
import type { ContextScene } from '../../../domain/map/context.ts';
import type { Scene } from '../../../domain/map/scene.ts';
import { tilesFor } from '../../../domain/map/tiles.ts';
import { formatView, type View } from '../../../domain/map/view.ts';
import type { ColumnInfo } from '../../../domain/table/types.ts';
import { useT } from '../components/page-context.ts';
import { richText } from '../rich.tsx';

/** The tile server the site's settings name, and whose tiles they are. */
export interface MapTiles {
  /** An https URL template with {z}, {x} and {y}. */
  template: string;
  attribution: string;
  attributionUrl: string | null;
}

/** The dataset drawn beneath the map as context. */
export interface MapContext {
  slug: string;
  title: string;
}

/** What the picture draws: the map result's scene, context, colours and view. */
export interface PictureInput {
  scene: Scene;
  context?: ContextScene | undefined;
  classes?: Classes | undefined;
  view: View;
  color: ColumnInfo | undefined;
}

/** The context layer: light outlines of the site's areas, beneath the data, and the names that fit. */
function ContextLayer({ context }: { context: ContextScene }) {
  return (
    <g class="context">
      <path d={context.paths.join('')} fill="#ffffff" fill-opacity="0.45" fill-rule="evenodd" stroke="#7b8794" stroke-width="1" />
      {context.labels.map((l) => (
        <text key={`${l.x},${l.y}`} x={l.x} y={l.y} dy="0.35em" text-anchor="middle" style="font:11px system-ui,sans-serif;paint-order:stroke" fill="#3e4c59" stroke="#ffffff" stroke-width="3" stroke-linejoin="round">
          {l.text}
        </text>
      ))}
    </g>
  );
}

/**
 * Whose map it is, over the map's corner, as text (without JavaScript too):
 * the context layer's dataset, linked, and the tiles' attribution, linked to
 * their copyright page when one is set.
 */
export function Credit({ tiles, context }: { tiles: MapTiles | undefined; context: MapContext | undefined }) {
  const t = useT();
  if (!tiles && !context) return null;
  const parts = [
    context ? <span key="c">{richText(t, 'map.contextCredit', {}, { link: <a href={`/datasets/${context.slug}`}>{context.title}</a> })}</span> : null,
    tiles ? <span key="t">{tiles.attributionUrl ? <a href={tiles.attributionUrl}>{tiles.attribution}</a> : tiles.attribution}</span> : null,
  ].filter(Boolean);
  return (
    <p class="map-credit" style="position:absolute;right:1px;bottom:1px;margin:0;padding:.1rem .4rem;background:#fff;color:#1d2733;font-size:.75rem;line-height:1.4;max-width:calc(100% - 2px);text-align:right">
      {parts.flatMap((p, i) => (i ? [' · ', p] : [p]))}
    </p>
  );
}

/** The colour classes in words ("10 to under 20", the last "40 to 50"). */
export function legendWords(t: Translator, c: Classes): { colour: string; label: string }[] {
  return legendRanges(c).map((r) => ({
    colour: r.colour,
    label: r.last && r.from === r.to ? t.number(r.from) : t.t(r.last ? 'map.rangeLast' : 'map.range', { from: r.from, to: r.to }),
  }));
}

/** The map picture, drawn on the server: tiles, then the context layer, then the features, then the legend. */
export function Picture({ r, link, tiles }: { r: PictureInput; link: (c: Partial<Record<'view' | 'feature', string>>) => string; tiles: MapTiles | undefined }) {
  const { scene } = r;
  const { width, height } = scene.size;
  const feature = (id: number) => link({ feature: String(id) });
  const t = useT();
  const legend = r.classes ? legendWords(t, r.classes) : scene.legend;
  return (
    <svg class="map" viewBox={`0 0 ${width} ${height}`} width={width} height={height} aria-hidden="true" data-view={formatView(r.view)} data-tiles={tiles?.template} style="width:100%;height:auto;background:#f1f4f7;border:1px solid #d5dbe1;display:block;touch-action:none">
      <style>{'.f{stroke:#1d2733;stroke-width:.8}a:hover .f{stroke-width:2.5}.sel{stroke:#b3261e;stroke-width:3.5}.k text{font:bold 12px system-ui,sans-serif;fill:#fff}'}</style>
      {tiles ? (
        <g class="tiles">
          {tilesFor(tiles.template, r.view, scene.size).map((tile) => (
            <image key={tile.href} href={tile.href} x={tile.x} y={tile.y} width={tile.size} height={tile.size} />
          ))}
        </g>
      ) : null}
      {r.context ? <ContextLayer context={r.context} /> : null}
      <g class="features">
        {scene.areas.map((a) => (
          <a key={`a${a.id}`} href={feature(a.id)} tabindex={-1}>
            <path class={a.selected ? 'f sel' : 'f'} d={a.d} fill={a.fill} fill-rule="evenodd" fill-opacity="0.8">
              <title>{a.title || t.t('map.feature', { id: a.id })}</title>
            </path>
          </a>
        ))}
        {scene.lines.map((l) => (
          <a key={`l${l.id}`} href={feature(l.id)} tabindex={-1}>
            <path class={l.selected ? 'sel' : undefined} d={l.d} fill="none" stroke={l.fill} stroke-width="2.5">
              <title>{l.title || t.t('map.feature', { id: l.id })}</title>
            </path>
          </a>
        ))}
        {scene.points.map((p) => (
          <a key={`p${p.id}`} href={feature(p.id)} tabindex={-1}>
            <circle class={p.selected ? 'f sel' : 'f'} cx={p.x} cy={p.y} r={p.selected ? 7 : 5} fill={p.fill}>
              <title>{p.title || t.t('map.feature', { id: p.id })}</title>
            </circle>
          </a>
        ))}
        {scene.clusters.map((c) => (
          <a key={`c${c.x},${c.y}`} class="k" href={link({ view: formatView(c.view), feature: '' })} tabindex={-1}>
            <circle cx={c.x} cy={c.y} r={c.r} fill="#0b5cad" fill-opacity="0.85" stroke="#fff" stroke-width="1.5">
              <title>{t.t('map.cluster', { count: c.count })}</title>
            </circle>
            <text x={c.x} y={c.y} dy="0.35em" text-anchor="middle">
              {t.number(c.count)}
            </text>
          </a>
        ))}
      </g>
      {legend ? (
        <g class="legend" transform="translate(8 8)">
          <rect width="200" height={20 * (legend.length + 1) + 4} fill="#fff" fill-opacity="0.9" stroke="#56616e" />
          <text x="8" y="16" style="font:600 12px system-ui,sans-serif" fill="#1d2733">
            {r.color?.label}
          </text>
          {legend.map((e, i) => (
            <g key={e.label} transform={`translate(8 ${24 + 20 * i})`}>
              <rect width="14" height="14" fill={e.colour} stroke="#1d2733" />
              <text x="22" y="12" style="font:12px system-ui,sans-serif" fill="#1d2733">
                {e.label}
              </text>
            </g>
          ))}
        </g>
      ) : null}
    </svg>
  );
}

