/** The fixed vocabularies of dataset metadata. Themes are a setting; these are not. */

export const DATASET_STATUSES = ['draft', 'submitted', 'published', 'archived'] as const;
export type DatasetStatus = (typeof DATASET_STATUSES)[number];

/** public: anyone sees and downloads; restricted: anyone sees the description, signed-in accounts get the data; private: members only. */
export const ACCESS_LEVELS = ['public', 'restricted', 'private'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export interface License {
  id: string;
  title: string;
  url: string;
  open: boolean;
}

export const LICENSES: readonly License[] = [
  { id: 'cc-by-4.0', title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/', open: true },
  { id: 'cc-by-sa-4.0', title: 'Creative Commons Attribution-ShareAlike 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/', open: true },
  { id: 'cc0-1.0', title: 'Creative Commons Zero 1.0 (public domain dedication)', url: 'https://creativecommons.org/publicdomain/zero/1.0/', open: true },
  { id: 'odc-by-1.0', title: 'Open Data Commons Attribution 1.0', url: 'https://opendatacommons.org/licenses/by/1-0/', open: true },
  { id: 'odbl-1.0', title: 'Open Data Commons Open Database License 1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/', open: true },
  { id: 'pddl-1.0', title: 'Open Data Commons Public Domain Dedication and License 1.0', url: 'https://opendatacommons.org/licenses/pddl/1-0/', open: true },
  { id: 'ogl-uk-3.0', title: 'Open Government Licence 3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', open: true },
  { id: 'us-pd', title: 'U.S. Public Domain', url: 'https://www.usa.gov/government-works', open: true },
  { id: 'other-open', title: 'Other open licence (see description)', url: 'https://opendefinition.org/licenses/', open: true },
  { id: 'other-closed', title: 'Not openly licensed (see description)', url: 'https://opendefinition.org/', open: false },
];

export interface Frequency {
  id: string;
  title: string;
  /** ISO 8601 duration, as DCAT-US `accrualPeriodicity` writes it; null when there is no schedule. */
  iso: string | null;
  /** Days until the next update is due; null when nothing is ever due. */
  days: number | null;
}

export const FREQUENCIES: readonly Frequency[] = [
  { id: 'continuous', title: 'Continuously updated', iso: 'R/PT1S', days: 1 },
  { id: 'hourly', title: 'Hourly', iso: 'R/PT1H', days: 1 },
  { id: 'daily', title: 'Daily', iso: 'R/P1D', days: 1 },
  { id: 'weekly', title: 'Weekly', iso: 'R/P1W', days: 7 },
  { id: 'monthly', title: 'Monthly', iso: 'R/P1M', days: 31 },
  { id: 'quarterly', title: 'Quarterly', iso: 'R/P3M', days: 92 },
  { id: 'semiannual', title: 'Twice a year', iso: 'R/P6M', days: 183 },
  { id: 'annual', title: 'Yearly', iso: 'R/P1Y', days: 366 },
  { id: 'irregular', title: 'Irregularly', iso: 'irregular', days: null },
  { id: 'never', title: 'Not updated (historical)', iso: null, days: null },
];

export const DEFAULT_THEMES: readonly string[] = [
  'Arts and culture',
  'Budget and finance',
  'Business and economy',
  'Education',
  'Environment',
  'Government',
  'Health',
  'Housing and development',
  'Parks and recreation',
  'Public safety',
  'Social services',
  'Transportation',
  'Utilities and infrastructure',
];

export const RESOURCE_KINDS = ['file', 'link', 'api'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const licenseById = (id: string | null): License | undefined => LICENSES.find((l) => l.id === id);
export const frequencyById = (id: string | null): Frequency | undefined => FREQUENCIES.find((f) => f.id === id);
