/** The characters of a Socrata dataset id: digits and lowercase letters without the look-alikes 0, 1, l and o. */
const ALPHABET = '23456789abcdefghijkmnpqrstuvwxyz';

/** A Socrata-style dataset id, `xxxx-xxxx`. */
export const FOUR_BY_FOUR = /^[a-z0-9]{4}-[a-z0-9]{4}$/;

/**
 * The four-by-four id Socrata clients use for a dataset: eight characters
 * (40 bits) of the 64-bit FNV-1a hash of the dataset's id, so that it is the
 * same on every machine and never changes (ADR 43). The catalog stores it
 * beside the dataset to find the dataset again.
 */
export function fourByFour(datasetId: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(datasetId)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  let code = '';
  for (let i = 0; i < 8; i++) {
    code += ALPHABET[Number(h & 31n)];
    h >>= 5n;
  }
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
