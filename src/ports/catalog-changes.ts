/**
 * A counter that moves whenever this process changes what the catalog's
 * pages show (datasets, versions, resources, dictionaries, organizations,
 * the site's settings, popularity). Readers compare it to tell whether
 * something they kept from before may be stale. Other processes' changes do
 * not move it: whatever keeps results by it also bounds their age.
 */
export interface CatalogChanges {
  version(): number;
}
