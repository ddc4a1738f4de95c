import { useT } from '../components/page-context.ts';
import { ProblemMapPicture } from './map-view.tsx';
import type { PlaceMapState } from './place-map.tsx';

/**
 * The city's map in the new-problem form. Without JavaScript it shows the
 * city (and the point typed, once the form comes back); with it, a click on
 * the map fills in the latitude and longitude (`client/pick-point.ts`).
 */
export function PickMap({ s }: { s: PlaceMapState }) {
  const t = useT();
  return (
    <div class="pick-map" data-pick-map data-picked-text={t.t('problemMaps.picked', { lat: '{lat}', lon: '{lon}' })}>
      <p class="usa-hint">{t.t('problemMaps.pickHint')}</p>
      <ProblemMapPicture map={s.map} tiles={s.tiles} markHref={() => '#field-lat'} viewHref={() => '#field-lat'} label={t.t('problemMaps.pickPicture')} />
      <p class="usa-hint" aria-live="polite" data-picked></p>
    </div>
  );
}
