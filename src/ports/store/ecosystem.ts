import type { EcoActor, EcoRelation } from '../../domain/program/ecosystem.ts';

/** The ecosystem map: actors and the relationships between them. */
export interface EcosystemStore {
  createActor(a: EcoActor): Promise<void>;
  /** Changes everything but its id and when it was created. */
  updateActor(a: EcoActor): Promise<void>;
  /** Removes it with every relationship it takes part in. */
  deleteActor(id: string): Promise<void>;
  /** By slug or id. */
  getActor(slugOrId: string): Promise<EcoActor | undefined>;
  /** Every actor, by slug. */
  listActors(): Promise<EcoActor[]>;
  createRelation(r: EcoRelation): Promise<void>;
  updateRelation(r: EcoRelation): Promise<void>;
  deleteRelation(id: string): Promise<void>;
  getRelation(id: string): Promise<EcoRelation | undefined>;
  /** Every relationship, oldest first; with `actorId`, those it takes part in either way. */
  listRelations(actorId?: string): Promise<EcoRelation[]>;
}
