/**
 * A counter that moves whenever what the catalog's pages show changes
 * (datasets, versions, resources, dictionaries, organizations, the site's
 * settings, popularity), as `pages-changed` signals tell. Readers compare it
 * to tell whether something they kept from before may be stale. Changes in
 * other processes move it only once signals cross processes: whatever keeps
 * results by it also bounds their age.
 */
export interface CatalogChanges {
  version(): number;
}
