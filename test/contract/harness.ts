import { afterEach, beforeEach, describe } from 'vitest';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';
import { storeSuites, type StoreName } from '../support/stores.ts';

const suites = await storeSuites();

/**
 * Declares one area's contract tests once for every store. Each test gets a
 * store on a fresh, empty database, dropped after it. A store whose server is
 * down shows as skipped (see `storeSuites`).
 */
export function describeStores(area: string, body: (store: () => CatalogStore, name: StoreName) => void): void {
  describe.each(suites.map((s) => [s.name, s] as const))('%s', (_name, suite) => {
    describe.skipIf(suite.skip)(area, () => {
      let opened: Awaited<ReturnType<typeof suite.open>> | undefined;
      beforeEach(async () => {
        opened = await suite.open();
      });
      afterEach(async () => {
        await opened?.drop();
        opened = undefined;
      });
      body(() => {
        if (!opened) throw new Error(`no ${suite.name} store is open`);
        return opened.store;
      }, suite.name);
    });
  });
}
