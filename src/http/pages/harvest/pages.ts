import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from '../html.ts';
import type { ListNotice } from './list.tsx';
import type { FormState } from './source-form.tsx';

/** How the harvest pages show themselves again, for the forms that post to them. */
export interface HarvestPages {
  send(reply: FastifyReply, body: SafeHtml, status?: number): FastifyReply;
  /** Answers a refusal as a page: sign in, not for you (403), no such source or run (404); anything else is thrown. */
  refused(e: unknown, req: FastifyRequest, reply: FastifyReply): Promise<unknown>;
  showList(req: FastifyRequest, reply: FastifyReply, form?: Omit<FormState, 'csrf'>, notice?: ListNotice, status?: number): Promise<unknown>;
  showEdit(req: FastifyRequest, reply: FastifyReply, id: string, form?: Omit<FormState, 'csrf'>, status?: number): Promise<unknown>;
}
