import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message the test server accepted. */
export interface ReceivedMail {
  /** The envelope sender (MAIL FROM). */
  from: string;
  /** The envelope recipients (RCPT TO). */
  to: string[];
  /** The whole message as sent, headers and body. */
  raw: string;
  /** The Subject header, encoded words decoded. */
  subject: string;
  /**
   * The text/plain body, decoded, with `\n` line ends. A single-part 7bit body
   * cannot tell a final line end from the one that closes DATA, so it has none.
   */
  text: string;
}

export interface TestSmtpServer {
  port: number;
  /** `smtp://user:pass@127.0.0.1:<port>`, or without credentials when the server takes none. */
  url: string;
  /** Every message accepted so far, in arrival order. */
  messages: ReceivedMail[];
  /** Resolves with the messages once at least `n` have arrived; rejects after `timeoutMs` (5 s). */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** When set with `pass`, clients must log in with them. */
  user?: string;
  pass?: string;
  /** Rejects every message at the end of DATA with this reply. */
  failWith?: { code: number; message: string };
}

/** Bytes as text in the named charset; unknown charsets are read as UTF-8. */
function decodeCharset(bytes: Uint8Array, charset = 'utf-8'): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder().decode(bytes);
  }
}

/** Quoted-printable to bytes: soft line breaks removed, `=XX` decoded. */
function decodeQuotedPrintable(s: string): Buffer {
  const out: number[] = [];
  const t = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < t.length; i++) {
    const hex = t[i] === '=' ? t.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(t.charCodeAt(i) & 0xff);
  }
  return Buffer.from(out);
}

/** A header value with its RFC 2047 encoded words decoded; the space between two encoded words is dropped. */
export function decodeHeaderWords(value: string): string {
  return value
    .replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g, (_, charset: string, enc: string, data: string) =>
      decodeCharset(enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data.replace(/_/g, ' ')), charset.split('*')[0]),
    );
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

/** Headers (unfolded, names lowercased, first one wins) and the body of a message or part. */
function splitPart(raw: string): Part {
  // A part without headers starts with its blank line.
  const m = /^\r?\n|\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    if (colon > 0 && !headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body: m ? raw.slice(m.index + m[0].length) : '' };
}

/** A Content-Type's media type, lowercased, and its parameters. */
function contentType(value: string | undefined): { type: string; params: Map<string, string> } {
  const [type = 'text/plain', ...rest] = (value ?? 'text/plain').split(';');
  const params = new Map<string, string>();
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq > 0) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  return { type: type.trim().toLowerCase(), params };
}

/** The first text/plain part of a message that is not an attachment, decoded, with `\n` line ends; empty when there is none. */
function plainTextOf(part: Part): string {
  const { type, params } = contentType(part.headers.get('content-type'));
  if (/^\s*attachment/i.test(part.headers.get('content-disposition') ?? '')) return '';
  const boundary = params.get('boundary');
  if (type.startsWith('multipart/') && boundary) {
    const sections = part.body.split(new RegExp(`^--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?$\\n?`, 'm'));
    for (const section of sections.slice(1, -1)) {
      const text = plainTextOf(splitPart(section.replace(/\r?\n$/, '')));
      if (text) return text;
    }
    return '';
  }
  if (type !== 'text/plain') return '';
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64' ? Buffer.from(part.body.replace(/\s+/g, ''), 'base64')
    : encoding === 'quoted-printable' ? decodeQuotedPrintable(part.body)
    : Buffer.from(part.body, 'latin1');
  return decodeCharset(bytes, params.get('charset')).replace(/\r\n/g, '\n');
}

const replyError = (code: number, message: string): Error => Object.assign(new Error(message), { responseCode: code });

/** A real SMTP server on 127.0.0.1 and a random port, without TLS, that keeps what it receives. */
export async function startSmtpServer(opts: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const needsAuth = opts.user !== undefined && opts.pass !== undefined;

  const server = new SMTPServer({
    logger: false,
    secure: false,
    disabledCommands: needsAuth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !needsAuth,
    allowInsecureAuth: true,
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      if (auth.username === opts.user && auth.password === opts.pass) return callback(null, { user: auth.username });
      callback(replyError(535, 'Authentication failed'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        if (opts.failWith) return callback(replyError(opts.failWith.code, opts.failWith.message));
        const raw = Buffer.concat(chunks).toString('latin1');
        // The line end that closes DATA is not part of the text, as the one before a boundary is not.
        const message = splitPart(raw.replace(/\r?\n$/, ''));
        const envelope = session.envelope;
        messages.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((r) => r.address),
          raw: Buffer.from(raw, 'latin1').toString('utf8'),
          subject: decodeHeaderWords(Buffer.from(message.headers.get('subject') ?? '', 'latin1').toString('utf8')),
          text: plainTextOf(message),
        });
        for (const wake of waiters) wake();
        callback();
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  const auth = needsAuth ? `${encodeURIComponent(opts.user!)}:${encodeURIComponent(opts.pass!)}@` : '';

  return {
    port,
    url: `smtp://${auth}127.0.0.1:${port}`,
    messages,
    waitFor(n, timeoutMs = 5000) {
      if (messages.length >= n) return Promise.resolve(messages.slice());
      return new Promise((resolve, reject) => {
        const wake = () => {
          if (messages.length < n) return;
          done();
          resolve(messages.slice());
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`Expected ${n} message(s) within ${timeoutMs} ms, got ${messages.length}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        waiters.add(wake);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
