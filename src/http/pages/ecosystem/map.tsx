import type { EcosystemView } from '../../../actions/program/ecosystem/read-ecosystem.ts';
import type { EcoActor } from '../../../domain/program/ecosystem.ts';
import { ACTOR_KINDS, type ActorKind } from '../../../domain/program/ecosystem-kinds.ts';
import { measureGraph } from '../../../domain/program/ecosystem-measures.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { Legend, NetworkSvg } from './network.tsx';
import { relationText } from './relation-text.tsx';

export interface MapFilter {
  kind: ActorKind | undefined;
  topic: string;
}

export const ECO_STYLE = `.eco-network{display:block;width:100%;max-width:48rem;height:auto;border:1px solid var(--line,#dfe1e2);border-radius:4px;background:#fff}
.eco-node:focus{outline:3px solid #2491ff}.eco-legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}.eco-legend li{display:flex;align-items:center;gap:.3rem}
.eco-scroll{overflow-x:auto;max-width:100%}.eco-filters{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}.eco-filters .usa-select{min-width:12rem}
.eco-actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}.eco-text{white-space:pre-line;overflow-wrap:anywhere}`;

function Filters({ f, topics }: { f: MapFilter; topics: string[] }) {
  const t = useT();
  return (
    <form method="get" action="/ecosystem" class="usa-form eco-filters" aria-label={t.t('ecosystem.filters')}>
      <div class="usa-form-group">
        <label class="usa-label" for="eco-kind">{t.t('ecosystem.kindLabel')}</label>
        <select class="usa-select" id="eco-kind" name="kind">
          <option value="">{t.t('ecosystem.anyKind')}</option>
          {ACTOR_KINDS.map((k) => (
            <option key={k} value={k} selected={f.kind === k}>{t.t(`ecosystem.kind.${k}`)}</option>
          ))}
        </select>
      </div>
      <div class="usa-form-group">
        <label class="usa-label" for="eco-topic">{t.t('ecosystem.topicLabel')}</label>
        <select class="usa-select" id="eco-topic" name="topic">
          <option value="">{t.t('ecosystem.anyTopic')}</option>
          {topics.map((x) => (
            <option key={x} value={x} selected={f.topic === x}>{x}</option>
          ))}
        </select>
      </div>
      <button type="submit" class="usa-button">{t.t('ecosystem.show')}</button>
    </form>
  );
}

const actorLink = (a: EcoActor) => <a href={`/ecosystem/actors/${encodeURIComponent(a.slug)}`}>{a.name}</a>;

function ActorTable({ v }: { v: EcosystemView }) {
  const t = useT();
  const byId = new Map(v.graph.actors.map((a) => [a.id, a]));
  return (
    <div class="eco-scroll">
      <table class="usa-table usa-table--compact eco-table">
        <caption>{t.t('ecosystem.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t.t('ecosystem.colActor')}</th>
            <th scope="col">{t.t('ecosystem.colKind')}</th>
            <th scope="col">{t.t('ecosystem.colTopics')}</th>
            <th scope="col">{t.t('ecosystem.colRelations')}</th>
          </tr>
        </thead>
        <tbody>
          {v.graph.actors.map((a) => {
            const rels = v.graph.relations.flatMap((r) => {
              if (r.fromId === a.id && byId.has(r.toId)) return [relationText(t, r, 'out', byId.get(r.toId)!)];
              if (r.toId === a.id && byId.has(r.fromId)) return [relationText(t, r, 'in', byId.get(r.fromId)!)];
              return [];
            });
            return (
              <tr key={a.id} data-slug={a.slug}>
                <th scope="row">{actorLink(a)}</th>
                <td>{t.t(`ecosystem.kind.${a.kind}`)}</td>
                <td>{a.topics.join(', ')}</td>
                <td>{rels.length ? <ul>{rels.map((x, i) => <li key={i}>{x}</li>)}</ul> : t.t('ecosystem.none')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Measures({ v }: { v: EcosystemView }) {
  const t = useT();
  const m = measureGraph(v.graph);
  return (
    <section aria-labelledby="eco-measures">
      <h2 id="eco-measures">{t.t('ecosystem.measures')}</h2>
      <h3>{t.t('ecosystem.mostConnected')}</h3>
      {m.mostConnected.length ? (
        <ol class="eco-most">{m.mostConnected.map((d) => <li key={d.actor.id}>{actorLink(d.actor)} — {t.t('ecosystem.degree', { count: d.degree })}</li>)}</ol>
      ) : <p>{t.t('ecosystem.none')}</p>}
      <h3>{t.t('ecosystem.isolated')}</h3>
      {m.isolated.length ? <ul class="eco-isolated">{m.isolated.map((a) => <li key={a.id}>{actorLink(a)}</li>)}</ul> : <p>{t.t('ecosystem.none')}</p>}
      <h3>{t.t('ecosystem.clusters')}</h3>
      {m.clusters.length ? (
        <ol class="eco-clusters">
          {m.clusters.map((c, i) => (
            <li key={i}>
              {t.t('ecosystem.clusterSize', { count: c.length })}: {c.map((a) => a.name).join(', ')}
            </li>
          ))}
        </ol>
      ) : <p>{t.t('ecosystem.none')}</p>}
    </section>
  );
}

/** `/ecosystem`: the map drawn as SVG, its filter, an equivalent table, the measures, and the files. */
export function ecosystemPage(pc: PageContext, v: EcosystemView, f: MapFilter, s: { mayEdit: boolean; notice?: string | undefined }): SafeHtml {
  const t = pc.t;
  return renderPage(
    <Layout title={t.t('ecosystem.title')} description={t.t('ecosystem.intro')} styles={ECO_STYLE}>
      {s.notice ? <div class="usa-alert usa-alert--success" role="status">{s.notice}</div> : null}
      <h1>{t.t('ecosystem.title')}</h1>
      <p>{t.t('ecosystem.intro')}</p>
      {s.mayEdit ? (
        <p class="eco-actions">
          <a class="usa-button" href="/ecosystem/actors/new">{t.t('ecosystem.addActor')}</a>
          <a class="usa-button usa-button--secondary" href="/ecosystem/relationships/new">{t.t('ecosystem.addRelation')}</a>
          <a class="usa-button usa-button--secondary" href="/ecosystem/import">{t.t('ecosystem.import')}</a>
        </p>
      ) : null}
      <Filters f={f} topics={v.topics} />
      <p role="status">{t.t('ecosystem.shown', { actors: v.graph.actors.length, total: v.total.actors, relations: v.graph.relations.length })}</p>
      <Legend />
      <NetworkSvg graph={v.graph} />
      <h2>{t.t('ecosystem.tableHeading')}</h2>
      <ActorTable v={v} />
      <Measures v={v} />
      <h2>{t.t('ecosystem.files')}</h2>
      <ul>
        <li><a href="/ecosystem/actors.csv">{t.t('ecosystem.actorsCsv')}</a></li>
        <li><a href="/ecosystem/relationships.csv">{t.t('ecosystem.relationsCsv')}</a></li>
        <li><a href="/ecosystem.json">{t.t('ecosystem.json')}</a></li>
      </ul>
    </Layout>,
    pc,
  );
}
