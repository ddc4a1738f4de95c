/** Uses of one dataset on one UTC day (YYYY-MM-DD): counts only, nothing about who. */
export interface UseDay {
  datasetId: string;
  day: string;
  views: number;
  downloads: number;
  apiCalls: number;
}

/** The three kinds of use counted: a page of the dataset read, a file downloaded, an API request for its data or metadata. */
export type UseKind = 'view' | 'download' | 'api';

/** A dataset as the program's figures see it. */
export interface DatasetFacts {
  id: string;
  slug: string;
  title: string;
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
  themes: string[];
  status: string;
  accessLevel: string;
  frequency: string | null;
  dataUpdatedAt: string | null;
  nextDueAt: string | null;
}

/** A problem or a request as the program's figures see it. */
export interface ItemFacts {
  id: string;
  title: string;
  status: string;
  hidden: boolean;
  /** Problems merged into another one count once, as the other. */
  mergedInto: string | null;
  createdAt: string;
  /** When it was first answered, or null. */
  firstAnsweredAt: string | null;
}

/** Anyone may see a dataset that is published or archived and not private. */
export const isOpenDataset = (d: Pick<DatasetFacts, 'status' | 'accessLevel'>): boolean => (d.status === 'published' || d.status === 'archived') && d.accessLevel !== 'private';

/** Anyone may see a problem or request that is not hidden. */
export const isOpenItem = (i: Pick<ItemFacts, 'hidden'>): boolean => !i.hidden;
