import type { DatasetSummary } from '../../../actions/catalog/read-datasets.ts';
import type { Organization } from '../../../domain/catalog/types.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { vocab } from '../components/vocab.ts';
import type { SafeHtml } from '../html.ts';

function OrganizationBody({ org, list }: { org: Organization; list: { total: number; results: DatasetSummary[] } }) {
  const t = useT();
  return (
    <>
      <h1>{org.name}</h1>
      {org.description ? <p>{org.description}</p> : null}
      <p class="meta">
        {t.t('community.published', { count: list.total })} · <a href={`/datasets?organization=${encodeURIComponent(org.slug)}`}>{t.t('community.searchThem')}</a> ·{' '}
        <a href={`/feeds/organizations/${org.slug}.atom`}>{t.t('community.feed')}</a>
      </p>
      {list.results.map(({ dataset, freshness }) => (
        <article class="card" key={dataset.id}>
          <h2>
            <a href={`/datasets/${dataset.slug}`}>{dataset.title}</a>
          </h2>
          <p class="meta">
            {dataset.themes.map((theme) => vocab(t, 'theme', theme)).join(', ')} {freshness.overdue ? <span class="usa-tag warn badge">{t.t('catalog.overdue')}</span> : null}
          </p>
          {dataset.description ? <p>{dataset.description}</p> : null}
        </article>
      ))}
    </>
  );
}

/** An organization (department): what it is and the datasets the reader may see. */
export function organizationPage(pc: PageContext, org: Organization, list: { total: number; results: DatasetSummary[] }): SafeHtml {
  return renderPage(
    <Layout title={org.name} description={org.description} feed={{ href: `/feeds/organizations/${org.slug}.atom`, title: pc.t.t('community.feed') }}>
      <OrganizationBody org={org} list={list} />
    </Layout>,
    pc,
  );
}
