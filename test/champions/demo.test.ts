import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DemoChampion } from '../../src/actions/champions/demo-champions.ts';
import { DEMO_DIR } from '../../src/cli/demo.ts';
import { DEFAULT_THEMES } from '../../src/domain/catalog/vocab.ts';
import { championFields } from '../../src/domain/program/champions.ts';

const entries = JSON.parse(readFileSync(join(DEMO_DIR, 'champions.json'), 'utf8')) as DemoChampion[];
const datasets = JSON.parse(readFileSync(join(DEMO_DIR, 'datasets.json'), 'utf8')) as Array<{ slug: string; organization: string }>;
const projects = JSON.parse(readFileSync(join(DEMO_DIR, 'projects.json'), 'utf8')) as Array<{ title: string }>;

describe('the demo champions', () => {
  it('are seven over the three tiers: an executive, four departments, two community liaisons', () => {
    expect(entries).toHaveLength(7);
    const tiers = (tier: string) => entries.filter((e) => e.tier === tier);
    expect(tiers('executive')).toHaveLength(1);
    expect(tiers('internal').map((e) => e.organization)).toEqual(['Human Resources Administration', 'Public Health', 'Transportation', 'Homeless Services']);
    expect(tiers('external').map((e) => e.name)).toEqual(['Denise Washington', 'Lucía Fernández']);
    // Every internal champion's department publishes demo datasets.
    for (const e of tiers('internal')) expect(datasets.map((d) => d.organization)).toContain(e.organization);
  });

  it('look after demo datasets only, every demo dataset has one, and each shows some channels and hides others', () => {
    const slugs = datasets.map((d) => d.slug);
    for (const e of entries) for (const d of e.datasets) expect(slugs).toContain(d);
    for (const s of slugs) expect(entries.some((e) => e.datasets.includes(s)), s).toBe(true);
    expect(entries.some((e) => e.channels.some((c) => c.shown))).toBe(true);
    expect(entries.some((e) => e.channels.some((c) => !c.shown))).toBe(true);
    const food = entries.find((e) => e.name === 'Denise Washington')!;
    expect(food.channels.find((c) => c.kind === 'office_hours')).toMatchObject({ value: 'Saturdays 10:00–12:00', place: 'Harlem Library, 9 West 124th Street', shown: true });
    expect(entries.find((e) => e.name === 'Lucía Fernández')!.bio).toMatch(/habla español/);
  });

  it('are valid profiles with topics from the default themes', () => {
    for (const e of entries) {
      expect(championFields.safeParse({ ...e, published: true, consent: 'demo' }).success, e.name).toBe(true);
      for (const t of e.topics) expect(DEFAULT_THEMES).toContain(t);
    }
  });

  it('look after the demo projects, named by title: the pantry line by its agency and its food-access liaison, the grades app by Public Health', () => {
    const titles = projects.map((p) => p.title);
    for (const e of entries) for (const p of e.projects ?? []) expect(titles).toContain(p);
    const of = (title: string) => entries.filter((e) => e.projects?.includes(title)).map((e) => e.name);
    expect(of('Pantry Line Live')).toEqual(['Marcus Bell', 'Denise Washington']);
    expect(of('Restaurant Grades app')).toEqual(['Priya Natarajan']);
    expect(entries.find((e) => e.name === 'Priya Natarajan')!.organization).toBe('Public Health');
  });
});
