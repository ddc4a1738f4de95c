/**
 * The kinds of actors and relationships on the ecosystem map, after the Civic
 * Tech and Data Collaborative's mapping method. Stored by these ids; pages
 * name them in the reader's language.
 */
export const ACTOR_KINDS = ['agency', 'community_organization', 'tech_partner', 'university', 'funder', 'media', 'individual'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** A relationship reads from its first actor to its second: "A funds B". */
export const RELATION_KINDS = ['partners_with', 'funds', 'publishes', 'uses_data_from', 'member_of', 'trains'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const isActorKind = (v: string): v is ActorKind => (ACTOR_KINDS as readonly string[]).includes(v);
export const isRelationKind = (v: string): v is RelationKind => (RELATION_KINDS as readonly string[]).includes(v);
