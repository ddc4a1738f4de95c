import type { Actor, CoreActor, ExtraActor, Send, World } from './world.ts';

/**
 * The shape of the authorization table: for each API route ("METHOD path",
 * exactly as declared with `route()`), one or more cases. A case builds the
 * request an actor sends (with a fresh target when the route changes
 * something) and says the exact status every actor must get.
 */

/** The status each actor must get. */
export type Statuses = Record<CoreActor, number> & Partial<Record<ExtraActor, number>>;

export interface Case {
  /** What the case tries, shown in the report. */
  name: string;
  /** The request for one actor: URL with its target filled in, and a valid body. Called once per actor, right before the call. */
  request(w: World, actor: Actor): Promise<Omit<Send, 'method' | 'headers'>> | Omit<Send, 'method' | 'headers'>;
  expect: Statuses;
}

export type Table = Record<string, Case[]>;

let n = 0;
/** A number not used before in this run, for names and emails that must be new. */
export const fresh = (): number => ++n;
