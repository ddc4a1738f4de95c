/**
 * A problem statement: what a scope-a-thon (or a person writing directly)
 * makes of one or more problems, well enough defined to start a project on.
 */
export interface ProblemStatement {
  id: string;
  title: string;
  /** Who is affected. */
  affected: string;
  /** What they need. */
  need: string;
  /** How we would know it got better. */
  measure: string;
  /** The data that bears on it, in words; the datasets themselves are in `datasetIds`. */
  dataNotes: string;
  /** The event that wrote it, if any. */
  eventId: string | null;
  /** The problems it came from. */
  problemIds: string[];
  datasetIds: string[];
  authorId: string;
  createdAt: string;
  updatedAt: string;
}
