import { AppError } from '../../../domain/errors.ts';
import type { EcoActor, EcoRelation } from '../../../domain/program/ecosystem.ts';
import { crossCheck, graphDocument, parseActorsCsv, parseGraphJson, parseRelationsCsv, type ActorRow, type GraphDocument, type ImportProblem, type RelationRow } from '../../../domain/program/ecosystem-files.ts';
import { recordActivity } from '../../activity/record.ts';
import type { Deps, Principal } from '../../deps.ts';
import { NO_ORGANIZATION_RULE, requireStaff } from './access.ts';

/** One uploaded file: its name (shown in messages) and its text. */
export interface ImportFile {
  name: string;
  text: string;
}

/** The two CSV files (either may be left out), or the one JSON document. */
export interface ImportFiles {
  actors?: ImportFile | undefined;
  relations?: ImportFile | undefined;
  json?: ImportFile | undefined;
}

export interface ImportCounts {
  actorsCreated: number;
  actorsUpdated: number;
  relationsAdded: number;
  /** Relationships in the files the map had already. */
  relationsKept: number;
}

/** What a refused import answers: every problem, the first one in the message. */
function refused(problems: ImportProblem[]): AppError {
  const first = problems[0]!;
  const where = `${first.file}, row ${first.row}${first.column ? `, column ${first.column}` : ''}`;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
  return new AppError('validation_failed', `Nothing was imported: ${where}: ${first.reason}${more}`, { problems: problems.slice(0, 200) });
}

/** The rows of the files given, with every problem found in them. */
function read(files: ImportFiles, problems: ImportProblem[]): { actors: ActorRow[]; relations: RelationRow[]; names: { actors: string; relations: string; prefix?: string } } {
  if (files.json) {
    const g = parseGraphJson(files.json.name, files.json.text, problems);
    return { ...g, names: { actors: files.json.name, relations: files.json.name, prefix: 'actors.' } };
  }
  const actors = files.actors ? parseActorsCsv(files.actors.name, files.actors.text, problems) : [];
  const relations = files.relations ? parseRelationsCsv(files.relations.name, files.relations.text, problems) : [];
  return { actors, relations, names: { actors: files.actors?.name ?? 'actors.csv', relations: files.relations?.name ?? 'relationships.csv' } };
}

/**
 * Imports actors and relationships (program staff). Every row of every file
 * is checked first; any problem refuses the whole import, naming the file,
 * row and column, and nothing is kept. A good import merges by slug: new
 * actors are added, those on the map already are updated, and relationships
 * not there yet are added, in one transaction.
 */
export async function importEcosystem(deps: Deps, p: Principal, files: ImportFiles): Promise<ImportCounts> {
  requireStaff(p, 'Importing to the ecosystem map');
  if (!files.json && !files.actors && !files.relations) throw new AppError('validation_failed', 'Choose the files to import: the actors and relationships CSV files, or one JSON document.', { fields: [{ field: 'files', message: 'Choose the files to import: the actors and relationships CSV files, or one JSON document.' }] });
  const problems: ImportProblem[] = [];
  const g = read(files, problems);
  const onMap = await deps.catalog.ecosystem.listActors();
  problems.push(...crossCheck(g, g.names, new Set(onMap.map((a) => a.slug))));
  const orgIds = new Map<string, string>();
  for (const a of g.actors) {
    if (!a.organization || orgIds.has(a.organization)) continue;
    const org = await deps.catalog.datasets.getOrganization(a.organization);
    if (org) orgIds.set(a.organization, org.id);
    else problems.push({ file: g.names.actors, row: a.row, column: `${g.names.prefix ?? ''}organization`, reason: NO_ORGANIZATION_RULE });
  }
  if (problems.length) throw refused(problems.sort((a, b) => (a.file === b.file ? a.row - b.row : 0)));
  const now = deps.clock.now().toISOString();
  const counts: ImportCounts = { actorsCreated: 0, actorsUpdated: 0, relationsAdded: 0, relationsKept: 0 };
  await deps.catalog.transaction(async (tx) => {
    const bySlug = new Map(onMap.map((a) => [a.slug, a]));
    for (const row of g.actors) {
      const had = bySlug.get(row.slug);
      const fields = { slug: row.slug, name: row.name, kind: row.kind, topics: row.topics, note: row.note, website: row.website, organizationId: row.organization ? orgIds.get(row.organization)! : null, updatedAt: now };
      if (had) {
        const actor: EcoActor = { ...had, ...fields };
        await tx.ecosystem.updateActor(actor);
        bySlug.set(row.slug, actor);
        counts.actorsUpdated++;
      } else {
        const actor: EcoActor = { id: deps.newId(), createdAt: now, ...fields };
        await tx.ecosystem.createActor(actor);
        bySlug.set(row.slug, actor);
        counts.actorsCreated++;
      }
    }
    const existing = new Set((await tx.ecosystem.listRelations()).map((r) => `${r.fromId}\n${r.toId}\n${r.kind}`));
    for (const row of g.relations) {
      const from = bySlug.get(row.from)!;
      const to = bySlug.get(row.to)!;
      const key = `${from.id}\n${to.id}\n${row.kind}`;
      if (existing.has(key)) {
        counts.relationsKept++;
        continue;
      }
      const rel: EcoRelation = { id: deps.newId(), fromId: from.id, toId: to.id, kind: row.kind, topics: row.topics, note: row.note, createdAt: now };
      await tx.ecosystem.createRelation(rel);
      existing.add(key);
      counts.relationsAdded++;
    }
    await recordActivity(deps, tx, p, { verb: 'ecosystem.imported', organizationId: null, summary: 'imported actors and relationships to the ecosystem map', details: { ...counts } });
  });
  return counts;
}

/** The whole map in its exchange form, by slug (actors' organizations by their slugs). Public. */
export async function exportEcosystem(deps: Deps): Promise<GraphDocument> {
  const [actors, relations, orgs] = await Promise.all([deps.catalog.ecosystem.listActors(), deps.catalog.ecosystem.listRelations(), deps.catalog.datasets.listOrganizations()]);
  const slugs = new Map(orgs.map((o) => [o.id, o.slug]));
  return graphDocument(actors, relations, (id) => slugs.get(id));
}
