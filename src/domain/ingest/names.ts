/**
 * Machine names for columns: lowercase ASCII letters, digits and `_`, never
 * starting with `_` (names starting with `__` are reserved for hidden
 * columns), unique within a version. The original header stays as the label.
 */
export function machineName(header: string, index: number): string {
  const folded = header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (folded === '') return `column_${index + 1}`;
  return /^[0-9]/.test(folded) ? `c_${folded}` : folded;
}

/** Machine names for a whole header row, made unique with `_2`, `_3` ... suffixes. */
export function machineNames(headers: string[]): string[] {
  const used = new Set<string>();
  return headers.map((h, i) => {
    const base = machineName(h, i);
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  });
}

/** The header as a person reads it: trimmed, inner whitespace folded. */
export function cleanLabel(header: string, index: number): string {
  const label = header.replace(/\s+/g, ' ').trim();
  return label === '' ? `Column ${index + 1}` : label;
}
