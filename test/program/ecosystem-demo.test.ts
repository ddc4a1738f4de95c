import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DIR } from '../../src/cli/demo.ts';
import { crossCheck, parseGraphJson, type ImportProblem } from '../../src/domain/program/ecosystem-files.ts';

const text = readFileSync(join(DEMO_DIR, 'ecosystem.json'), 'utf8');

describe('the demo ecosystem map', () => {
  it('is a valid import of 27 actors and 44 relationships with the names other demo data uses', () => {
    const problems: ImportProblem[] = [];
    const g = parseGraphJson('ecosystem.json', text, problems);
    expect(problems).toEqual([]);
    expect(crossCheck(g, { actors: 'ecosystem.json', relations: 'ecosystem.json', prefix: 'actors.' }, new Set())).toEqual([]);
    expect([g.actors.length, g.relations.length]).toEqual([27, 44]);
    const kindOf = new Map(g.actors.map((a) => [a.name, a]));
    for (const name of ['Human Resources Administration', 'Homeless Services', 'Public Health', 'Transportation', 'Police Department']) {
      expect(kindOf.get(name)).toMatchObject({ kind: 'agency', organization: name.toLowerCase().replace(/ /g, '-') });
    }
    const expected: Array<[string, string]> = [
      ['Harlem Food Justice Coalition', 'community_organization'],
      ['Bronx Community Pantry Network', 'community_organization'],
      ['Small Business Neighbors Association', 'community_organization'],
      ['Civic Code Collective', 'tech_partner'],
      ['OpenBlock Labs', 'tech_partner'],
      ['City University Data Lab', 'university'],
      ['Neighborhood Futures Fund', 'funder'],
      ['Uptown Tribune', 'media'],
    ];
    for (const [name, kind] of expected) expect(kindOf.get(name)?.kind).toBe(kind);
    expect(kindOf.get('Harlem Food Justice Coalition')?.topics).toContain('food');
    expect(kindOf.get('Bronx Community Pantry Network')?.topics).toContain('food');
    expect(g.actors.filter((a) => a.topics.includes('food')).length).toBeGreaterThanOrEqual(5);
  });
});
