import { describe, expect, it } from 'vitest';
import { EMPTY_METADATA } from '../../src/domain/catalog/metadata.ts';
import type { Dataset } from '../../src/domain/catalog/types.ts';
import { podDataset } from '../../src/domain/compat/dcat-us/dataset.ts';

const site = { baseUrl: 'https://data.example.gov', name: 'Test City' };
const base: Dataset = {
  ...EMPTY_METADATA,
  id: 'd1', slug: 'trees', organizationId: 'o1', title: 'Trees', description: 'Street trees.', status: 'published', liveVersionId: null, createdBy: null,
  createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-02-01T00:00:00.000Z', dataUpdatedAt: null, publishedAt: '2024-01-02T00:00:00.000Z', nextDueAt: null, popularity: 0,
};
const pod = (patch: Partial<Dataset>) => podDataset({ dataset: { ...base, ...patch }, organization: { id: 'o1', slug: 'parks', name: 'Parks', description: '', createdAt: base.createdAt }, live: undefined, resources: [] }, site);

describe('DCAT-US mapping of one dataset', () => {
  it('writes each update frequency as the ISO 8601 duration the docs list', () => {
    const expected: Record<string, string | undefined> = { continuous: 'R/PT1S', hourly: 'R/PT1H', daily: 'R/P1D', weekly: 'R/P1W', monthly: 'R/P1M', quarterly: 'R/P3M', semiannual: 'R/P6M', annual: 'R/P1Y', irregular: 'irregular', never: undefined };
    for (const [frequency, iso] of Object.entries(expected)) expect(pod({ frequency }).accrualPeriodicity, frequency).toBe(iso);
  });

  it('maps access levels', () => {
    expect(pod({ accessLevel: 'public' }).accessLevel).toBe('public');
    expect(pod({ accessLevel: 'restricted' }).accessLevel).toBe('restricted public');
    expect(pod({ accessLevel: 'private' }).accessLevel).toBe('non-public');
  });

  it('falls back for keywords to the themes, then to the publisher; for the description to the title; for issued to the publication', () => {
    expect(pod({ keywords: [], themes: ['Environment'] }).keyword).toEqual(['Environment']);
    expect(pod({ keywords: [], themes: [], publisher: 'Forestry' }).keyword).toEqual(['Forestry']);
    expect(pod({ description: '' }).description).toBe('Trees');
    expect(pod({}).issued).toBe('2024-01-02T00:00:00.000Z');
    expect(pod({}).modified).toBe('2024-02-01T00:00:00.000Z');
    expect(pod({ dataUpdatedAt: '2024-03-01T00:00:00.000Z' }).modified).toBe('2024-03-01T00:00:00.000Z');
  });

  it('writes a bounding box before a place name, and an interval only with both ends', () => {
    expect(pod({ spatial: { place: 'Test City', bbox: [-1, -2, 3, 4] } }).spatial).toBe('-1,-2,3,4');
    expect(pod({ temporal: { start: '2020-01-01', end: null } }).temporal).toBeUndefined();
    expect(pod({ temporal: { start: null, end: '2020-01-01' } }).temporal).toBeUndefined();
  });
});
