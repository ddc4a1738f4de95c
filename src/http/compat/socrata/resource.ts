import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveVersion } from '../../../actions/records/resolve-version.ts';
import { queryParsedRecords } from '../../../actions/records/query-records.ts';
import { SodaError } from '../../../domain/compat/soql/errors.ts';
import { parseSoql, SODA_DEFAULT_LIMIT, SODA_MAX_LIMIT } from '../../../domain/compat/soql/parse.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { toSodaError } from './errors.ts';
import { CONTENT_TYPES, render, sodaHeaders, type SodaFormat } from './output.ts';

const FORMATS: readonly SodaFormat[] = ['json', 'csv', 'geojson'];

/** `abcd-efgh.csv` → the dataset id and the format (`json` without a suffix). */
export function splitFile(file: string): { id: string; format: SodaFormat } {
  const dot = file.lastIndexOf('.');
  if (dot < 0) return { id: file, format: 'json' };
  const ext = file.slice(dot + 1).toLowerCase();
  if (!(FORMATS as readonly string[]).includes(ext)) {
    throw new SodaError(400, 'query.soql.invalid-parameter', `Unsupported format .${ext}: use .json, .csv or .geojson.`, { format: ext });
  }
  return { id: file.slice(0, dot), format: ext as SodaFormat };
}

/** Query parameters as single strings (a repeated parameter keeps its last value). */
function paramsOf(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    const last: unknown = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof last === 'string') out[k] = last;
  }
  return out;
}

/** The HTTP date of an ISO timestamp. */
const httpDate = (iso: string): string => new Date(iso).toUTCString();

/**
 * `GET /resource/{id}.json|.csv|.geojson`: a SoQL query on a dataset's live
 * version, run by the records query engine, in SODA's formats and headers.
 */
export async function resourceHandler(ctx: HttpContext, req: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply): Promise<FastifyReply> {
  const params = paramsOf(req);
  void reply.header('Access-Control-Allow-Origin', '*');
  void reply.header('Access-Control-Expose-Headers', 'X-SODA2-Fields, X-SODA2-Types, X-SODA2-Data-Out-Of-Date, Last-Modified');
  try {
    const { id, format } = splitFile(req.params.file);
    const principal = await actorOf(ctx.deps, req);
    const { dataset, version } = await resolveVersion(ctx.deps, principal, id);
    const parsed = parseSoql(params, version.columns);
    const page = await queryParsedRecords(ctx.deps, principal, dataset.id, parsed, {
      use: 'api',
      count: false,
      compile: { defaultLimit: SODA_DEFAULT_LIMIT, maxLimit: SODA_MAX_LIMIT },
    });
    const modified = dataset.dataUpdatedAt ?? dataset.updatedAt;
    return reply
      .headers({
        ...sodaHeaders(page.fields, version.columns, page.results),
        'X-SODA2-Data-Out-Of-Date': 'false',
        'X-SODA2-Truth-Last-Modified': httpDate(modified),
        'Last-Modified': httpDate(modified),
      })
      .type(CONTENT_TYPES[format])
      .send(render(format, page.fields, page.results));
  } catch (e) {
    const err = toSodaError(e, params.$query !== undefined);
    if (err.status >= 500 && err.code === 'internal_error') req.log.error({ err: e }, 'SODA request failed');
    return reply.code(err.status).type('application/json; charset=utf-8').send(err.body);
  }
}
