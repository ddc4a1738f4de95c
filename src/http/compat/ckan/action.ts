import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps, Principal } from '../../../actions/deps.ts';

/** What a CKAN action receives: the caller, its parameters (query and body merged), and the site's address for links. */
export interface CkanCall {
  deps: Deps;
  principal: Principal;
  params: Record<string, unknown>;
  baseUrl: string;
  req: FastifyRequest;
  /** For the rare action that answers in another format itself (records as CSV). */
  reply: FastifyReply;
}

/** One CKAN action: its result goes in the envelope's `result`; a `CkanError` (or a Plaza error) becomes CKAN's error shape. */
export type CkanAction = (call: CkanCall) => Promise<unknown>;
