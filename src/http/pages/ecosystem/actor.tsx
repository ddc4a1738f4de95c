import type { ActorDetail } from '../../../actions/program/ecosystem/read-ecosystem.ts';
import { Layout } from '../components/Layout.tsx';
import type { PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { ECO_STYLE } from './map.tsx';
import { relationText } from './relation-text.tsx';

/** `/ecosystem/actors/{slug}`: one actor, its relationships both ways, its Plaza organization, and for staff the links to change them. */
export function actorPage(pc: PageContext, d: ActorDetail, s: { csrf: string | undefined; notice?: string | undefined }): SafeHtml {
  const t = pc.t;
  const a = d.actor;
  const slug = encodeURIComponent(a.slug);
  const edit = d.mayEdit && s.csrf;
  return renderPage(
    <Layout title={a.name} description={a.note.slice(0, 200) || t.t('ecosystem.intro')} styles={ECO_STYLE}>
      {s.notice ? <div class="usa-alert usa-alert--success" role="status">{s.notice}</div> : null}
      <p>
        <a href="/ecosystem">{t.t('ecosystem.title')}</a>
      </p>
      <span class="usa-tag">{t.t(`ecosystem.kind.${a.kind}`)}</span>
      <h1>{a.name}</h1>
      {a.topics.length ? <p>{t.t('ecosystem.topicsLine', { topics: a.topics.join(', ') })}</p> : null}
      {a.note ? <p class="eco-text">{a.note}</p> : null}
      {a.website ? (
        <p>
          <a href={a.website} rel="nofollow noopener">{t.t('ecosystem.website', { name: a.name })}</a>
        </p>
      ) : null}
      {d.organization ? (
        <p class="eco-org">
          {t.t('ecosystem.onPlaza')} <a href={`/organizations/${encodeURIComponent(d.organization.slug)}`}>{d.organization.name}</a>
        </p>
      ) : null}
      <h2>{t.t('ecosystem.relationsHeading')}</h2>
      {d.relations.length ? (
        <ul class="eco-relations">
          {d.relations.map((x) => (
            <li key={x.relation.id}>
              {relationText(t, x.relation, x.direction, x.other).split(x.other.name)[0]}
              <a href={`/ecosystem/actors/${encodeURIComponent(x.other.slug)}`}>{x.other.name}</a>
              {relationText(t, x.relation, x.direction, x.other).split(x.other.name).slice(1).join(x.other.name)}
              {x.relation.topics.length ? ` (${x.relation.topics.join(', ')})` : ''}
              {x.relation.note ? ` — ${x.relation.note}` : ''}
              {edit ? (
                <>
                  {' '}
                  <a href={`/ecosystem/relationships/${encodeURIComponent(x.relation.id)}/edit`}>{t.t('ecosystem.editRelation', { name: x.other.name })}</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.t('ecosystem.noRelations')}</p>
      )}
      {edit ? (
        <div class="eco-actions">
          <a class="usa-button" href={`/ecosystem/actors/${slug}/edit`}>{t.t('ecosystem.editActor')}</a>
          <a class="usa-button usa-button--secondary" href={`/ecosystem/relationships/new?from=${slug}`}>{t.t('ecosystem.addRelation')}</a>
          <form method="post" action={`/ecosystem/actors/${slug}/delete`}>
            <input type="hidden" name="_csrf" value={s.csrf} />
            <button type="submit" class="usa-button usa-button--secondary">{t.t('ecosystem.deleteActor', { name: a.name })}</button>
          </form>
        </div>
      ) : null}
    </Layout>,
    pc,
  );
}
