import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript script without type declarations.
import { missingEntries } from '../../scripts/complete-lock.mjs';

describe('package-lock.json', () => {
  it('lists every platform package npm ci expects (run scripts/complete-lock.mjs after npm install)', async () => {
    const lock = JSON.parse(await readFile(new URL('../../package-lock.json', import.meta.url), 'utf8')) as unknown;
    expect(Object.keys(missingEntries(lock) as Record<string, unknown>)).toEqual([]);
  });
});
