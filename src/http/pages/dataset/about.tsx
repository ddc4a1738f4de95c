import { useT, type PageContext } from '../components/page-context.ts';
import type { Problem } from '../../../domain/community/problems.ts';
import { BearingProblems } from '../problems/links.tsx';
import type { Translator } from '../../../domain/i18n/translator.ts';
import { vocab } from '../components/vocab.ts';
import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import type { RecordsPage } from '../../../actions/records/query-records.ts';
import { licenseById } from '../../../domain/catalog/vocab.ts';
import { renderPage } from '../components/render.tsx';
import { Wide } from '../components/Wide.tsx';
import type { SafeHtml } from '../html.ts';
import { DatasetFrame, type DatasetTab } from './frame.tsx';
import { Distribution } from './profile.tsx';
import { roleOf } from '../../../domain/table/roles.ts';
import { Versions } from './versions.tsx';
import { Table } from '../components/Table.tsx';
import { CoverageRows } from './coverage.tsx';
import { Follow, type FollowState } from './follow.tsx';
import { FulfilledRequests } from '../requests/fulfilled.tsx';
import { BuiltWithSection, type BuiltWith } from '../showcases/built-with.tsx';
import { DatasetChampions } from '../champions/on-dataset.tsx';
import type { DatasetChampion } from '../../../ports/store/champions.ts';
import { DatasetJsonLd } from './json-ld.tsx';
import { OtherTools } from './other-tools.tsx';
import { hasPlaces } from '../../../domain/compat/downloads.ts';
import { HarvestedBox, type HarvestedState } from './harvested.tsx';

const n = (t: Translator, x: number | null | undefined): string => (x === null || x === undefined ? '—' : t.number(x));
const EXPORTS = ['csv', 'json', 'ndjson', 'geojson', 'parquet', 'xlsx'] as const;
export const PREVIEW_ROWS = 25;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/** The preview of the first rows, headed by each column's label from the data dictionary where the publisher wrote one, else its header. */
function Preview({ preview, page, labels }: { preview: RecordsPage; page: number; labels: Map<string, string> }) {
  const t = useT();
  return (
    <>
      <div class="scroll" tabIndex={0} role="region" aria-label={t.t('dataset.previewTable')}>
        <Table columns={preview.fields.map((f) => ({ label: labels.get(f.name) || f.label, title: t.t(`dataset.type.${f.type}`), key: f.name }))}>
          {preview.results.map((r, i) => (
            <tr key={i}>
              {preview.fields.map((f) => (
                <td key={f.name}>{cell(r[f.name])}</td>
              ))}
            </tr>
          ))}
        </Table>
      </div>
      <nav aria-label={t.t('dataset.previewPages')}>
        {page > 1 ? <a href={`?page=${page - 1}`}>{t.t('dataset.previousRows')}</a> : null} {preview.total > page * PREVIEW_ROWS ? <a href={`?page=${page + 1}`}>{t.t('dataset.nextRows')}</a> : null}
      </nav>
    </>
  );
}

function About({ d }: { d: DatasetDetail }) {
  const { dataset, organization, live, freshness } = d;
  const license = licenseById(dataset.license);
  const api = `/api/v1/datasets/${dataset.slug}`;
  const derived = (live?.columns ?? []).filter((c) => c.derivedFrom).map((c) => c.name);
  const t = useT();
  return (
    <section class="card" aria-labelledby="about">
      <h2 id="about">{t.t('dataset.about')}</h2>
      <dl>
        <dt>{t.t('dataset.publisher')}</dt>
        <dd>{organization ? <a href={`/organizations/${organization.slug}`}>{dataset.publisher ?? organization.name}</a> : '—'}</dd>
        {dataset.themes.length ? (
          <>
            <dt>{t.t('dataset.themes')}</dt>
            <dd>{dataset.themes.map((x) => vocab(t, 'theme', x)).join(', ')}</dd>
          </>
        ) : null}
        {dataset.keywords.length ? (
          <>
            <dt>{t.t('dataset.keywords')}</dt>
            <dd>{dataset.keywords.join(', ')}</dd>
          </>
        ) : null}
        <dt>{t.t('dataset.license')}</dt>
        <dd>{license ? <a href={license.url}>{vocab(t, 'license', license.id)}</a> : t.t('dataset.notStated')}</dd>
        <CoverageRows dataset={dataset} />
        <dt>{t.t('dataset.updated')}</dt>
        <dd>
          {t.date(freshness.lastUpdated ?? dataset.updatedAt)}
          {dataset.frequency ? ` · ${vocab(t, 'frequency', dataset.frequency)}` : ''}
          {freshness.overdue ? <span class="usa-tag warn badge"> {t.t('dataset.overdue', { date: freshness.nextDue ?? '' })}</span> : null}
        </dd>
        {dataset.contactPoint ? (
          <>
            <dt>{t.t('dataset.contact')}</dt>
            <dd>
              <a href={`mailto:${dataset.contactPoint.email}`}>{dataset.contactPoint.name}</a>
            </dd>
          </>
        ) : null}
        <dt>{t.t('dataset.rows')}</dt>
        <dd>{n(t, live?.rowCount)}</dd>
        <dt>{t.t('dataset.version')}</dt>
        <dd>{live ? t.t('dataset.versionOf', { n: live.number, total: d.versions.length }) : '—'}</dd>
        <dt>{t.t('dataset.download')}</dt>
        <dd>
          {d.dataAccess
            ? EXPORTS.filter((f) => f !== 'geojson' || hasPlaces(d.live)).flatMap((f) => [
                <a key={f} href={`${api}/export/${f}`}>
                  {f.toUpperCase()}
                </a>,
                ' ',
              ])
            : t.t('dataset.signInToDownload')}
          {d.dataAccess && derived.length > 0 ? (
            <small class="meta">
              {' '}
              {t.t('dataset.derivedLeftOut', { columns: derived.join(', ') })} <a href={`${api}/export/csv?derived=true`}>{t.t('dataset.withDerived')}</a>
            </small>
          ) : null}
        </dd>
        <dt>{t.t('dataset.api')}</dt>
        <dd>
          <a href={`${api}/records`}>{`${api}/records`}</a>
        </dd>
      </dl>
    </section>
  );
}

function UseCases({ suggested, limitations }: { suggested: string; limitations: string }) {
  const t = useT();
  if (!suggested && !limitations) return null;
  return (
    <section class="card" aria-labelledby="uses">
      <h2 id="uses">{t.t('dataset.usingData')}</h2>
      {suggested ? (
        <>
          <h3>{t.t('dataset.goodFor')}</h3>
          <p>{suggested}</p>
        </>
      ) : null}
      {limitations ? (
        <>
          <h3>{t.t('dataset.limitations')}</h3>
          <p>{limitations}</p>
        </>
      ) : null}
    </section>
  );
}

function Columns({ d }: { d: DatasetDetail }) {
  const live = d.live;
  const entries = new Map(d.dictionary.map((e) => [e.column, e]));
  const t = useT();
  return (
    <section class="card" aria-labelledby="columns">
      <h2 id="columns">{t.t('dataset.columns')}</h2>
      <Wide labelledBy="columns">
        <Table columns={[t.t('dataset.colColumn'), t.t('dataset.colName'), t.t('dataset.colType'), t.t('dataset.colRole'), t.t('dataset.colDescription'), t.t('dataset.colEmpty'), t.t('dataset.colDistinct'), t.t('dataset.colMin'), t.t('dataset.colMax'), t.t('dataset.colValues')]}>
          {(live?.columns ?? []).map((c) => {
            const p = live?.profile[c.name];
            const e = entries.get(c.name);
            return (
              <tr key={c.name}>
                <td>{e?.label || c.label}</td>
                <td>
                  <code>{c.name}</code>
                </td>
                <td>
                  {t.t(`dataset.type.${c.type}`)}
                  {c.derivedFrom ? <small class="meta"> ({t.t('dataset.derivedFrom', { columns: c.derivedFrom.split(',').join(', ') })})</small> : null}
                </td>
                <td>{t.t(`dataset.role.${roleOf(c)}`)}</td>
                <td>
                  {e?.description ?? ''}
                  {e?.unit ? ` (${e.unit})` : ''}
                </td>
                <td>{n(t, p?.nulls)}</td>
                <td>{n(t, p?.distinct)}</td>
                <td>{cell(p?.min)}</td>
                <td>{cell(p?.max)}</td>
                <td>
                  <Distribution profile={p} role={roleOf(c)} />
                </td>
              </tr>
            );
          })}
        </Table>
      </Wide>
    </section>
  );
}

/** Whether the live version has a column of places (points or areas): only then is there a map and a GeoJSON download. */
/** Tabs that have nothing to show for this dataset: the map, when no column holds places. */
export function hiddenTabs(d: DatasetDetail): DatasetTab[] {
  return d.live ? (hasPlaces(d.live) ? [] : ['map']) : ['table', 'chart', 'map'];
}

/** What the community made of a dataset: the requests it fulfilled, the showcases built with it. */
export interface DatasetCommunity {
  fulfilled?: Array<{ id: string; title: string }>;
  built?: BuiltWith;
  /** The problems this dataset bears on. */
  bearing?: Problem[];
  /** The published champions looking after it. */
  champions?: DatasetChampion[];
  /** Where it was harvested from, when it was. */
  harvested?: HarvestedState | undefined;
}

/** A dataset: what it is, how to follow it, how to use it, a preview of its rows, its columns. */
export function datasetPage(pc: PageContext, d: DatasetDetail, preview: RecordsPage | undefined, page: number, follow: FollowState, community: DatasetCommunity = {}): SafeHtml {
  const { dataset } = d;
  const { t } = pc;
  return renderPage(
    <DatasetFrame d={d} tab="about" hidden={hiddenTabs(d)}>
      <DatasetJsonLd d={d} />
      {dataset.description ? <p>{dataset.description}</p> : null}
      <DatasetChampions champions={community.champions ?? []} />
      {community.harvested ? <HarvestedBox dataset={dataset} hasData={Boolean(d.live)} s={community.harvested} /> : null}
      <About d={d} />
      <OtherTools d={d} />
      <Follow slug={dataset.slug} state={follow} />
      <UseCases suggested={dataset.suggestedUses} limitations={dataset.knownLimitations} />
      <FulfilledRequests requests={community.fulfilled ?? []} />
      {community.built ? <BuiltWithSection dataset={dataset} built={community.built} /> : null}
      <BearingProblems problems={community.bearing ?? []} />
      <section aria-labelledby="preview">
        <h2 id="preview">{t.t('dataset.preview')}</h2>
        {preview ? <Preview preview={preview} page={page} labels={new Map(d.dictionary.map((e) => [e.column, e.label]))} /> : <p>{d.live ? t.t('dataset.signInToSee') : t.t('dataset.noData')}</p>}
      </section>
      <Columns d={d} />
      <Versions d={d} />
    </DatasetFrame>,
    pc,
  );
}
