import { useT, type PageContext } from '../components/page-context.ts';
import type { Translator } from '../../../domain/i18n/translator.ts';
import type { Classes } from '../../../domain/map/classes.ts';
import type { ContextScene } from '../../../domain/map/context.ts';
import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { isEmpty, type Bounds } from '../../../domain/map/bounds.ts';
import { parseGeometry, type Shape } from '../../../domain/map/geometry.ts';
import type { MapFeature, Scene } from '../../../domain/map/scene.ts';
import { formatView, pan, zoomBy, type Size, type View } from '../../../domain/map/view.ts';
import type { QueryField } from '../../../domain/query/index.ts';
import { exampleFilter } from '../../../domain/query/example.ts';
import type { ColumnInfo } from '../../../domain/table/types.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { hiddenTabs } from './about.tsx';
import { Credit, legendWords, Picture, type MapContext, type MapTiles } from './map-picture.tsx';

export type { MapContext, MapTiles };
import { DatasetFrame } from './frame.tsx';

/** The map's size in pixels; the picture scales to the page's width. */
export const MAP_SIZE: Size = { width: 800, height: 500 };

/** What the map's URL holds. */
export interface MapState {
  view: string | undefined;
  where: string;
  q: string;
  color: string;
  geometry: string;
  /** The number of a mapped row to show in the panel. */
  feature: number | undefined;
}

export interface MapResult {
  scene: Scene;
  /** The context layer's areas and names in this view, when the site names one. */
  context?: ContextScene | undefined;
  /** The colour classes, when the map is coloured by a number column. */
  classes?: Classes | undefined;
  view: View;
  /** The view that shows every feature. */
  fitted: View;
  bounds: Bounds;
  /** Rows matching the filters, rows read, and rows with a place. */
  total: number;
  read: number;
  mapped: number;
  /** The first features in view, for the list under the map. */
  listed: MapFeature[];
  label: ColumnInfo | undefined;
  color: ColumnInfo | undefined;
  record: { fields: QueryField[]; row: Record<string, unknown> } | undefined;
  viewWasBad: boolean;
}

export interface MapPageProps {
  pc: PageContext;
  d: DatasetDetail;
  state: MapState;
  geometries: ColumnInfo[];
  numbers: ColumnInfo[];
  scripts: string[];
  /** The tile server, when the site's settings name one. */
  tiles: MapTiles | undefined;
  /** The context layer's dataset, when one is drawn. */
  context?: MapContext | undefined;
  result?: MapResult | undefined;
  problem?: string | undefined;
}

const coord = (v: number): string => v.toFixed(5);

/** The map's URL for a state with some changes; empty values are left out. */
function href(state: MapState, many: boolean, changes: Partial<Record<'view' | 'feature', string | undefined>>): string {
  const all: Record<string, string | undefined> = { where: state.where, q: state.q, color: state.color, geometry: many ? state.geometry : undefined, view: state.view, feature: state.feature ? String(state.feature) : undefined, ...changes };
  const qs = new URLSearchParams(Object.entries(all).filter((e): e is [string, string] => !!e[1])).toString();
  return qs ? `?${qs}` : '?';
}

/** A place in words: a point's latitude and longitude, else the kind of shape and its middle. */
function placeOfShape(t: Translator, s: Shape): string {
  if (s.points.length === 1 && !s.lines.length && !s.polygons.length) return `${coord(s.points[0]![1])}, ${coord(s.points[0]![0])}`;
  const what = s.polygons.length ? t.t('map.areas', { count: s.polygons.length }) : s.lines.length ? t.t('map.line') : t.t('map.points', { count: s.points.length });
  return t.t('map.around', { what, lat: coord((s.bounds.south + s.bounds.north) / 2), lon: coord((s.bounds.west + s.bounds.east) / 2) });
}
const placeOf = (t: Translator, value: unknown): string => {
  const s = parseGeometry(value);
  return s ? placeOfShape(t, s) : '';
};

/** A box in words: "40.50°N to 40.91°N, 74.25°W to 73.70°W". */
function describeBounds(t: Translator, b: Bounds): string {
  const f = new Intl.NumberFormat(t.lang, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false });
  const lat = (v: number) => t.t('map.lat', { v: f.format(Math.abs(v)), dir: v < 0 ? 's' : 'n' });
  const lon = (v: number) => t.t('map.lon', { v: f.format(Math.abs(v)), dir: v < 0 ? 'w' : 'e' });
  return t.t('map.bounds', { south: lat(b.south), north: lat(b.north), west: lon(b.west), east: lon(b.east) });
}

function Summary({ r }: { r: MapResult }) {
  const t = useT();
  const s = r.scene;
  const shown = s.inView.length;
  const legend = r.classes ? legendWords(t, r.classes) : s.legend;
  const parts = [
    isEmpty(r.bounds) ? t.t('map.summary', { mapped: r.mapped, total: r.total }) : t.t('map.summaryWithin', { mapped: r.mapped, total: r.total, bounds: describeBounds(t, r.bounds) }),
    r.read < r.total ? t.t('map.onlyFirst', { read: r.read }) : '',
    s.clusters.length ? t.t('map.showsClusters', { shown, clusters: s.clusters.length, points: s.points.length }) : t.t('map.shows', { shown }),
    legend && r.color ? t.t('map.colour', { column: r.color.label, classes: legend.length, list: legend.map((e) => e.label).join('; ') }) : '',
    legend && r.color && s.clusters.length ? t.t('map.clustersUncoloured') : '',
  ];
  return <figcaption id="map-summary">{parts.filter(Boolean).join(' ')}</figcaption>;
}

function Panel({ r, close, feature }: { r: MapResult; close: string; feature: number | undefined }) {
  const t = useT();
  if (!r.record) return feature ? <p role="status">{t.t('map.noRow', { n: feature })}</p> : null;
  const { fields, row } = r.record;
  return (
    <section id="map-feature" class="card" aria-labelledby="map-feature-title" tabindex={-1}>
      <h3 id="map-feature-title">{r.label && row[r.label.name] ? String(row[r.label.name]) : t.t('map.selected')}</h3>
      <dl>
        {fields.map((f) => (
          <>
            <dt key={`t${f.name}`}>{f.label}</dt>
            <dd key={`d${f.name}`}>{f.type === 'geometry' ? placeOf(t, row[f.name]) : row[f.name] === null || row[f.name] === undefined ? '—' : String(row[f.name])}</dd>
          </>
        ))}
      </dl>
      <p>
        <a href={close}>{t.t('map.close')}</a>
      </p>
    </section>
  );
}

/** The features in view as a table: the map's text alternative. With a filter, rows are numbered among the matching rows. */
function FeatureList({ r, link, filtered }: { r: MapResult; link: (c: Partial<Record<'view' | 'feature', string>>) => string; filtered: boolean }) {
  const t = useT();
  const word = (id?: number) => (id === undefined ? t.t(filtered ? 'map.matchHead' : 'map.rowHead') : t.t(filtered ? 'map.match' : 'map.row', { id }));
  return (
    <section aria-labelledby="map-list">
      <h3 id="map-list">{r.scene.inView.length > r.listed.length ? t.t('map.listSome', { listed: r.listed.length, total: r.scene.inView.length }) : t.t('map.list')}</h3>
      <div class="scroll" tabIndex={0} role="region" aria-labelledby="map-list">
        <table class="usa-table usa-table--compact">
          <thead>
            <tr>
              <th scope="col">{word()}</th>
              {r.label ? <th scope="col">{r.label.label}</th> : null}
              {r.color ? <th scope="col">{r.color.label}</th> : null}
              <th scope="col">{t.t('map.place')}</th>
            </tr>
          </thead>
          <tbody>
            {r.listed.map((f) => (
              <tr key={f.id}>
                <td>
                  <a href={link({ feature: String(f.id) })}>{word(f.id)}</a>
                </td>
                {r.label ? <td>{f.title}</td> : null}
                {r.color ? <td>{f.value === null ? '—' : t.number(f.value)}</td> : null}
                <td>{placeOfShape(t, f.shape)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Form({ d, state, geometries, numbers, problem }: Pick<MapPageProps, 'd' | 'state' | 'geometries' | 'numbers' | 'problem'>) {
  const t = useT();
  const example = d.live ? exampleFilter(d.live.columns, d.live.profile) : undefined;
  return (
    <form method="get" action="" class="search" aria-label={t.t('map.form')}>
      <p>
        <label for="map-where">{t.t('map.where')}</label>
        <br />
        <input id="map-where" name="where" value={state.where} size={40} placeholder={example ? t.t('map.whereExample', { example }) : t.t('map.whereGeneric')} aria-describedby={problem ? 'map-problem' : undefined} aria-invalid={problem ? 'true' : undefined} class="usa-input" />
      </p>
      <p>
        <label for="map-q">{t.t('map.words')}</label>
        <br />
        <input id="map-q" name="q" type="search" value={state.q} class="usa-input" />
      </p>
      <p>
        <label for="map-color">{t.t('map.colourBy')}</label>
        <br />
        <select id="map-color" name="color" class="usa-select">
          <option value="">{t.t('map.oneColour')}</option>
          {numbers.map((c) => (
            <option key={c.name} value={c.name} selected={c.name === state.color}>
              {c.label}
            </option>
          ))}
        </select>
      </p>
      {geometries.length > 1 ? (
        <p>
          <label for="map-geometry">{t.t('map.placesFrom')}</label>
          <br />
          <select id="map-geometry" name="geometry" class="usa-select">
            {geometries.map((c) => (
              <option key={c.name} value={c.name} selected={c.name === state.geometry}>
                {c.label}
              </option>
            ))}
          </select>
        </p>
      ) : null}
      <p>
        <button type="submit" class="usa-button">{t.t('map.show')}</button>
      </p>
    </form>
  );
}

/** A dataset's map: the form of what to map, the picture with links to move it, the chosen feature, and the features as a list. */
export function mapPage(props: MapPageProps): SafeHtml {
  const { d, state, result: r, problem } = props;
  const many = props.geometries.length > 1;
  const link = (c: Partial<Record<'view' | 'feature', string>>) => href(state, many, c);
  const move = (v: View) => link({ view: formatView(v), feature: '' });
  const { t } = props.pc;
  return renderPage(
    <DatasetFrame d={d} tab="map" scripts={props.scripts} hidden={hiddenTabs(d)}>
      <section aria-labelledby="map-title">
        <h2 id="map-title">{t.t('map.heading')}</h2>
        {!d.dataAccess ? (
          <p>{t.t('map.signIn')}</p>
        ) : (
          <>
            <Form d={d} state={state} geometries={props.geometries} numbers={props.numbers} problem={problem} />
            {problem ? (
              <p id="map-problem" role="alert" class="usa-tag warn badge">
                {problem}
              </p>
            ) : null}
            {r ? (
              <div id="map-body" data-map="">
                {r.viewWasBad ? <p role="status">{t.t('map.badView')}</p> : null}
                <nav aria-label={t.t('map.move')} class="tabs">
                  <a href={move(zoomBy(r.view, 1))}>{t.t('map.zoomIn')}</a>
                  <a href={move(zoomBy(r.view, -1))}>{t.t('map.zoomOut')}</a>
                  <a href={move(pan(r.view, MAP_SIZE, 0, -0.5))}>{t.t('map.north')}</a>
                  <a href={move(pan(r.view, MAP_SIZE, 0, 0.5))}>{t.t('map.south')}</a>
                  <a href={move(pan(r.view, MAP_SIZE, -0.5, 0))}>{t.t('map.west')}</a>
                  <a href={move(pan(r.view, MAP_SIZE, 0.5, 0))}>{t.t('map.east')}</a>
                  <a href={link({ view: '', feature: '' })}>{t.t('map.everything')}</a>
                </nav>
                <Panel r={r} close={link({ feature: '' })} feature={state.feature} />
                <figure style="margin:0">
                  <div style="position:relative">
                    <Picture r={r} link={link} tiles={props.tiles} />
                    <Credit tiles={props.tiles} context={r.context && props.context} />
                  </div>
                  <Summary r={r} />
                </figure>
                <FeatureList r={r} link={link} filtered={!!(state.where || state.q)} />
              </div>
            ) : null}
          </>
        )}
      </section>
    </DatasetFrame>,
    props.pc,
  );
}
