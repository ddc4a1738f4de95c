import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { schemaOrgDataset, scriptJson } from '../../../domain/compat/schema-org/dataset.ts';
import { usePage } from '../components/page-context.ts';

/** The dataset as schema.org JSON-LD, for search engines' dataset search (docs/standards.md). */
export function DatasetJsonLd({ d }: { d: DatasetDetail }) {
  const { site, baseUrl } = usePage();
  const json = scriptJson(schemaOrgDataset({ dataset: d.dataset, organization: d.organization, live: d.live, dictionary: d.dictionary, dataAccess: d.dataAccess }, baseUrl, site.name));
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
