import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/cli/harvest.ts';
import { HARVEST_HELP } from '../../src/cli/help.ts';
import { SETTINGS } from '../../src/config.ts';
import { HARVEST_KINDS, type HarvestRun } from '../../src/domain/harvest/types.ts';

/** docs/harvest.md stays true to the command, the kinds, the settings and the report. */

const doc = await readFile(new URL('../../docs/harvest.md', import.meta.url), 'utf8');
const words = (s: string) => s.replace(/\s+/g, ' ').trim();
/** The fenced blocks of the doc. */
const blocks = [...doc.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('docs/harvest.md', () => {
  it('shows the usage `plaza help harvest` prints', () => {
    const usage = blocks.find((b) => b.startsWith('plaza harvest add'))!;
    // The help's two usage lines, without the explanation under them.
    const help = HARVEST_HELP.slice(HARVEST_HELP.indexOf('plaza harvest add')).split('\n').slice(0, 2).join(' ');
    expect(words(usage)).toBe(words(help));
    for (const option of ['--name', '--org', '--peer', '--no-harvest', '--every HOURS', '--manual']) expect(doc).toContain(`\`${option}`);
    for (const command of ['plaza harvest list', 'plaza harvest run [ID]', 'plaza harvest report RUN_ID', 'plaza harvest fetch ID']) expect(HARVEST_HELP).toContain(command);
  });

  it('lists every kind of source', () => {
    const listed = [...doc.matchAll(/^\| `([a-z-]+)` \| [^|]+ \|$/gm)].map((m) => m[1]);
    expect(listed).toEqual([...HARVEST_KINDS]);
  });

  it('gives each limit its real default', () => {
    const rows = [...doc.matchAll(/^\| `(PLAZA_HARVEST_[A-Z_]+)` \| `(\d+)` \|/gm)].map((m) => [m[1]!, Number(m[2])] as const);
    expect(rows.map(([name]) => name)).toEqual(['PLAZA_HARVEST_MAX_DATASETS', 'PLAZA_HARVEST_MAX_MB', 'PLAZA_HARVEST_TIMEOUT_MS']);
    for (const [name, value] of rows) expect(SETTINGS[name as keyof typeof SETTINGS].parse(undefined), name).toBe(value);
  });

  it('shows a report as the command prints it', () => {
    const shown = blocks.find((b) => b.startsWith('New York State (dcat-us), run'))!;
    const run: HarvestRun = {
      id: '8d2e…', sourceId: 's', jobId: null, trigger: 'manual', status: 'partial', startedAt: '', finishedAt: '', since: null, bytes: 0, message: null,
      counts: { created: 4, updated: 0, archived: 0, unchanged: 0, errors: 1 },
      errors: [{ identifier: 'no-title-here', title: null, reason: 'The dataset has no "title".' }],
    };
    expect(shown).toBe(formatReport({ name: 'New York State', kind: 'dcat-us' }, run));
  });
});
