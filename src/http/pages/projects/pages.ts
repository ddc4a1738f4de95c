import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from '../html.ts';
import type { ProjectPageState } from './project.tsx';
import type { TemplatesState } from './templates.tsx';

/** What the project pages need to show a page again. */
export interface ProjectPages {
  send(reply: FastifyReply, body: SafeHtml, status?: number): FastifyReply;
  showProject(req: FastifyRequest, reply: FastifyReply, id: string, more?: Partial<ProjectPageState>, status?: number): Promise<unknown>;
  showNew(req: FastifyRequest, reply: FastifyReply, values?: Record<string, string | string[]>, errors?: Record<string, string>, status?: number): Promise<unknown>;
  showChecklist(req: FastifyRequest, reply: FastifyReply, id: string, values?: Record<string, string>, errors?: Record<string, string>, status?: number): Promise<unknown>;
  showTemplates(req: FastifyRequest, reply: FastifyReply, more?: Partial<TemplatesState>, status?: number): Promise<unknown>;
}

