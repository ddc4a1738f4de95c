import { describe, expect, it } from 'vitest';
import type { EcoActor, EcoRelation } from '../../src/domain/program/ecosystem.ts';
import { actorsCsv, crossCheck, graphDocument, parseActorsCsv, parseGraphJson, parseRelationsCsv, relationsCsv, type ImportProblem } from '../../src/domain/program/ecosystem-files.ts';
import type { ActorKind, RelationKind } from '../../src/domain/program/ecosystem-kinds.ts';
import { layoutGraph } from '../../src/domain/program/ecosystem-layout.ts';
import { components, filterGraph, measureGraph } from '../../src/domain/program/ecosystem-measures.ts';

const actor = (slug: string, kind: ActorKind = 'agency', topics: string[] = []): EcoActor => ({ id: `id-${slug}`, slug, name: `Actor ${slug}`, kind, topics, note: '', website: '', organizationId: null, createdAt: 'x', updatedAt: 'x' });
const rel = (from: string, to: string, kind: RelationKind = 'partners_with'): EcoRelation => ({ id: `r-${from}-${to}-${kind}`, fromId: `id-${from}`, toId: `id-${to}`, kind, topics: [], note: '', createdAt: 'x' });

const actors = [actor('a', 'agency', ['food']), actor('b', 'community_organization', ['food']), actor('c', 'community_organization'), actor('d', 'funder'), actor('e', 'media'), actor('f', 'individual')];
const relations = [rel('a', 'b'), rel('b', 'c'), rel('a', 'c', 'funds'), rel('d', 'e')];

describe('the layout', () => {
  it('gives the same positions for the same map, whatever order the actors and relationships come in', () => {
    const one = layoutGraph({ actors, relations });
    const two = layoutGraph({ actors: [...actors].reverse(), relations: [...relations].reverse() });
    expect([...two.positions.entries()].sort()).toEqual([...one.positions.entries()].sort());
    expect(layoutGraph({ actors, relations })).toEqual(one);
  });

  it('keeps every actor inside the drawing and apart from the others', () => {
    const l = layoutGraph({ actors, relations }, 640, 480, 30);
    const ps = [...l.positions.values()];
    expect(ps).toHaveLength(6);
    for (const p of ps) {
      expect(p.x).toBeGreaterThanOrEqual(29);
      expect(p.x).toBeLessThanOrEqual(611);
      expect(p.y).toBeGreaterThanOrEqual(29);
      expect(p.y).toBeLessThanOrEqual(451);
    }
    const keys = new Set(ps.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`));
    expect(keys.size).toBe(6);
  });

  it('draws a map of one actor, or none', () => {
    expect(layoutGraph({ actors: [actor('solo')], relations: [] }).positions.size).toBe(1);
    expect(layoutGraph({ actors: [], relations: [] }).positions.size).toBe(0);
  });
});

describe('the measures', () => {
  it('rank actors by relationships, list the isolated and the clusters with their sizes', () => {
    const m = measureGraph({ actors, relations });
    expect(m.mostConnected.map((d) => [d.actor.slug, d.degree])).toEqual([['a', 2], ['b', 2], ['c', 2], ['d', 1], ['e', 1]]);
    expect(m.isolated.map((a) => a.slug)).toEqual(['f']);
    expect(m.clusters.map((c) => c.map((a) => a.slug))).toEqual([['a', 'b', 'c'], ['d', 'e']]);
    expect(components({ actors, relations }).map((c) => c.length)).toEqual([3, 2, 1]);
  });

  it('filter by kind and topic, keeping only the relationships among the actors shown', () => {
    const g = filterGraph({ actors, relations }, { kinds: ['community_organization'], topic: 'Food' });
    expect(g.actors.map((a) => a.slug)).toEqual(['b']);
    expect(g.relations).toEqual([]);
    const orgs = filterGraph({ actors, relations }, { kinds: ['community_organization'] });
    expect(orgs.relations.map((r) => r.id)).toEqual(['r-b-c-partners_with']);
  });
});

describe('the exchange files', () => {
  it('name the file, the row and the column of every bad value', () => {
    const problems: ImportProblem[] = [];
    parseActorsCsv('actors.csv', 'slug,name,kind,topics\nok,Good one,agency,food;health\nbad,Bad one,wizard,\n,X,agency,\n', problems);
    expect(problems).toEqual([
      { file: 'actors.csv', row: 3, column: 'kind', reason: expect.stringContaining('Choose a kind of actor') },
      { file: 'actors.csv', row: 4, column: 'name', reason: 'Give the actor a name of at least 2 characters.' },
    ]);
  });

  it('refuse a missing column, broken quotes and broken JSON', () => {
    const p1: ImportProblem[] = [];
    parseRelationsCsv('rels.csv', 'from,kind\na,funds\n', p1);
    expect(p1).toEqual([{ file: 'rels.csv', row: 1, column: 'to', reason: 'The column is missing from the first row.' }]);
    const p2: ImportProblem[] = [];
    parseActorsCsv('actors.csv', 'slug,name,kind\na,"broken,agency\n', p2);
    expect(p2[0]).toMatchObject({ file: 'actors.csv', reason: 'The file is not valid CSV (check the quotes).' });
    const p3: ImportProblem[] = [];
    parseGraphJson('map.json', '{"actors": [', p3);
    expect(p3).toEqual([{ file: 'map.json', row: 1, column: '', reason: 'The file is not valid JSON.' }]);
    const p4: ImportProblem[] = [];
    parseGraphJson('map.json', JSON.stringify({ actors: [{ slug: 'a', name: 'A one', kind: 'agency' }], relationships: [{ from: 'a', to: 'a', kind: 'hugs' }] }), p4);
    expect(p4).toEqual([{ file: 'map.json', row: 1, column: 'relationships.kind', reason: expect.stringContaining('Choose a kind of relationship') }]);
  });

  it('find relationships to unknown actors, to themselves, twice, and slugs twice', () => {
    const problems: ImportProblem[] = [];
    const a = parseActorsCsv('actors.csv', 'slug,name,kind\na,A one,agency\na,A again,agency\n', problems);
    const r = parseRelationsCsv('rels.csv', 'from,to,kind\na,zz,funds\na,a,funds\na,known,funds\na,known,funds\n', problems);
    expect(problems).toEqual([]);
    expect(crossCheck({ actors: a, relations: r }, { actors: 'actors.csv', relations: 'rels.csv' }, new Set(['known']))).toEqual([
      { file: 'actors.csv', row: 3, column: 'slug', reason: 'Another row has the same slug.' },
      { file: 'rels.csv', row: 2, column: 'to', reason: 'There is no actor with this slug.' },
      { file: 'rels.csv', row: 3, column: 'to', reason: 'A relationship joins two different actors; choose another actor.' },
      { file: 'rels.csv', row: 5, column: 'kind', reason: 'Another row has the same relationship between the same actors.' },
    ]);
  });

  it('write CSV that reads back the same, with quotes, commas and topics', () => {
    const tricky = { ...actor('q'), name: 'Quote "and", comma', note: 'Line one\nline two', topics: ['food', 'civic tech'], website: 'https://example.org' };
    const doc = graphDocument([tricky, actor('b')], [{ ...rel('q', 'b', 'funds'), topics: ['food'], note: 'a, b' }], () => undefined);
    const problems: ImportProblem[] = [];
    const back = parseActorsCsv('actors.csv', actorsCsv(doc), problems);
    const rels = parseRelationsCsv('rels.csv', relationsCsv(doc), problems);
    expect(problems).toEqual([]);
    expect(back.map(({ row: _row, ...x }) => x)).toEqual(doc.actors);
    expect(rels.map(({ row: _row, ...x }) => x)).toEqual(doc.relationships);
  });
});
