import type { S3Settings } from '../../config.ts';

/** A failure of the object store, said with the bucket and the endpoint (never the secret). */
export class ObjectStoreError extends Error {
  constructor(
    message: string,
    /** What kind of failure: the key is missing, the bucket is, access is refused, the store is unreachable, or else. */
    readonly kind: 'missing_key' | 'missing_bucket' | 'refused' | 'unreachable' | 'failed',
  ) {
    // The SDK's own error is not kept as the cause: it carries the whole HTTP exchange, request headers included.
    super(message);
    this.name = 'ObjectStoreError';
  }
}

/** Where the store is, as an operator would recognize it. */
export function storeName(s: S3Settings): string {
  return `bucket "${s.bucket}" at ${s.endpoint ?? `AWS S3 (${s.region})`}`;
}

/** What the SDK says about a failed request, read loosely: its errors are plain objects with these optional fields. */
interface SdkFailure {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const NETWORK = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|TimeoutError|socket hang up/i;

/** Whether a failed request said the key (or bucket) is not there. */
export function isNotFound(e: unknown): boolean {
  const f = e as SdkFailure;
  return f?.$metadata?.httpStatusCode === 404 || f?.name === 'NotFound' || f?.name === 'NoSuchKey';
}

/**
 * A clear error for a failed request on `key` (or on the bucket itself when
 * `key` is undefined): which bucket, which endpoint, what to check. The
 * secret key is never in it, even if a message from the store were to echo it.
 */
export function describeFailure(s: S3Settings, action: string, key: string | undefined, e: unknown): ObjectStoreError {
  const f = (e ?? {}) as SdkFailure;
  const status = f.$metadata?.httpStatusCode;
  const detail = [f.code, f.name, f.message].filter((x) => x && x !== 'UnknownError' && x !== 'Unknown').join(': ');
  const where = storeName(s);
  let message: string;
  let kind: ObjectStoreError['kind'];
  if (f.name === 'NoSuchBucket' || (key === undefined && status === 404)) {
    kind = 'missing_bucket';
    message = `The object store has no ${where} (setting PLAZA_S3_BUCKET); create the bucket or name an existing one.`;
  } else if (key !== undefined && isNotFound(e)) {
    kind = 'missing_key';
    message = `No file "${key}" in the ${where}.`;
  } else if (status === 401 || status === 403 || /InvalidAccessKeyId|SignatureDoesNotMatch|AccessDenied|CredentialsProviderError/.test(`${f.name} ${f.code}`)) {
    kind = 'refused';
    message = `The object store refused to ${action} ${key ? `"${key}" in the ` : 'the '}${where}${status ? ` (HTTP ${status})` : ''}: check PLAZA_S3_ACCESS_KEY_ID, PLAZA_S3_SECRET_ACCESS_KEY and the bucket's permissions.`;
  } else if (NETWORK.test(`${f.code} ${f.name} ${f.message}`)) {
    kind = 'unreachable';
    message = `The object store for the ${where} could not be reached${detail ? ` (${detail})` : ''}: check PLAZA_S3_ENDPOINT and the network.`;
  } else {
    kind = 'failed';
    message = `The object store failed to ${action} ${key ? `"${key}" in the ` : 'the '}${where}${status ? ` (HTTP ${status})` : ''}${detail ? `: ${detail}` : ''}.`;
  }
  const secret = s.credentials?.secretAccessKey;
  return new ObjectStoreError(secret ? message.split(secret).join('***') : message, kind);
}
