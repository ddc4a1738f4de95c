/** The innermost reason of a failed request: `fetch failed` wraps the one that matters (a refused address, a time-out, a reset). */
export function rootCause(e: unknown): Error {
  let err = e as Error & { cause?: unknown };
  while (err.cause instanceof Error) err = err.cause as Error & { cause?: unknown };
  return err;
}
