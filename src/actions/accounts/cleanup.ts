import type { Deps } from '../deps.ts';

const HOUR_MS = 60 * 60 * 1000;
const CURSOR = 'cleanup';

/** Once an hour, deletes expired sessions and password-reset links, so the tables hold only what can still be used. */
export const cleanupStep = {
  name: 'cleanup',
  async run(deps: Deps): Promise<number> {
    const now = deps.clock.now();
    const last = await deps.catalog.activity.getCursor(CURSOR);
    if (last && now.getTime() - Date.parse(last) < HOUR_MS) return 0;
    await deps.catalog.accounts.purgeExpired(now.toISOString());
    await deps.catalog.activity.setCursor(CURSOR, now.toISOString());
    return 0;
  },
};
