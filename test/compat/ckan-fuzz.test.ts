import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ckanCatalog, type CkanCatalog } from './ckan-catalog.ts';

/** package_search's q and fq under random input: never a 5xx, never an engine's words, never a draft or private dataset to anonymous readers. */

let c: CkanCatalog;
let hidden: string[];

beforeAll(async () => {
  c = await ckanCatalog();
  hidden = [c.secret.id, c.secret.slug, c.draft.id, c.draft.slug];
}, 60_000);
afterAll(async () => c?.close());

const ENGINE_WORDS = /sqlite|duckdb|postgres|kysely|syntax error|SELECT |TypeError|ReferenceError|stack|at \//i;

async function search(params: Record<string, string>) {
  const res = await c.app.inject({ url: `/api/3/action/package_search?${new URLSearchParams(params).toString()}` });
  expect(res.statusCode, res.body).toBeLessThan(500);
  expect(res.body).not.toMatch(ENGINE_WORDS);
  for (const h of hidden) expect(res.body).not.toContain(h);
  return res;
}

const FIELDS = ['organization', 'owner_org', 'tags', 'groups', 'res_format', 'license_id', 'name', 'id', 'text', 'title', 'dataset_type', 'state', 'capacity', 'metadata_modified', 'colour'];

describe('package_search under random q and fq', () => {
  it('random strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), fc.constantFrom('true', 'false'), async (q, fq, priv) => {
        await search({ q, fq, include_private: priv, include_drafts: priv, 'facet.field': '["tags","organization","groups"]' });
      }),
      { numRuns: 120 },
    );
  });

  it('well-formed field:value combinations, the hidden datasets’ own values among them', async () => {
    const value = fc.oneof(
      fc.constantFrom('trees', 'secrettag', 'drafttag', 'health', 'government', 'test-department', 'transport-office', 'CSV', 'cc-by-4.0', '*', '[* TO *]', '[2020-01-01 TO NOW]', 'private', 'draft', 'dataset'),
      fc.constantFrom(...['secret', 'draft'].flatMap((k) => [c[k as 'secret' | 'draft'].id, c[k as 'secret' | 'draft'].slug, c[k as 'secret' | 'draft'].organizationId])),
      fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
    );
    const term = fc.tuple(fc.constantFrom('', '+', '-', 'NOT '), fc.constantFrom(...FIELDS), value).map(([op, f, v]) => `${op}${f}:${v}`);
    const query = fc.array(term, { minLength: 1, maxLength: 4 }).chain((ts) => fc.constantFrom(' ', ' AND ', ' OR ').map((j) => ts.join(j)));
    await fc.assert(
      fc.asyncProperty(query, fc.boolean(), fc.constantFrom('q', 'fq'), async (text, priv, where) => {
        const res = await search({ [where]: text, include_private: String(priv), include_drafts: String(priv), 'facet.field': '["tags","groups","organization"]', 'facet.limit': '-1' });
        if (res.statusCode === 200) {
          const r = res.json().result as { count: number; facets: { tags: Record<string, number> } };
          expect(r.count).toBeLessThanOrEqual(c.publicSlugs.length);
          expect(Object.keys(r.facets.tags)).not.toContain('secrettag');
        } else {
          expect([400, 409]).toContain(res.statusCode);
          expect(res.json().error.__type).toMatch(/Search Error|Search Query Error|Validation Error/);
        }
      }),
      { numRuns: 150 },
    );
  });
});
