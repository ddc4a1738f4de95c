import type { Generated, Selectable } from 'kysely';
import type { EcoActor, EcoRelation } from '../../domain/program/ecosystem.ts';
import type { ActorKind, RelationKind } from '../../domain/program/ecosystem-kinds.ts';
import type { EcosystemStore } from '../../ports/store/ecosystem.ts';
import type { AreaScope, Effects } from './area.ts';
import type { Db } from './dialect.ts';

/** The ecosystem map's tables (migration 0117). */
type EcosystemTables = {
  eco_actors: {
    seq: Generated<number>;
    id: string;
    slug: string;
    name: string;
    kind: string;
    topics: string;
    note: string;
    website: string;
    organization_id: string | null;
    created_at: string;
    updated_at: string;
  };
  eco_relations: {
    seq: Generated<number>;
    id: string;
    from_actor: string;
    to_actor: string;
    kind: string;
    topics: string;
    note: string;
    created_at: string;
  };
};

const tables = (db: Db) => db.withTables<EcosystemTables>();

/** A JSON column as the driver gives it back: text on SQLite, already parsed on PostgreSQL. */
const list = (v: unknown): string[] => {
  const x: unknown = typeof v === 'string' ? JSON.parse(v) : v;
  return Array.isArray(x) ? x.map(String) : [];
};

const toActor = (r: Selectable<EcosystemTables['eco_actors']>): EcoActor => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  kind: r.kind as ActorKind,
  topics: list(r.topics),
  note: r.note,
  website: r.website,
  organizationId: r.organization_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRelation = (r: Selectable<EcosystemTables['eco_relations']>): EcoRelation => ({
  id: r.id,
  fromId: r.from_actor,
  toId: r.to_actor,
  kind: r.kind as RelationKind,
  topics: list(r.topics),
  note: r.note,
  createdAt: r.created_at,
});

/** The ecosystem map on SQL. */
export class SqlEcosystem implements EcosystemStore {
  static readonly effects: Effects<EcosystemStore> = {
    createActor: 'changes pages',
    updateActor: 'changes pages',
    deleteActor: 'changes pages',
    getActor: 'reads',
    listActors: 'reads',
    createRelation: 'changes pages',
    updateRelation: 'changes pages',
    deleteRelation: 'changes pages',
    getRelation: 'reads',
    listRelations: 'reads',
  };

  constructor(private readonly scope: AreaScope) {}

  private get db(): Db {
    return this.scope.db;
  }

  async createActor(a: EcoActor): Promise<void> {
    await tables(this.db)
      .insertInto('eco_actors')
      .values({ id: a.id, slug: a.slug, name: a.name, kind: a.kind, topics: JSON.stringify(a.topics), note: a.note, website: a.website, organization_id: a.organizationId, created_at: a.createdAt, updated_at: a.updatedAt })
      .execute();
  }

  async updateActor(a: EcoActor): Promise<void> {
    await tables(this.db)
      .updateTable('eco_actors')
      .set({ slug: a.slug, name: a.name, kind: a.kind, topics: JSON.stringify(a.topics), note: a.note, website: a.website, organization_id: a.organizationId, updated_at: a.updatedAt })
      .where('id', '=', a.id)
      .execute();
  }

  async deleteActor(id: string): Promise<void> {
    await this.scope.atomically(async (db) => {
      // Said here as well as by the foreign keys, which SQLite only keeps when asked to.
      await tables(db).deleteFrom('eco_relations').where((eb) => eb.or([eb('from_actor', '=', id), eb('to_actor', '=', id)])).execute();
      await tables(db).deleteFrom('eco_actors').where('id', '=', id).execute();
    });
  }

  async getActor(slugOrId: string): Promise<EcoActor | undefined> {
    const r = await tables(this.db)
      .selectFrom('eco_actors')
      .selectAll()
      .where((eb) => eb.or([eb('slug', '=', slugOrId), eb('id', '=', slugOrId)]))
      .orderBy('seq')
      .executeTakeFirst();
    return r && toActor(r);
  }

  async listActors(): Promise<EcoActor[]> {
    return (await tables(this.db).selectFrom('eco_actors').selectAll().orderBy('slug').execute()).map(toActor);
  }

  async createRelation(r: EcoRelation): Promise<void> {
    await tables(this.db)
      .insertInto('eco_relations')
      .values({ id: r.id, from_actor: r.fromId, to_actor: r.toId, kind: r.kind, topics: JSON.stringify(r.topics), note: r.note, created_at: r.createdAt })
      .execute();
  }

  async updateRelation(r: EcoRelation): Promise<void> {
    await tables(this.db)
      .updateTable('eco_relations')
      .set({ from_actor: r.fromId, to_actor: r.toId, kind: r.kind, topics: JSON.stringify(r.topics), note: r.note })
      .where('id', '=', r.id)
      .execute();
  }

  async deleteRelation(id: string): Promise<void> {
    await tables(this.db).deleteFrom('eco_relations').where('id', '=', id).execute();
  }

  async getRelation(id: string): Promise<EcoRelation | undefined> {
    const r = await tables(this.db).selectFrom('eco_relations').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toRelation(r);
  }

  async listRelations(actorId?: string): Promise<EcoRelation[]> {
    let q = tables(this.db).selectFrom('eco_relations').selectAll();
    if (actorId) q = q.where((eb) => eb.or([eb('from_actor', '=', actorId), eb('to_actor', '=', actorId)]));
    return (await q.orderBy('seq').execute()).map(toRelation);
  }
}
