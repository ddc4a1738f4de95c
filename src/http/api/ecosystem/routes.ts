import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createActor, deleteActor, updateActor } from '../../../actions/program/ecosystem/edit-actors.ts';
import { createRelation, deleteRelation, updateRelation } from '../../../actions/program/ecosystem/edit-relations.ts';
import { exportEcosystem, importEcosystem } from '../../../actions/program/ecosystem/import-export.ts';
import { getActor, getEcosystem, listActors } from '../../../actions/program/ecosystem/read-ecosystem.ts';
import { requireUser } from '../../../actions/auth/authorize.ts';
import { actorFields, relationFields } from '../../../domain/program/ecosystem.ts';
import { actorsCsv, relationsCsv } from '../../../domain/program/ecosystem-files.ts';
import { ACTOR_KINDS } from '../../../domain/program/ecosystem-kinds.ts';
import { measureGraph } from '../../../domain/program/ecosystem-measures.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { listParam } from '../datasets/params.ts';
import { actorDetailSchema, actorSchema, actorUrl, presentActor, presentActorDetail, presentRelation, relationSchema } from './present.ts';
import { readImport } from './read-import.ts';

const slugParams = z.object({ slug: z.string().min(1).max(200) });
const idParams = z.object({ id: z.string().min(1).max(200) });
const noActor = { description: 'No such actor.' };
const noRelation = { description: 'No such relationship.' };
const staffOnly = 'Program staff only (editors, moderators and administrators with a confirmed email address).';
const graphQuery = z.object({
  kind: listParam.pipe(z.array(z.enum(ACTOR_KINDS, { message: `is not a kind; use ${ACTOR_KINDS.join(', ')}` })).optional()),
  topic: z.string().trim().max(50).optional().describe('Only actors with this topic'),
});

/** The ecosystem map: actors, relationships, their measures, import and export. */
export function ecosystemRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const tag = 'Ecosystem';
  const slugMap = async () => new Map((await listActors(deps)).map((a) => [a.id, a.slug]));

  route(app, registry, {
    method: 'GET', path: '/api/v1/ecosystem', operationId: 'getEcosystem', tag, access: 'public',
    summary: 'The ecosystem map, filtered, with its measures',
    description: 'The actors of the kinds and topic given and the relationships among them; the most connected actors, the isolated ones and the clusters.',
    query: graphQuery,
    responses: { 200: { description: 'The map.' } },
  }, async ({ query }) => {
    const v = await getEcosystem(deps, { ...(query.kind ? { kinds: query.kind } : {}), ...(query.topic ? { topic: query.topic } : {}) });
    const slug = new Map(v.graph.actors.map((a) => [a.id, a.slug]));
    const m = measureGraph(v.graph);
    return {
      actors: v.graph.actors.map(presentActor),
      relationships: v.graph.relations.map((r) => presentRelation(r, (id) => slug.get(id) ?? id)),
      topics: v.topics,
      measures: { most_connected: m.mostConnected.map((d) => ({ slug: d.actor.slug, degree: d.degree })), isolated: m.isolated.map((a) => a.slug), clusters: m.clusters.map((c) => c.map((a) => a.slug)) },
    };
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/ecosystem/actors', operationId: 'listEcosystemActors', tag, access: 'public',
    summary: 'Every actor on the map, by slug',
    responses: { 200: { description: 'The actors.', schema: z.object({ results: z.array(actorSchema) }) } },
  }, async () => ({ results: (await listActors(deps)).map(presentActor) }));

  route(app, registry, {
    method: 'POST', path: '/api/v1/ecosystem/actors', operationId: 'createEcosystemActor', tag, access: 'signed-in',
    summary: 'Add an actor', description: `${staffOnly} The slug comes from the name unless given; \`organization\` is a Plaza organization's slug.`,
    body: actorFields, bodyCheckedBy: 'action',
    responses: { 201: { description: 'The actor.', schema: actorSchema }, 400: { description: 'validation_failed, with the fields.' }, 409: { description: 'The slug is taken.' } },
  }, async ({ req, reply }) => {
    const a = await createActor(deps, await actorOf(deps, req), req.body);
    reply.status(201).header('Location', actorUrl(a.slug));
    return presentActor(a);
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/ecosystem/actors/{slug}', operationId: 'getEcosystemActor', tag, access: 'public',
    summary: 'One actor with its relationships both ways and its Plaza organization',
    params: slugParams,
    responses: { 200: { description: 'The actor.', schema: actorDetailSchema }, 404: noActor },
  }, async ({ req, params }) => presentActorDetail(await getActor(deps, await actorOf(deps, req), params.slug)));

  route(app, registry, {
    method: 'PUT', path: '/api/v1/ecosystem/actors/{slug}', operationId: 'updateEcosystemActor', tag, access: 'signed-in',
    summary: 'Change an actor', description: `${staffOnly} Every field is set as given.`,
    params: slugParams, body: actorFields, bodyCheckedBy: 'action',
    responses: { 200: { description: 'The actor.', schema: actorSchema }, 400: { description: 'validation_failed' }, 404: noActor, 409: { description: 'The new slug is taken.' } },
  }, async ({ req, params }) => presentActor(await updateActor(deps, await actorOf(deps, req), params.slug, req.body)));

  route(app, registry, {
    method: 'DELETE', path: '/api/v1/ecosystem/actors/{slug}', operationId: 'deleteEcosystemActor', tag, access: 'signed-in',
    summary: 'Remove an actor and its relationships', description: staffOnly,
    params: slugParams,
    responses: { 204: { description: 'Removed.' }, 404: noActor },
  }, async ({ req, reply, params }) => {
    await deleteActor(deps, await actorOf(deps, req), params.slug);
    return reply.status(204).send();
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/ecosystem/relationships', operationId: 'listEcosystemRelationships', tag, access: 'public',
    summary: 'Every relationship on the map, oldest first',
    responses: { 200: { description: 'The relationships.', schema: z.object({ results: z.array(relationSchema) }) } },
  }, async () => {
    const slugs = await slugMap();
    return { results: (await getEcosystem(deps)).graph.relations.map((r) => presentRelation(r, (id) => slugs.get(id) ?? id)) };
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/ecosystem/relationships', operationId: 'createEcosystemRelationship', tag, access: 'signed-in',
    summary: 'Add a relationship "from → to"', description: `${staffOnly} \`from\` and \`to\` are actors' slugs; an actor cannot relate to itself, and the same kind between the same actors is kept once.`,
    body: relationFields, bodyCheckedBy: 'action',
    responses: { 201: { description: 'The relationship.', schema: relationSchema }, 400: { description: 'validation_failed' }, 409: { description: 'The relationship is there already.' } },
  }, async ({ req, reply }) => {
    const r = await createRelation(deps, await actorOf(deps, req), req.body);
    const slugs = await slugMap();
    reply.status(201);
    return presentRelation(r, (id) => slugs.get(id) ?? id);
  });

  route(app, registry, {
    method: 'PUT', path: '/api/v1/ecosystem/relationships/{id}', operationId: 'updateEcosystemRelationship', tag, access: 'signed-in',
    summary: 'Change a relationship', description: staffOnly,
    params: idParams, body: relationFields, bodyCheckedBy: 'action',
    responses: { 200: { description: 'The relationship.', schema: relationSchema }, 400: { description: 'validation_failed' }, 404: noRelation, 409: { description: 'The same relationship is there already.' } },
  }, async ({ req, params }) => {
    const r = await updateRelation(deps, await actorOf(deps, req), params.id, req.body);
    const slugs = await slugMap();
    return presentRelation(r, (id) => slugs.get(id) ?? id);
  });

  route(app, registry, {
    method: 'DELETE', path: '/api/v1/ecosystem/relationships/{id}', operationId: 'deleteEcosystemRelationship', tag, access: 'signed-in',
    summary: 'Remove a relationship', description: staffOnly,
    params: idParams,
    responses: { 204: { description: 'Removed.' }, 404: noRelation },
  }, async ({ req, reply, params }) => {
    await deleteRelation(deps, await actorOf(deps, req), params.id);
    return reply.status(204).send();
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/ecosystem/export', operationId: 'exportEcosystem', tag, access: 'public',
    summary: 'The whole map as one JSON document',
    description: '`{ "actors": [...], "relationships": [...] }`, actors by slug, as the import takes it. The CSV files are at `/api/v1/ecosystem/export/actors.csv` and `/api/v1/ecosystem/export/relationships.csv`.',
    responses: { 200: { description: 'The document.' } },
  }, async () => exportEcosystem(deps));

  route(app, registry, {
    method: 'GET', path: '/api/v1/ecosystem/export/actors.csv', operationId: 'exportEcosystemActors', tag, access: 'public',
    summary: 'The actors as CSV: slug,name,kind,topics,note,website,organization',
    responses: { 200: { description: 'CSV; topics separated by ";".', contentType: 'text/csv' } },
  }, async ({ reply }) => reply.header('Content-Type', 'text/csv; charset=utf-8').send(actorsCsv(await exportEcosystem(deps))));

  route(app, registry, {
    method: 'GET', path: '/api/v1/ecosystem/export/relationships.csv', operationId: 'exportEcosystemRelationships', tag, access: 'public',
    summary: 'The relationships as CSV: from,to,kind,topics,note',
    responses: { 200: { description: 'CSV; from and to are actors\' slugs.', contentType: 'text/csv' } },
  }, async ({ reply }) => reply.header('Content-Type', 'text/csv; charset=utf-8').send(relationsCsv(await exportEcosystem(deps))));

  route(app, registry, {
    method: 'POST', path: '/api/v1/ecosystem/import', operationId: 'importEcosystem', tag, access: 'signed-in',
    summary: 'Import actors and relationships',
    description: `${staffOnly} A JSON body that is the export's document, or \`{ "actors_csv": "…", "relationships_csv": "…" }\`, or multipart/form-data with the files. Every row is checked first: a single problem imports nothing and \`details.problems\` names each file, row and column. Otherwise actors merge by slug and relationships not there yet are added.`,
    multipart: { description: 'The files.', fields: { actors: 'The actors CSV file', relationships: 'The relationships CSV file', json: 'Or one JSON document' } },
    responses: { 200: { description: 'How many actors were added and updated, and relationships added.' }, 400: { description: 'validation_failed: nothing was imported; `details.problems` lists file, row, column and reason.' } },
  }, async ({ req }) => {
    const p = await actorOf(deps, req);
    requireUser(p, 'Importing to the ecosystem map');
    const { files } = await readImport(req);
    const c = await importEcosystem(deps, p, files);
    return { actors_created: c.actorsCreated, actors_updated: c.actorsUpdated, relationships_added: c.relationsAdded, relationships_kept: c.relationsKept };
  });
}
