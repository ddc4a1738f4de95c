import type { ComponentChildren } from 'preact';

/**
 * The box of a table that may be wider than a phone's screen: it scrolls
 * sideways by itself instead of the whole page, and takes keyboard focus so
 * that it can be scrolled with the arrow keys. Named by the heading it sits
 * under.
 */
export function Wide({ labelledBy, children }: { labelledBy: string; children: ComponentChildren }) {
  return (
    <div class="wide" tabIndex={0} role="group" aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}
