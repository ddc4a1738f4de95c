import type { CkanAction } from './action.ts';

/** The DataStore's read actions over each dataset's live table. */
export const DATASTORE_ACTIONS: Readonly<Record<string, CkanAction>> = {};
