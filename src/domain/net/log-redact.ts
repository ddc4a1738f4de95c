/**
 * Fields no log line shows, as pino's redaction paths: credentials in
 * request headers, cookies, and the object store's and mail server's secrets
 * wherever a logged object carries them. Shared by the web server's logger
 * and the worker's.
 */
export const LOG_REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.secretAccessKey',
  '*.accessKeyId',
  '*.credentials',
  '*.metricsToken',
  'password',
  'token',
  'secretAccessKey',
  'accessKeyId',
  'credentials',
];

/** What a redacted value reads as. */
export const LOG_REDACTED = '[redacted]';
