import { createTransport, type SMTPTransportOptions, type Transporter } from 'nodemailer';
import type { MailMessage, Mailer } from '../../ports/mailer.ts';

/** Options for {@link SmtpMailer.fromUrl}. */
export interface SmtpMailerOptions {
  /** How long to wait to connect, for the greeting and for each reply, in milliseconds (10 s by default). */
  timeoutMs?: number;
  /** Whether to refuse a server whose TLS certificate does not verify (true by default). */
  rejectUnauthorized?: boolean;
}

/** Where the mailer connects: enough to name the server in errors, never the password. */
interface Endpoint {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Reads `smtp://user:pass@host:587` or `smtps://host:465`. `smtps` connects over
 * TLS from the start; `smtp` upgrades with STARTTLS when the server offers it.
 * The user name and password are URL-decoded.
 */
export function parseSmtpUrl(url: string): Endpoint {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('The SMTP URL is not a valid URL; expected smtp://user:pass@host:587 or smtps://host:465');
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') {
    throw new Error(`The SMTP URL must start with smtp:// or smtps://, not ${u.protocol}//`);
  }
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new Error('The SMTP URL has no host; expected smtp://user:pass@host:587');
  if (u.pathname && u.pathname !== '/') throw new Error('The SMTP URL must not have a path');
  const secure = u.protocol === 'smtps:';
  const port = u.port ? Number(u.port) : secure ? 465 : 587;
  const endpoint: Endpoint = { host, port, secure };
  try {
    if (u.username) endpoint.user = decodeURIComponent(u.username);
    if (u.password) endpoint.pass = decodeURIComponent(u.password);
  } catch {
    throw new Error(`The SMTP URL for ${host} has badly encoded credentials`);
  }
  if (endpoint.pass !== undefined && endpoint.user === undefined) {
    throw new Error(`The SMTP URL for ${host} has a password but no user name`);
  }
  return endpoint;
}

/** Sends email through one SMTP server, opening a connection per message. */
export class SmtpMailer implements Mailer {
  private constructor(
    private readonly transport: Transporter,
    private readonly from: string,
    private readonly endpoint: Endpoint,
  ) {}

  /** Builds a mailer from a server URL and the sender address; throws on a malformed URL. */
  static fromUrl(url: string, from: string, opts: SmtpMailerOptions = {}): SmtpMailer {
    const endpoint = parseSmtpUrl(url);
    if (!from.trim()) throw new Error('The sender address of the SMTP mailer is empty');
    const timeout = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const options: SMTPTransportOptions = {
      host: endpoint.host,
      port: endpoint.port,
      secure: endpoint.secure,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      dnsTimeout: timeout,
      tls: { rejectUnauthorized: opts.rejectUnauthorized ?? true },
    };
    if (endpoint.user !== undefined) options.auth = { user: endpoint.user, pass: endpoint.pass ?? '' };
    return new SmtpMailer(createTransport(options), from, endpoint);
  }

  async send(message: MailMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html !== undefined ? { html: message.html } : {}),
        ...(message.headers ? { headers: message.headers } : {}),
      });
    } catch (err) {
      throw new Error(`Could not send mail through ${this.endpoint.host}:${this.endpoint.port}: ${this.describe(err)}`, { cause: err });
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }

  /** The failure in a few words, with the password taken out should the server echo it. */
  private describe(err: unknown): string {
    let text = err instanceof Error ? err.message : String(err);
    const pass = this.endpoint.pass;
    if (pass) text = text.split(pass).join('***').split(encodeURIComponent(pass)).join('***');
    return text;
  }
}
