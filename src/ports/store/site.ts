/**
 * The portal's own settings (its name, logo, colours, featured datasets,
 * themes and languages), kept as text by key. The meaning of each key and
 * its defaults live in `domain/site`.
 */
export interface SiteStore {
  /** Every stored setting, by key; a key never set is absent. */
  getSiteSettings(): Promise<Record<string, string>>;
  /** Sets the keys given, in one transaction; a `null` value removes the key (back to its default). */
  putSiteSettings(values: Record<string, string | null>): Promise<void>;
  /** The rows in the live versions of published, public datasets: the open data the portal serves, for its numbers. */
  publicRowCount(): Promise<number>;
}
