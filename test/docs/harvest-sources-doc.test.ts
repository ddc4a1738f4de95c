import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CKAN_ROWS, SINCE_MARGIN_MS } from '../../src/actions/harvest/readers/ckan.ts';
import { READERS } from '../../src/actions/harvest/readers/index.ts';
import { HARVEST_KINDS } from '../../src/domain/harvest/types.ts';

const doc = await readFile(new URL('../../docs/harvest-sources.md', import.meta.url), 'utf8');

/** The rows of the markdown table whose header starts with `header`, as cells. */
function table(header: string): string[][] {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${header} |`));
  expect(start, header).toBeGreaterThan(-1);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}

describe('docs/harvest-sources.md stays true', () => {
  it('lists every kind Plaza harvests, each with its reader and a section of its own', () => {
    const kinds = table('kind').map((r) => r[0]!.replace(/`/g, ''));
    expect(kinds).toEqual([...HARVEST_KINDS]);
    for (const kind of kinds) {
      expect(READERS[kind as (typeof HARVEST_KINDS)[number]], kind).toBeDefined();
      expect(doc, kind).toMatch(new RegExp(`^## .*\\(\`${kind}\`\\)$`, 'm'));
    }
  });

  it('says which kinds are incremental: the two read through the CKAN API', () => {
    const incremental = table('kind').filter((r) => r[3] === 'yes').map((r) => r[0]!.replace(/`/g, ''));
    expect(incremental).toEqual(['ckan', 'plaza']);
  });

  it('gives the page size and the margin of incremental runs', () => {
    expect(doc).toContain(`${CKAN_ROWS.toLocaleString('en')} packages a request`);
    expect(doc).toContain(`\`fq=metadata_modified:[<since> TO *]\`, where \`<since>\` is ${['', 'one', 'two', 'three', 'four', 'five', 'six'][SINCE_MARGIN_MS / 60_000]} minutes`);
  });
});
