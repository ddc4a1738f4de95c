import type { Db, SqlDialect } from './dialect.ts';

/**
 * What a store method does: only reads; writes what no page shows (sessions,
 * jobs, mail); or changes what pages show, so that pages kept for visitors
 * are made again.
 */
export type Effect = 'reads' | 'writes' | 'changes pages';

/**
 * The effect of every method of an area. The type lists each method of the
 * area's port, so a method added to the port without saying what it does to
 * pages does not compile.
 */
export type Effects<Area> = { readonly [K in keyof Area]-?: Effect };

/** What an area's queries run on. */
export interface AreaScope {
  /** The database, or the connection of the transaction the area belongs to. */
  db: Db;
  dialect: SqlDialect;
  /** Runs `fn` atomically: in a new transaction, or in the one the area already belongs to. */
  atomically<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

/** An SQL area: a class over a scope, implementing its port, with the effect of each method. */
export interface AreaClass<Area> {
  new (scope: AreaScope): Area;
  readonly effects: Effects<Area>;
}

type Method = (...args: unknown[]) => unknown;

/**
 * The area's methods as the store hands them out: bound to the area, and
 * those that change what pages show calling `changed` once they settle.
 */
export function watchArea<Area extends object>(area: Area, effects: Effects<Area>, changed: () => void): Area {
  for (const name of Object.keys(effects) as Array<keyof Area & string>) {
    const method = area[name] as unknown as Method;
    const bound: Method = method.bind(area);
    const watched: Method = (...args) => {
      const result = bound(...args);
      if (result instanceof Promise) return result.finally(changed);
      changed();
      return result;
    };
    Object.defineProperty(area, name, { value: effects[name] === 'changes pages' ? watched : bound, enumerable: true, writable: true, configurable: true });
  }
  return area;
}
