/**
 * The shades the portal's theme needs from the site's two colours: the
 * primary colour (the header) as it is, and the accent colour (links,
 * buttons, the current step) with the darker shades buttons take when
 * hovered and pressed and the light ones behind the current page's link.
 */

const HEX = /^#[0-9a-f]{6}$/i;

/** A `#rrggbb` colour moved `amount` (0 to 1) of the way towards another. */
export function mix(hex: string, towards: string, amount: number): string {
  const a = Number.parseInt(hex.slice(1), 16);
  const b = Number.parseInt(towards.slice(1), 16);
  const channel = (shift: number) => Math.round(((a >> shift) & 255) * (1 - amount) + ((b >> shift) & 255) * amount);
  return `#${[16, 8, 0].map((s) => channel(s).toString(16).padStart(2, '0')).join('')}`;
}

/** The custom properties the stylesheet reads (see src/http/assets/stylesheet.ts), or none when a colour is not a checked `#rrggbb`. */
export function paletteOf(primaryColor: string, accentColor: string): Record<string, string> {
  if (!HEX.test(primaryColor) || !HEX.test(accentColor)) return {};
  return {
    '--plaza-primary': primaryColor,
    '--plaza-accent': accentColor,
    '--plaza-accent-vivid': accentColor,
    '--plaza-accent-dark': mix(accentColor, '#000000', 0.25),
    '--plaza-accent-darker': mix(accentColor, '#000000', 0.45),
    '--plaza-accent-light': mix(accentColor, '#ffffff', 0.55),
    '--plaza-accent-lighter': mix(accentColor, '#ffffff', 0.85),
  };
}

/** The palette as one CSS rule for the page's root. */
export const paletteCss = (primaryColor: string, accentColor: string): string => {
  const vars = Object.entries(paletteOf(primaryColor, accentColor));
  return vars.length ? `:root{${vars.map(([k, v]) => `${k}:${v}`).join(';')}}` : '';
};
