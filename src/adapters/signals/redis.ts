import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { SIGNALS, type Signal, type Signals } from '../../ports/signals.ts';
import { InProcessSignals } from './in-process.ts';
import { decodeSignal, encodeSignal, type SignalsLog } from './wire.ts';

export interface RedisSignalsOptions {
  /** The pub/sub channel every process of one site uses (default `plaza:signals`). Channels are shared by every database number of a server. */
  channel?: string;
  log?: SignalsLog;
}

/**
 * Signals over Redis pub/sub. Publishing goes through the command connection
 * it is given (shared with the rate limits, not owned); listening takes a
 * second connection of its own, as a subscribed Redis connection does
 * nothing else. A signal reaches this process's listeners at once and the
 * other processes' through Redis; each message names its sender, so a process
 * does not hear its own twice.
 *
 * ioredis connects again by itself after a drop; once the subscriber is back,
 * every signal is told locally once (some may have been missed meanwhile),
 * and signals that could not be published go out once the command connection
 * is back.
 */
export class RedisSignals implements Signals {
  readonly shared = true;
  readonly sender = randomUUID();
  private readonly local: InProcessSignals;
  private readonly channel: string;
  private readonly log: SignalsLog;
  private readonly subscriber: Redis;
  private readonly pending = new Set<Signal>();
  private closed = false;
  private wasReady = false;
  private down = false;
  private readonly onCommandsReady = () => this.flush();

  constructor(private readonly commands: Redis, opts: RedisSignalsOptions = {}) {
    this.channel = opts.channel ?? 'plaza:signals';
    this.log = opts.log ?? { info: () => undefined, error: () => undefined };
    this.local = new InProcessSignals((signal, err) => this.log.error({ signal, err: (err as Error).message }, 'a signal listener failed'));
    // The subscriber queues its SUBSCRIBE until it is connected, and subscribes again after each reconnection.
    this.subscriber = commands.duplicate({ enableOfflineQueue: true, autoResubscribe: true, connectionName: `plaza-signals-${this.sender}` });
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const decoded = decodeSignal(message);
      if (decoded && decoded.sender !== this.sender) this.local.send(decoded.signal);
    });
    // Errors are followed by a reconnection; a drop is logged once, below.
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('close', () => {
      if (this.closed || this.down || !this.wasReady) return;
      this.down = true;
      this.log.error({ channel: this.channel }, 'signals connection to Redis lost; connecting again');
    });
    this.subscriber.on('ready', () => {
      // The first readiness is the start; each later one follows a drop, during which signals may have been missed.
      if (this.wasReady && !this.closed) {
        this.down = false;
        this.log.info({ channel: this.channel }, 'signals connection to Redis is back');
        // Once subscribed again (ioredis does it too; twice is harmless), act as if each signal came.
        this.subscriber.subscribe(this.channel).then(() => {
          if (!this.closed) for (const signal of SIGNALS) this.local.send(signal);
        }, () => undefined);
      }
      this.wasReady = true;
    });
    commands.on('ready', this.onCommandsReady);
  }

  /** The name the listening connection gives itself on the server (`CLIENT LIST`). */
  get connectionName(): string {
    return `plaza-signals-${this.sender}`;
  }

  /** Subscribes; resolves once subscribed, or after 2 s when Redis does not answer yet (it subscribes when it can). */
  async start(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.subscriber.subscribe(this.channel).catch(() => undefined),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 2_000);
      }),
    ]);
    clearTimeout(timer);
  }

  private flush(): void {
    const waiting = [...this.pending];
    this.pending.clear();
    for (const signal of waiting) this.publish(signal);
  }

  private publish(signal: Signal): void {
    this.commands.publish(this.channel, encodeSignal(signal, this.sender)).catch(() => {
      if (!this.closed) this.pending.add(signal);
    });
  }

  send(signal: Signal): void {
    if (this.closed) return;
    this.local.send(signal);
    this.publish(signal);
  }

  listen(signal: Signal, listener: () => void): () => void {
    return this.local.listen(signal, listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.commands.off('ready', this.onCommandsReady);
    await this.local.close();
    // Disconnecting does not wait for a server that may be gone.
    this.subscriber.disconnect();
  }
}
