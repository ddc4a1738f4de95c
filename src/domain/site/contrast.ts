/**
 * Colour contrast as WCAG 2.1 defines it: the relative luminance of sRGB
 * colours and the ratio between two of them (1 to 21). Text at AA needs 4.5.
 */

export const AA_TEXT = 4.5;

const channel = (v: number): number => {
  const c = v / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** The relative luminance of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** The contrast ratio of two `#rrggbb` colours, whichever is lighter. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** A ratio as people read it: 4.48 → "4.4:1" (rounded down, so a failing ratio never reads as 4.5). */
export const ratioText = (r: number): string => `${Math.floor(r * 10) / 10}:1`;
