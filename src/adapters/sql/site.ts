import type { SiteStore } from '../../ports/store/site.ts';
import type { AreaScope, Effects } from './area.ts';
import type { Db } from './dialect.ts';

/** The row shape of the site settings table (added by the 0004/0003 site migrations). */
type SiteTables = {
  site_settings: { key: string; value: string };
};

const tables = (db: Db) => db.withTables<SiteTables>();

/** The site's settings on SQL. */
export class SqlSite implements SiteStore {
  static readonly effects: Effects<SiteStore> = {
    getSiteSettings: 'reads',
    putSiteSettings: 'changes pages',
    publicRowCount: 'reads',
  };

  constructor(private readonly scope: AreaScope) {}

  private get db(): Db {
    return this.scope.db;
  }

  /** Every stored site setting, by key. */
  async getSiteSettings(): Promise<Record<string, string>> {
    const rows = await tables(this.db).selectFrom('site_settings').select(['key', 'value']).execute();
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  /** Sets or (for `null`) removes each key given. */
  async putSiteSettings(values: Record<string, string | null>): Promise<void> {
    await this.scope.atomically(async (db) => {
      for (const [key, value] of Object.entries(values)) {
        if (value === null) await tables(db).deleteFrom('site_settings').where('key', '=', key).execute();
        else await tables(db).insertInto('site_settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
      }
    });
  }

  /** The rows of the live versions of published datasets whose access level is public. */
  async publicRowCount(): Promise<number> {
    const r = await this.db
      .selectFrom('datasets')
      .innerJoin('versions', 'versions.id', 'datasets.live_version_id')
      .select((eb) => eb.fn.sum<number | string | null>('versions.row_count').as('rows'))
      .where('datasets.status', '=', 'published')
      .where('datasets.access_level', '=', 'public')
      .executeTakeFirst();
    return Number(r?.rows ?? 0);
  }
}
