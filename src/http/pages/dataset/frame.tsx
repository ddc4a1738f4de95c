import type { ComponentChildren } from 'preact';
import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { Layout, type LayoutUser } from '../components/Layout.tsx';

/** The views of a dataset; each has its own URL, so any of them can be shared. */
export const DATASET_TABS = [
  { id: 'about', title: 'About', path: '' },
  { id: 'table', title: 'Table', path: '/table' },
  { id: 'chart', title: 'Chart', path: '/chart' },
  { id: 'map', title: 'Map', path: '/map' },
  { id: 'api', title: 'API', path: '/api' },
] as const;
export type DatasetTab = (typeof DATASET_TABS)[number]['id'];

export interface FrameProps {
  d: DatasetDetail;
  tab: DatasetTab;
  siteName: string;
  user?: LayoutUser | undefined;
  scripts?: string[] | undefined;
  /** Tabs that do not apply (the map of data without places). */
  hidden?: DatasetTab[];
  children: ComponentChildren;
}

/** What every view of a dataset shares: its place in the catalog, its title, and the tabs between its views. */
export function DatasetFrame({ d, tab, siteName, user, scripts, hidden, children }: FrameProps) {
  const { dataset, organization } = d;
  const base = `/datasets/${dataset.slug}`;
  const current = DATASET_TABS.find((t) => t.id === tab)!;
  return (
    <Layout title={tab === 'about' ? dataset.title : `${current.title} – ${dataset.title}`} siteName={siteName} user={user} scripts={scripts}>
      <p class="meta">
        <a href="/datasets">Datasets</a> › {organization ? <a href={`/organizations/${organization.slug}`}>{organization.name}</a> : null}
      </p>
      <h1>{dataset.title}</h1>
      {dataset.status !== 'published' ? <p class="badge warn">{dataset.status === 'archived' ? 'Archived' : `Not public: ${dataset.status}`}</p> : null}
      <nav class="tabs" aria-label="Views of this dataset">
        {DATASET_TABS.filter((t) => !hidden?.includes(t.id)).map((t) => (
          <a key={t.id} href={`${base}${t.path}`} aria-current={t.id === tab ? 'page' : undefined}>
            {t.title}
          </a>
        ))}
      </nav>
      {children}
    </Layout>
  );
}
