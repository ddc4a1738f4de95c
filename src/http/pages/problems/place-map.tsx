import type { ProblemMap } from '../../../actions/community/problem-map.ts';
import type { Problem } from '../../../domain/community/problems.ts';
import { useT } from '../components/page-context.ts';
import type { MapTiles } from '../dataset/map-picture.tsx';
import { placeLabel } from './labels.ts';
import { ProblemMapPicture, problemHref } from './map-view.tsx';

/** What the problem page draws of its place: the map, and the site's tiles. */
export interface PlaceMapState {
  map: ProblemMap;
  tiles: MapTiles | undefined;
}

/** Where a problem is: in words, then on the city's map (its point, its area, or the whole city). */
export function ProblemPlace({ problem, s }: { problem: Problem; s: PlaceMapState }) {
  const t = useT();
  const self = problemHref(problem.id);
  return (
    <section aria-labelledby="where">
      <h2 id="where">{t.t('problemMaps.whereHeading')}</h2>
      <p>{problem.place.kind === 'citywide' ? t.t('problemMaps.citywideNote') : placeLabel(t, problem)}</p>
      <ProblemMapPicture map={s.map} tiles={s.tiles} markHref={() => self} viewHref={() => self} label={t.t('problemMaps.onePicture')} />
    </section>
  );
}
