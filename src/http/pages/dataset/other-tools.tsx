import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { fourByFour } from '../../../domain/compat/four-by-four.ts';
import { hasPlaces } from '../../../domain/compat/downloads.ts';
import { useT } from '../components/page-context.ts';

/** The dataset in the formats and APIs other tools read: Frictionless, DCAT-AP, CKAN, Socrata and, with places, OGC API. */
export function OtherTools({ d }: { d: DatasetDetail }) {
  const t = useT();
  const slug = encodeURIComponent(d.dataset.slug);
  const base = `/datasets/${slug}`;
  const links: Array<{ key: string; href: string; label: string }> = [
    { key: 'datapackage', href: `${base}/datapackage.json`, label: t.t('dataset.tools.datapackage') },
    { key: 'jsonld', href: `${base}.jsonld`, label: t.t('dataset.tools.dcatAp', { format: 'JSON-LD' }) },
    { key: 'ttl', href: `${base}.ttl`, label: t.t('dataset.tools.dcatAp', { format: 'Turtle' }) },
    { key: 'rdf', href: `${base}.rdf`, label: t.t('dataset.tools.dcatAp', { format: 'RDF/XML' }) },
    { key: 'ckan', href: `/api/3/action/package_show?id=${slug}`, label: t.t('dataset.tools.ckan') },
    { key: 'socrata', href: `/resource/${fourByFour(d.dataset.id)}.json`, label: t.t('dataset.tools.socrata') },
    ...(hasPlaces(d.live) ? [{ key: 'ogc', href: `/ogc/collections/${slug}`, label: t.t('dataset.tools.ogc') }] : []),
  ];
  return (
    <section class="card" aria-labelledby="other-tools">
      <h2 id="other-tools">{t.t('dataset.tools.title')}</h2>
      <ul>
        {links.map((l) => (
          <li key={l.key}>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
