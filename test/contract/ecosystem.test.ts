import { expect, it } from 'vitest';
import type { EcoActor, EcoRelation } from '../../src/domain/program/ecosystem.ts';
import { at, organization, uid } from './factories.ts';
import { describeStores } from './harness.ts';

const actor = (a: Partial<EcoActor> = {}): EcoActor => {
  const id = a.id ?? uid('actor');
  return { id, slug: id, name: `Actor ${id}`, kind: 'community_organization', topics: ['food', 'housing'], note: 'Runs pantries.', website: 'https://example.org', organizationId: null, createdAt: at(), updatedAt: at(), ...a };
};
const relation = (from: string, to: string, r: Partial<EcoRelation> = {}): EcoRelation => ({ id: uid('rel'), fromId: from, toId: to, kind: 'funds', topics: ['food'], note: 'Since 2024.', createdAt: at(1), ...r });

describeStores('ecosystem', (store) => {
  it('keeps actors as given, found by slug or id, listed by slug', async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    const b = actor({ slug: 'b-actor', organizationId: org.id });
    const a = actor({ slug: 'a-actor', topics: [] });
    await store().ecosystem.createActor(b);
    await store().ecosystem.createActor(a);
    expect(await store().ecosystem.getActor('b-actor')).toEqual(b);
    expect(await store().ecosystem.getActor(b.id)).toEqual(b);
    expect(await store().ecosystem.getActor('nope')).toBeUndefined();
    expect((await store().ecosystem.listActors()).map((x) => x.slug)).toEqual(['a-actor', 'b-actor']);
    const changed = { ...b, slug: 'b-renamed', name: 'Renamed', kind: 'funder' as const, topics: ['grants'], note: '', website: '', organizationId: null, updatedAt: at(5) };
    await store().ecosystem.updateActor(changed);
    expect(await store().ecosystem.getActor(b.id)).toEqual(changed);
  });

  it('refuses a slug taken', async () => {
    await store().ecosystem.createActor(actor({ slug: 'same' }));
    await expect(store().ecosystem.createActor(actor({ slug: 'same' }))).rejects.toThrow();
  });

  it('keeps relationships both ways, once per kind between the same actors, and drops them with an actor', async () => {
    const [a, b, c] = [actor(), actor(), actor()];
    for (const x of [a, b, c]) await store().ecosystem.createActor(x);
    const ab = relation(a.id, b.id);
    const ca = relation(c.id, a.id, { kind: 'trains', topics: [] });
    const bc = relation(b.id, c.id, { kind: 'partners_with' });
    for (const r of [ab, ca, bc]) await store().ecosystem.createRelation(r);
    expect(await store().ecosystem.getRelation(ab.id)).toEqual(ab);
    expect((await store().ecosystem.listRelations(a.id)).map((r) => r.id)).toEqual([ab.id, ca.id]);
    expect(await store().ecosystem.listRelations()).toHaveLength(3);
    await expect(store().ecosystem.createRelation(relation(a.id, b.id))).rejects.toThrow();
    await store().ecosystem.createRelation(relation(a.id, b.id, { kind: 'partners_with' }));
    const changed = { ...ab, kind: 'trains' as const, note: 'Changed.', topics: [] };
    await store().ecosystem.updateRelation(changed);
    expect(await store().ecosystem.getRelation(ab.id)).toEqual(changed);
    await store().ecosystem.deleteRelation(bc.id);
    expect(await store().ecosystem.getRelation(bc.id)).toBeUndefined();
    await store().ecosystem.deleteActor(a.id);
    expect(await store().ecosystem.getActor(a.id)).toBeUndefined();
    expect(await store().ecosystem.listRelations()).toEqual([]);
  });

  it('keeps nothing of a transaction that fails', async () => {
    const a = actor();
    await expect(
      store().transaction(async (tx) => {
        await tx.ecosystem.createActor(a);
        await tx.ecosystem.createRelation(relation(a.id, 'no-such-actor'));
      }),
    ).rejects.toThrow();
    expect(await store().ecosystem.getActor(a.id)).toBeUndefined();
  });
});
