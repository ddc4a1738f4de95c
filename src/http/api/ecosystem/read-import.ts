import type { FastifyRequest } from 'fastify';
import type { ImportFile, ImportFiles } from '../../../actions/program/ecosystem/import-export.ts';

/** The largest file an import reads. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

const FIELDS = { actors: 'actors', relationships: 'relations', json: 'json' } as const;

/**
 * The files of an import: a multipart form with the files `actors`,
 * `relationships` (CSV) or `json`; or a JSON body that is the map's
 * document itself, or `{ "actors_csv": "...", "relationships_csv": "..." }`.
 * Empty file fields count as not sent. Other form fields come back too.
 */
export async function readImport(req: FastifyRequest): Promise<{ files: ImportFiles; fields: Record<string, string> }> {
  const files: ImportFiles = {};
  const fields: Record<string, string> = {};
  if (!req.isMultipart()) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (Array.isArray(body.actors)) files.json = { name: 'ecosystem.json', text: JSON.stringify(body) };
    if (typeof body.actors_csv === 'string' && body.actors_csv) files.actors = { name: 'actors.csv', text: body.actors_csv };
    if (typeof body.relationships_csv === 'string' && body.relationships_csv) files.relations = { name: 'relationships.csv', text: body.relationships_csv };
    return { files, fields };
  }
  const options = { limits: { fileSize: IMPORT_MAX_BYTES, files: 3, fields: 10 } };
  for await (const part of req.parts(options)) {
    if (part.type !== 'file') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of part.file as AsyncIterable<Buffer>) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    const key = FIELDS[part.fieldname as keyof typeof FIELDS];
    if (key && text.trim()) files[key] = { name: part.filename || `${part.fieldname}`, text } satisfies ImportFile;
  }
  return { files, fields };
}
