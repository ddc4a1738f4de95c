import { SIGNALS, type Signal } from '../../ports/signals.ts';

/** Where the shared signals' adapters say what happened to their connection. */
export interface SignalsLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** A signal on the wire: its name and the process that sent it, as `name sender`. */
export function encodeSignal(signal: Signal, sender: string): string {
  return `${signal} ${sender}`;
}

/** The signal and sender of a message, or null for a message that is not one (another program on the channel). */
export function decodeSignal(payload: string): { signal: Signal; sender: string } | null {
  const [name, sender, ...rest] = payload.split(' ');
  if (rest.length > 0 || !sender || !(SIGNALS as readonly string[]).includes(name ?? '')) return null;
  return { signal: name as Signal, sender };
}

/** The wait before attempt `attempt` (from 0): `firstMs`, doubling, never more than `maxMs`. */
export function backoffMs(attempt: number, firstMs: number, maxMs: number): number {
  return Math.min(maxMs, firstMs * 2 ** Math.min(attempt, 20));
}
