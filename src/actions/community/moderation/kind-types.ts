import type { CatalogStore } from '../../../ports/catalog-store.ts';
import type { Deps, Principal } from '../../deps.ts';

/** A community item as reports and the moderators' queue see it. */
export interface ReportableItem {
  kind: string;
  id: string;
  /** What the queue shows of it: a problem's title, a comment's text. */
  text: string;
  authorId: string | null;
  hidden: boolean;
  /** The page it is on. */
  path: string;
}

/** One kind of item people may report and moderators hide: a new kind joins by one entry in `REPORTABLE_KINDS`. */
export interface ReportableKind {
  /** The item as the principal may see it, or undefined when it is not there for them. */
  find(deps: Deps, p: Principal, id: string, store?: CatalogStore): Promise<ReportableItem | undefined>;
  /** Hides the item or shows it again with the reason: kept in the activity stream, its author told. */
  setHidden(deps: Deps, p: Principal, id: string, hidden: boolean, reason: string): Promise<void>;
}
