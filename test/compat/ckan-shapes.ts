/** JSON's types, with null apart. */
const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Keys CKAN dropped in 2.9 (revisions) and fields a portal's own extensions added; a CKAN 2.10 answer has neither. */
export const NOT_IN_CKAN_2_10 = new Set(['revision_id', 'webstore_url', 'title@resource']);

/**
 * Every key of `expected` is in `actual` with the same JSON type (null
 * allowed where `expected` has null), recursively through objects and the
 * first item of lists. Returns the differences, as paths.
 */
export function sameKeysAndTypes(expected: unknown, actual: unknown, path = '$', where = ''): string[] {
  const te = typeOf(expected);
  const ta = typeOf(actual);
  if (te === 'null') return [];
  if (te !== ta) return [`${path}: ${ta} where CKAN has ${te}`];
  if (te === 'array') {
    const [e] = expected as unknown[];
    const [a] = actual as unknown[];
    return e === undefined || a === undefined ? [] : sameKeysAndTypes(e, a, `${path}[0]`, where);
  }
  if (te !== 'object') return [];
  const out: string[] = [];
  const act = actual as Record<string, unknown>;
  for (const [k, v] of Object.entries(expected as Record<string, unknown>)) {
    if (NOT_IN_CKAN_2_10.has(k) || NOT_IN_CKAN_2_10.has(`${k}@${where}`)) continue;
    if (!(k in act)) out.push(`${path}.${k}: missing`);
    else out.push(...sameKeysAndTypes(v, act[k], `${path}.${k}`, k === 'resources' ? 'resource' : k));
  }
  return out;
}
