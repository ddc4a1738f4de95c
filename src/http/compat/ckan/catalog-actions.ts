import { getSite } from '../../../actions/site/settings.ts';
import type { CkanAction } from './action.ts';
import { GROUP_ACTIONS } from './group-actions.ts';
import { PACKAGE_ACTIONS } from './package-actions.ts';

/** CKAN's version this API answers as: the Action API of CKAN 2.10. */
export const CKAN_VERSION = '2.10.4';

/** The catalog's actions: status, packages and resources, organizations, groups (themes), tags. */
export const CATALOG_ACTIONS: Readonly<Record<string, CkanAction>> = {
  status_show: async ({ baseUrl, deps }) => {
    const site = await getSite(deps);
    return {
      site_title: site.name,
      site_description: '',
      site_url: baseUrl,
      ckan_version: CKAN_VERSION,
      error_emails_to: null,
      locale_default: site.languages[0] ?? 'en',
      extensions: ['datastore'],
    };
  },
  ...PACKAGE_ACTIONS,
  ...GROUP_ACTIONS,
};
