import type { IngestIssue } from '../catalog/types.ts';

/** What the ingest report says of a file with a header and no rows. */
export const NO_ROWS_MESSAGE = 'The file has a header but no rows: this version has 0 rows. Check that it is the file you meant to load; publishing it asks you to confirm.';

/** The report's warning when a version has no rows and none were rejected (rejected rows are reported on their own). */
export const noRowsIssues = (rows: number, rejected: number): IngestIssue[] => (rows === 0 && rejected === 0 ? [{ row: null, column: null, message: NO_ROWS_MESSAGE }] : []);
