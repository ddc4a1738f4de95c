import type { ProblemMap } from '../../../actions/community/problem-map.ts';
import type { ProblemMark } from '../../../domain/map/problems.ts';
import { formatView } from '../../../domain/map/view.ts';
import type { useT } from '../components/page-context.ts';
import { Credit, Picture, type MapTiles } from '../dataset/map-picture.tsx';

/** Where a problem's page is. */
export const problemHref = (id: string): string => `/problems/${encodeURIComponent(id)}`;

/**
 * A map of problems, drawn on the server (the city's areas beneath, the
 * tiles when the site names a tile server): each mark a link to its problem,
 * or to the list of an area's problems. The picture is hidden from screen
 * readers; every page that shows it lists the same problems as text.
 */
export function ProblemMapPicture({ map, tiles, markHref, viewHref, label }: { map: ProblemMap; tiles: MapTiles | undefined; markHref: (m: ProblemMark) => string; viewHref: (view: string) => string; label: string }) {
  const link = (c: Partial<Record<'view' | 'feature', string>>): string => {
    const mark = c.feature ? map.marks.get(Number(c.feature)) : undefined;
    if (mark) return markHref(mark);
    return viewHref(c.view ?? formatView(map.view));
  };
  return (
    <figure class="problem-map" aria-label={label} style="margin:1rem 0">
      <div style="position:relative">
        <Picture r={{ scene: map.scene, context: map.context, view: map.view, color: undefined }} link={link} tiles={tiles} />
        <Credit tiles={tiles} context={map.context && map.areasFrom} />
      </div>
    </figure>
  );
}

/** The problems' marks as words: what the picture shows, for every reader. */
export function markLabel(t: ReturnType<typeof useT>, m: ProblemMark): string {
  return m.kind === 'problem' ? m.problem.title : t.t('problemMaps.areaMark', { area: m.area, count: m.problems.length });
}
