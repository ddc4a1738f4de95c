import type { ComponentChildren } from 'preact';
import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { Layout } from '../components/Layout.tsx';
import { useT } from '../components/page-context.ts';

/** The views of a dataset; each has its own URL, so any of them can be shared. */
export const DATASET_TABS = [
  { id: 'about', path: '' },
  { id: 'table', path: '/table' },
  { id: 'chart', path: '/chart' },
  { id: 'map', path: '/map' },
  { id: 'api', path: '/api' },
] as const;
export type DatasetTab = (typeof DATASET_TABS)[number]['id'];

export interface FrameProps {
  d: DatasetDetail;
  tab: DatasetTab;
  scripts?: string[] | undefined;
  /** Tabs that do not apply (the map of data without places). */
  hidden?: DatasetTab[];
  children: ComponentChildren;
}

/** What every view of a dataset shares: its place in the catalog, its title, and the tabs between its views. */
export function DatasetFrame({ d, tab, scripts, hidden, children }: FrameProps) {
  const { dataset, organization } = d;
  const base = `/datasets/${dataset.slug}`;
  const t = useT();
  // Tab names: dataset.tab.about, dataset.tab.table, dataset.tab.chart, dataset.tab.map, dataset.tab.api.
  const title = (id: DatasetTab) => t.t(`dataset.tab.${id}`);
  return (
    <Layout
      title={tab === 'about' ? dataset.title : `${title(tab)} – ${dataset.title}`}
      description={dataset.description}
      feed={{ href: `/feeds/datasets/${dataset.slug}.atom`, title: t.t('dataset.feedTitle', { title: dataset.title }) }}
      scripts={scripts}
    >
      <p class="meta">
        <a href="/datasets">{t.t('layout.datasets')}</a> › {organization ? <a href={`/organizations/${organization.slug}`}>{organization.name}</a> : null}
      </p>
      <h1>{dataset.title}</h1>
      {dataset.status !== 'published' ? <p class="usa-tag warn badge">{dataset.status === 'archived' ? t.t('dataset.archived') : t.t('dataset.notPublic', { status: dataset.status })}</p> : null}
      <nav class="tabs" aria-label={t.t('dataset.views')}>
        {DATASET_TABS.filter((x) => !hidden?.includes(x.id)).map((x) => (
          <a key={x.id} href={`${base}${x.path}`} aria-current={x.id === tab ? 'page' : undefined}>
            {title(x.id)}
          </a>
        ))}
      </nav>
      {children}
    </Layout>
  );
}
