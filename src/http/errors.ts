import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { invalidInput } from '../domain/catalog/schemas.ts';
import { AppError, type ErrorCode } from '../domain/errors.ts';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

export const errorBody = (code: ErrorCode, message: string, details: Record<string, unknown> = {}): ErrorBody => ({ error: { code, message, details } });

/** The one error handler: every failure leaves as `{ "error": { "code", "message", "details" } }`. */
export function handleError(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof AppError) {
    if (err.status >= 500) req.log.error({ err }, err.message);
    void reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    return;
  }
  if (err instanceof z.ZodError) {
    const e = invalidInput('The request is', err);
    void reply.status(400).send(errorBody(e.code, e.message, e.details));
    return;
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413) {
    void reply.status(413).send(errorBody('payload_too_large', 'The file is larger than the upload limit (setting PLAZA_MAX_UPLOAD_MB).'));
    return;
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    void reply.status(fe.statusCode).send(errorBody(fe.statusCode === 404 ? 'not_found' : 'bad_request', fe.message));
    return;
  }
  req.log.error({ err }, 'unexpected error');
  void reply.status(500).send(errorBody('internal', 'Something went wrong on our side. The error was logged; please try again.'));
}
