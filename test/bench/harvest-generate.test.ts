import { describe, expect, it } from 'vitest';
import { changeSome, generateDataJson } from '../../bench/harvest/generate.ts';
import { podDatasets, podRecord } from '../../src/domain/harvest/dcat-us.ts';
import { podCatalogValidator } from '../compat/standards-support.ts';

// The harvest benchmark's data.json generator, at a small size: what it makes must stay a
// valid POD catalog with the shape the benchmark's figures describe.
describe('the harvest benchmark data.json generator', () => {
  const validate = podCatalogValidator();

  it('makes a catalog the POD v1.1 non-federal schema accepts, the same for the same seed', () => {
    const catalog = generateDataJson(60);
    const ok = validate(catalog);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
    expect(ok).toBe(true);
    expect(JSON.stringify(generateDataJson(60))).toBe(JSON.stringify(catalog));
    expect(JSON.stringify(generateDataJson(60, 7))).not.toBe(JSON.stringify(catalog));
  });

  it('gives every dataset the realistic shape the benchmark reports', () => {
    const { dataset } = generateDataJson(200);
    expect(new Set(dataset.map((d) => d.identifier)).size).toBe(200);
    for (const d of dataset) {
      expect(d.description.length).toBeGreaterThanOrEqual(200);
      expect(d.keyword.length).toBeGreaterThanOrEqual(5);
      expect(d.keyword.length).toBeLessThanOrEqual(10);
      expect(d.distribution.length).toBeGreaterThanOrEqual(2);
      expect(d.distribution.length).toBeLessThanOrEqual(4);
      expect(d.temporal).toMatch(/^\d{4}-01-01\/\d{4}-12-31$/);
      expect(d.spatial.length).toBeGreaterThan(0);
    }
  });

  it('is read by the DCAT-US mapping with no record refused', () => {
    const catalog = JSON.parse(JSON.stringify(generateDataJson(100))) as unknown;
    const list = podDatasets(catalog);
    expect(Array.isArray(list)).toBe(true);
    const records = (list as unknown[]).map(podRecord);
    expect(records.filter((r) => 'reason' in r)).toEqual([]);
    expect(records.every((r) => 'remoteId' in r && r.license !== null && r.distributions.length >= 2)).toBe(true);
  });

  it('changes the share of datasets asked for, and the catalog stays valid', () => {
    const catalog = generateDataJson(200);
    const before = JSON.stringify(catalog.dataset);
    const changed = changeSome(catalog, 0.01, '2026-12-07T00:00:00.000Z');
    expect(changed).toHaveLength(2);
    const after = catalog.dataset.filter((d) => d.modified === '2026-12-07T00:00:00.000Z');
    expect(after.map((d) => d.identifier).sort()).toEqual([...changed].sort());
    expect(JSON.stringify(catalog.dataset)).not.toBe(before);
    expect(validate(catalog)).toBe(true);
  });
});
