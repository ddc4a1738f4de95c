import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SIGNALS, type Signal, type Signals } from '../../ports/signals.ts';
import { InProcessSignals } from './in-process.ts';
import { backoffMs, decodeSignal, encodeSignal, type SignalsLog } from './wire.ts';

export interface PostgresSignalsOptions {
  /** The channel every process of one site listens on (default `plaza_signals`). */
  channel?: string;
  log?: SignalsLog;
  /** The first wait before connecting again after the connection dropped; it doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * Signals over PostgreSQL `LISTEN/NOTIFY`: one dedicated connection per
 * process listens on one channel and sends on it. A signal reaches this
 * process's listeners at once and the other processes' through the server;
 * each message names its sender, so a process does not hear its own twice.
 *
 * When the connection drops it is made again, with waits that double up to a
 * bound; once it is back, every signal is told locally once (some may have
 * been missed meanwhile), and signals sent while it was down go out then.
 */
export class PostgresSignals implements Signals {
  readonly shared = true;
  /** Names this process's messages. */
  readonly sender = randomUUID();
  private readonly local: InProcessSignals;
  private readonly channel: string;
  private readonly log: SignalsLog;
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private attempts = 0;
  /** Signals sent while the connection was down, sent once it is back. */
  private readonly pending = new Set<Signal>();
  private closed = false;
  /** Whether the connection dropped since it was last up (the next connection then tells every signal). */
  private dropped = false;

  constructor(private readonly url: string, private readonly opts: PostgresSignalsOptions = {}) {
    this.channel = opts.channel ?? 'plaza_signals';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.channel)) throw new RangeError(`The signals channel must be a plain lower-case name, got "${this.channel}".`);
    this.log = opts.log ?? { info: () => undefined, error: () => undefined };
    this.local = new InProcessSignals((signal, err) => this.log.error({ signal, err: (err as Error).message }, 'a signal listener failed'));
  }

  /** Connects and starts listening; resolves once listening (or rejects when the first connection fails, retrying meanwhile). */
  async start(): Promise<void> {
    await this.connect();
  }

  private connect(): Promise<void> {
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5_000, keepAlive: true });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, null));
    client.on('notification', (msg) => {
      if (msg.channel !== this.channel || !msg.payload) return;
      const decoded = decodeSignal(msg.payload);
      if (decoded && decoded.sender !== this.sender) this.local.send(decoded.signal);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.scheduleRetry(err);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.attempts = 0;
    if (this.dropped) {
      this.dropped = false;
      this.log.info({ channel: this.channel }, 'signals connection to PostgreSQL is back');
      // Some signals may have passed while no one listened here: act as if each came.
      for (const signal of SIGNALS) this.local.send(signal);
    }
    const waiting = [...this.pending];
    this.pending.clear();
    for (const signal of waiting) this.notify(signal);
  }

  private lost(client: pg.Client, err: Error | null): void {
    if (this.client !== client) return;
    this.client = null;
    this.dropped = true;
    client.removeAllListeners('notification');
    if (this.closed) return;
    this.log.error({ channel: this.channel, err: err?.message ?? 'connection ended' }, 'signals connection to PostgreSQL lost; connecting again');
    this.scheduleRetry(err);
  }

  private scheduleRetry(err: unknown): void {
    if (this.closed || this.retryTimer) return;
    this.dropped = true;
    const wait = backoffMs(this.attempts++, this.opts.retryMs ?? 100, this.opts.maxRetryMs ?? 5_000);
    if (this.attempts === 1 && err) this.log.error({ channel: this.channel, err: (err as Error).message ?? String(err), retryMs: wait }, 'signals cannot reach PostgreSQL; trying again');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect().catch(() => undefined);
    }, wait);
    this.retryTimer.unref();
  }

  private notify(signal: Signal): void {
    const client = this.client;
    if (!client) {
      this.pending.add(signal);
      return;
    }
    client.query('SELECT pg_notify($1, $2)', [this.channel, encodeSignal(signal, this.sender)]).catch(() => {
      // The connection is going; the signal goes out once it is back.
      this.pending.add(signal);
    });
  }

  send(signal: Signal): void {
    if (this.closed) return;
    this.local.send(signal);
    this.notify(signal);
  }

  listen(signal: Signal, listener: () => void): () => void {
    return this.local.listen(signal, listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await this.local.close();
    if (client) await endWithin(client, 2_000);
  }

  /** Test hook: the server-side process id of the listening connection (to end it from outside). */
  async backendPid(): Promise<number | null> {
    const r = await this.client?.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return r?.rows[0]?.pid ?? null;
  }
}

/** Ends a client, giving up after `ms` so that closing never hangs on a dead connection. */
async function endWithin(client: pg.Client, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.end().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
