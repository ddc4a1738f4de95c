import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { invalidInput } from '../domain/catalog/schemas.ts';
import { AppError, type ErrorCode } from '../domain/errors.ts';
import { maskUrlsIn } from '../domain/net/mask-url.ts';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

export const errorBody = (code: ErrorCode, message: string, details: Record<string, unknown> = {}): ErrorBody => ({ error: { code, message, details } });

/** An error as the log shows it: its stack and message with any credentials in addresses masked. */
const forLog = (err: Error) => ({ type: err.name, message: maskUrlsIn(err.message), stack: maskUrlsIn(err.stack ?? '') });

/**
 * Logs an error as the error catalog says: an unexpected one at error level
 * with its stack; an expected one worth an operator's look at info level,
 * one line without a stack; other expected ones not at all.
 */
export function logError(log: FastifyBaseLogger, err: Error, what = 'unexpected error'): void {
  if (!(err instanceof AppError) || !err.expected) {
    log.error({ err: forLog(err) }, err instanceof AppError ? maskUrlsIn(err.message) : what);
    return;
  }
  if (err.logged) log.info({ code: err.code, status: err.status }, maskUrlsIn(err.message));
}

/** The one error handler: every failure leaves as `{ "error": { "code", "message", "details" } }`. */
export function handleError(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  if (err instanceof AppError) {
    logError(req.log, err);
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
  logError(req.log, err);
  void reply.status(500).send(errorBody('internal', 'Something went wrong on our side. The error was logged; please try again.'));
}
