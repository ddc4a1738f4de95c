import type { HarvestKind } from '../harvest/types.ts';

/**
 * The peer network (PRODUCT.md §7): other cities' portals listed beside
 * this one, searched together, whose showcases and blueprints can be copied
 * here as a starting point.
 */

/** A peer as searches and pages name it. */
export interface PeerRef {
  id: string;
  name: string;
  kind: HarvestKind;
  url: string;
}

/** One dataset a peer found, with its link at the peer. */
export interface PeerResult {
  title: string;
  description: string;
  /** The dataset's page at the peer. */
  url: string;
  modified: string | null;
  publisher: string | null;
}

/** What one peer answered. */
export interface PeerAnswer {
  peer: PeerRef;
  total: number;
  results: PeerResult[];
}

/** Why a peer is missing from an answer: it did not answer in time, answered something unreadable or failed, or its address is refused. */
export type MissingReason = 'timeout' | 'error' | 'refused';

export interface PeerMissing {
  peer: PeerRef;
  reason: MissingReason;
  /** In words for people. */
  message: string;
}

/** A peer's answer, or why it has none. */
export type PeerOutcome = { ok: true; answer: PeerAnswer } | { ok: false; missing: PeerMissing };

/** A peer's answer could not be read: the message says what came instead. */
export class PeerAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeerAnswerError';
  }
}
