import type { OrganizationCount } from '../../../actions/catalog/organization-counts.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';

function OrganizationList({ organizations }: { organizations: OrganizationCount[] }) {
  const t = useT();
  return (
    <>
      <h1>{t.t('organizations.title')}</h1>
      <p>{t.t('organizations.intro')}</p>
      {organizations.length === 0 ? <p>{t.t('organizations.none')}</p> : null}
      {organizations.map(({ organization: o, datasets }) => (
        <article class="card" key={o.id}>
          <h2>
            <a href={`/organizations/${o.slug}`}>{o.name}</a>
          </h2>
          <p class="meta">{t.t('organizations.datasets', { count: datasets })}</p>
          {o.description ? <p>{o.description}</p> : null}
        </article>
      ))}
    </>
  );
}

/** Every organization (department), each with the number of its datasets the reader may see, linking to its page. */
export function organizationsPage(pc: PageContext, organizations: OrganizationCount[]): SafeHtml {
  return renderPage(
    <Layout title={pc.t.t('organizations.title')}>
      <OrganizationList organizations={organizations} />
    </Layout>,
    pc,
  );
}
