import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { newProblemFields } from '../../src/domain/community/problem-input.ts';
import { DEFAULT_PROBLEM_CATEGORIES, nextProblemStatuses, PROBLEM_STATUSES } from '../../src/domain/community/problems.ts';

const doc = await readFile(new URL('../../docs/community.md', import.meta.url), 'utf8');
const english = JSON.parse(await readFile(new URL('../../locales/en/problems.json', import.meta.url), 'utf8')) as Record<string, string>;

/** A status as the document names it: its English label, in lower case. */
const named = (s: string): string => english[`problems.status.${s}`]!.toLowerCase();

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

describe('docs/community.md stays true', () => {
  it('gives each status the moves the workflow has', () => {
    const rows = table('from');
    expect(rows.map((r) => r[0])).toEqual(PROBLEM_STATUSES.map(named));
    for (const [from, to] of rows) {
      const status = PROBLEM_STATUSES.find((s) => named(s) === from)!;
      expect(to!.split(', ').sort(), from).toEqual(nextProblemStatuses(status).map(named).sort());
    }
  });

  it('names the categories and the limits the form applies', () => {
    const rules = Object.fromEntries(table('field').map(([field, rule]) => [field, rule]));
    expect(rules.category).toBe(`one of the site's categories (the setting \`problem_categories\`; by default ${DEFAULT_PROBLEM_CATEGORIES.slice(0, -1).join(', ')} or ${DEFAULT_PROBLEM_CATEGORIES.at(-1)})`);
    const schema = newProblemFields(DEFAULT_PROBLEM_CATEGORIES);
    const base = { title: 'A good title', description: 'Long enough to post.', affected: '', category: 'food', place: { kind: 'citywide' } };
    const fits = (patch: Record<string, unknown>) => schema.safeParse({ ...base, ...patch }).success;
    expect(rules.title).toBe('5 to 150 characters');
    expect([fits({ title: 'x'.repeat(5) }), fits({ title: 'x'.repeat(150) }), fits({ title: 'x'.repeat(4) }), fits({ title: 'x'.repeat(151) })]).toEqual([true, true, false, false]);
    expect(rules['what happens']).toBe('10 to 5,000 characters');
    expect([fits({ description: 'x'.repeat(10) }), fits({ description: 'x'.repeat(5000) }), fits({ description: 'x'.repeat(9) }), fits({ description: 'x'.repeat(5001) })]).toEqual([true, true, false, false]);
    expect(rules['who is affected']).toBe('optional, up to 1,000 characters');
    expect([fits({ affected: '' }), fits({ affected: 'x'.repeat(1000) }), fits({ affected: 'x'.repeat(1001) })]).toEqual([true, true, false]);
  });
});
