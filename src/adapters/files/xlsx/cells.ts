/** Excel's last column, XFD. */
export const MAX_COLUMN = 16_384;

/** `B` → 2, `XFD` → 16384; 0 when the letters are missing or past Excel's last column. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) return 0;
    n = n * 26 + (c - 0x60);
    if (n > MAX_COLUMN) return 0;
  }
  return n;
}

/** 2 → `B`. */
export function columnLetters(n: number): string {
  let s = '';
  for (let v = n; v > 0; v = Math.floor((v - 1) / 26)) s = String.fromCharCode(0x41 + ((v - 1) % 26)) + s;
  return s;
}

/** Splits a cell reference such as `B7` (or `$B$7`) into its column letters and row number; null when it is not one. */
export function splitRef(ref: string): { letters: string; row: number } | null {
  let i = ref.charCodeAt(0) === 0x24 ? 1 : 0;
  const start = i;
  while (i < ref.length && ((ref.charCodeAt(i) | 0x20) >= 0x61 && (ref.charCodeAt(i) | 0x20) <= 0x7a)) i++;
  const letters = ref.slice(start, i);
  if (ref.charCodeAt(i) === 0x24) i++;
  const digits = ref.slice(i);
  if (letters.length === 0 || letters.length > 10 || digits.length === 0 || digits.length > 10) return null;
  for (let j = 0; j < digits.length; j++) {
    const c = digits.charCodeAt(j);
    if (c < 0x30 || c > 0x39) return null;
  }
  return { letters, row: Number(digits) };
}
