import type { Role } from '../accounts/types.ts';
import type { ActivityVerb } from '../activity/types.ts';
import type { DatasetStatus } from './vocab.ts';

export interface Transition {
  from: DatasetStatus;
  to: DatasetStatus;
  /** The least role in the dataset's organization that may make it. */
  minRole: Role;
  verb: ActivityVerb;
  /** How the activity stream tells it. */
  summary: string;
}

/**
 * The publishing workflow: editors submit and withdraw; organization admins
 * publish (from draft or review), send back, unpublish, archive and restore.
 */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', to: 'submitted', minRole: 'editor', verb: 'dataset.submitted', summary: 'submitted the dataset for review' },
  { from: 'submitted', to: 'draft', minRole: 'editor', verb: 'dataset.withdrawn', summary: 'returned the dataset to draft' },
  { from: 'submitted', to: 'published', minRole: 'admin', verb: 'dataset.published', summary: 'published the dataset' },
  { from: 'draft', to: 'published', minRole: 'admin', verb: 'dataset.published', summary: 'published the dataset' },
  { from: 'published', to: 'draft', minRole: 'admin', verb: 'dataset.unpublished', summary: 'unpublished the dataset' },
  { from: 'published', to: 'archived', minRole: 'admin', verb: 'dataset.archived', summary: 'archived the dataset' },
  { from: 'archived', to: 'published', minRole: 'admin', verb: 'dataset.published', summary: 'restored the dataset from the archive' },
];

export const findTransition = (from: DatasetStatus, to: DatasetStatus): Transition | undefined => TRANSITIONS.find((t) => t.from === from && t.to === to);

export const nextStatuses = (from: DatasetStatus): DatasetStatus[] => TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);

/** The moves that put a dataset before readers or reviewers, and so must be confirmed when its live version has no rows. */
const SHOWING: ReadonlySet<DatasetStatus> = new Set(['published', 'submitted']);

/** Whether a move to `to` must be confirmed because the live version has no rows. */
export const needsEmptyConfirmation = (to: DatasetStatus, liveRows: number | null | undefined): boolean => SHOWING.has(to) && liveRows === 0;

/** Why an unconfirmed move of an empty dataset is refused, or undefined when it may go ahead. */
export function emptyConfirmation(to: DatasetStatus, liveRows: number | null | undefined, confirmed: boolean): string | undefined {
  if (confirmed || !needsEmptyConfirmation(to, liveRows)) return undefined;
  return `The dataset has no rows: its live version is empty. Send "confirm_empty": true to ${to === 'published' ? 'publish' : 'submit'} it anyway, or load a file with rows first.`;
}
