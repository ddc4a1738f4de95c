import type { ProblemMap } from '../../../actions/community/problem-map.ts';
import type { Problem, ProblemStatus } from '../../../domain/community/problems.ts';
import type { ProblemMark } from '../../../domain/map/problems.ts';
import { formatView, zoomBy } from '../../../domain/map/view.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { MapTiles } from '../dataset/map-picture.tsx';
import type { SafeHtml } from '../html.ts';
import { ProblemFilterForm } from './filter-form.tsx';
import { AreaOrganizationFields } from './place-fields.tsx';
import { categoryLabel, placeLabel, statusLabel } from './labels.ts';
import { markLabel, ProblemMapPicture, problemHref } from './map-view.tsx';

/** The filters the list and the map share, from the URL. */
export interface ProblemFilters {
  category: string | undefined;
  status: ProblemStatus | undefined;
  area: string | undefined;
  /** An organization's slug. */
  organization: string | undefined;
}

export interface ProblemMapState extends ProblemFilters {
  view: string | undefined;
}

export interface ProblemMapPageProps {
  s: ProblemMapState;
  map: ProblemMap;
  tiles: MapTiles | undefined;
  categories: readonly string[];
  organizations: Array<{ slug: string; name: string }>;
}

/** The most marks and unplaced problems listed under the map. */
export const LISTED_MARKS = 100;

const STYLE = `.problem-filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end;margin:1rem 0}.problem-filters .usa-form-group{margin:0}
.problem-filters .usa-select,.problem-filters .usa-input{max-width:14rem}.map-nav{display:flex;flex-wrap:wrap;gap:1rem;margin:.5rem 0}.marks li{margin:.35rem 0}`;

/** The filters as query text, for the list, the map and its views. */
export function filterQuery(f: ProblemFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (f.category) q.set('category', f.category);
  if (f.status) q.set('status', f.status);
  if (f.area) q.set('area', f.area);
  if (f.organization) q.set('organization', f.organization);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : '';
}

const mapHref = (f: ProblemFilters, view?: string): string => `/problems/map${filterQuery(f, view ? { view } : {})}`;

/** Where a mark leads: its problem, or the list of its area's problems. */
const markHref = (f: ProblemFilters) => (m: ProblemMark): string => (m.kind === 'problem' ? problemHref(m.problem.id) : `/problems${filterQuery({ ...f, area: m.area })}`);

function Filters({ s, categories, organizations }: Pick<ProblemMapPageProps, 's' | 'categories' | 'organizations'>) {
  return (
    <ProblemFilterForm
      action="/problems/map"
      category={s.category}
      status={s.status}
      categories={categories}
      after={<AreaOrganizationFields area={s.area} organization={s.organization} organizations={organizations} />}
    />
  );
}

function Meta({ p }: { p: Problem }) {
  const t = useT();
  return (
    <span class="meta">
      {' '}
      — {statusLabel(t, p.status)} · {categoryLabel(t, p.category)} · {placeLabel(t, p)} · {t.t('problems.votes', { count: p.votes })}
    </span>
  );
}

function MapView({ s, map, tiles, categories, organizations }: ProblemMapPageProps) {
  const t = useT();
  // Most voted first: marks are drawn with the most voted last, on top.
  const inView = [...map.scene.inView].reverse().map((id) => map.marks.get(id)!);
  const href = markHref(s);
  return (
    <>
      <h1>{t.t('problemMaps.mapTitle')}</h1>
      <p>{t.t('problemMaps.mapIntro')}</p>
      <p>
        <a href={`/problems${filterQuery(s)}`}>{t.t('problemMaps.viewList')}</a>
      </p>
      <Filters s={s} categories={categories} organizations={organizations} />
      <p role="status">
        {t.t('problems.count', { count: map.total })}
        {map.truncated ? ` ${t.t('problemMaps.truncated', { total: map.total, shown: map.shown })}` : ''}
      </p>
      <ProblemMapPicture map={map} tiles={tiles} markHref={href} viewHref={(v) => mapHref(s, v)} label={t.t('problemMaps.picture')} />
      <nav class="map-nav" aria-label={t.t('problemMaps.mapTitle')}>
        <a href={mapHref(s, formatView(zoomBy(map.view, 1)))}>{t.t('problemMaps.zoomIn')}</a>
        <a href={mapHref(s, formatView(zoomBy(map.view, -1)))}>{t.t('problemMaps.zoomOut')}</a>
        <a href={mapHref(s)}>{t.t('problemMaps.wholeCity')}</a>
      </nav>
      <section aria-labelledby="marks">
        <h2 id="marks">{t.t('problemMaps.listHeading')}</h2>
        <p>
          {t.t('problemMaps.inView', { count: inView.length })}
          {inView.length > LISTED_MARKS ? ` ${t.t('problemMaps.listedFirst', { count: LISTED_MARKS })}` : ''}
        </p>
        <ul class="marks">
          {inView.slice(0, LISTED_MARKS).map((m) => (
            <li key={m.kind === 'problem' ? m.problem.id : `area:${m.area}`}>
              <a href={href(m)}>{markLabel(t, m)}</a>
              {m.kind === 'problem' ? <Meta p={m.problem} /> : null}
            </li>
          ))}
        </ul>
      </section>
      {map.unplaced.length ? (
        <section aria-labelledby="unplaced">
          <h2 id="unplaced">{t.t('problemMaps.unplacedHeading', { count: map.unplaced.length })}</h2>
          <p>{t.t('problemMaps.unplacedIntro')}</p>
          <ul class="marks">
            {map.unplaced.slice(0, LISTED_MARKS).map((p) => (
              <li key={p.id}>
                <a href={problemHref(p.id)}>{p.title}</a>
                <Meta p={p} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** `/problems/map`: the listed problems on the city's map, with the same filters as the list and the same problems as text. */
export function problemMapPage(pc: PageContext, props: ProblemMapPageProps): SafeHtml {
  return renderPage(
    <Layout title={pc.t.t('problemMaps.mapTitle')} description={pc.t.t('problemMaps.mapIntro')} styles={STYLE}>
      <MapView {...props} />
    </Layout>,
    pc,
  );
}
