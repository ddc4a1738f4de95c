/** Catalog paging (ADR 45): 1-based pages of `per_page` datasets, like ckanext-dcat's. */
export const DEFAULT_PER_PAGE = 100;
export const MAX_PER_PAGE = 1000;

export type PagingResult = { ok: true; page: number; perPage: number } | { ok: false; message: string };

const whole = (s: string): number | undefined => (/^\d{1,9}$/.test(s) ? Number(s) : undefined);

/** Reads `page` and `per_page` from a query string's values; a bad one gets a message saying what to send. */
export function parsePaging(query: Record<string, unknown>): PagingResult {
  const one = (name: string): string | undefined | null => {
    const v = query[name];
    if (v === undefined) return undefined;
    return typeof v === 'string' ? v.trim() : null;
  };
  const rawPage = one('page');
  const rawPer = one('per_page');
  if (rawPage === null) return { ok: false, message: 'Give page once, as a whole number from 1, like ?page=2.' };
  if (rawPer === null) return { ok: false, message: `Give per_page once, as a whole number from 1 to ${MAX_PER_PAGE}, like ?per_page=100.` };
  const page = rawPage === undefined ? 1 : whole(rawPage);
  if (page === undefined || page < 1) return { ok: false, message: `"${rawPage ?? ''}" is not a page number: pages are numbered from 1, like ?page=2.` };
  const perPage = rawPer === undefined ? DEFAULT_PER_PAGE : whole(rawPer);
  if (perPage === undefined || perPage < 1 || perPage > MAX_PER_PAGE) return { ok: false, message: `"${rawPer ?? ''}" is not a page size: give per_page as a whole number from 1 to ${MAX_PER_PAGE} (the default is ${DEFAULT_PER_PAGE}).` };
  return { ok: true, page, perPage };
}

/** The address of page `n` of a listing at `path`, keeping a per_page other than the default. */
export function pageUrl(baseUrl: string, path: string, perPage: number, n: number): string {
  const params = new URLSearchParams();
  params.set('page', String(n));
  if (perPage !== DEFAULT_PER_PAGE) params.set('per_page', String(perPage));
  return `${baseUrl}${path}?${params.toString()}`;
}
