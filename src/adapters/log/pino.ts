import { pino, type DestinationStream } from 'pino';
import { LOG_REDACT_PATHS, LOG_REDACTED } from '../../domain/net/log-redact.ts';

/** A log line's writer: `info` and `error` with an object of fields and a message, as the job worker and the notifier use. */
export interface JsonLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * Structured logs for the processes that are not the web server (`plaza
 * worker`, and the worker and background steps of `plaza serve`): one JSON
 * object per line, as the web server's (Fastify's pino), with `level`, `time`,
 * `role` and the same fields hidden.
 */
export function jsonLogger(opts: { level: string; role: string; stream?: DestinationStream }): JsonLog {
  const options = { level: opts.level, base: { pid: process.pid, role: opts.role }, redact: { paths: [...LOG_REDACT_PATHS], censor: LOG_REDACTED } };
  return opts.stream ? pino(options, opts.stream) : pino(options);
}
