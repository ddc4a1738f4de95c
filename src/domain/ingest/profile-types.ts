/** The profile of one column of a version, computed over every row. */
export interface ColumnProfile {
  count: number;
  nulls: number;
  distinct: number;
  min: string | number | boolean | null;
  max: string | number | boolean | null;
  /** The ten most frequent values, most frequent first. */
  top: { value: string | number | boolean | null; count: number }[];
  /** Equal-width buckets for numbers and dates: [lower, upper) and the count. */
  histogram?: { from: number | string; to: number | string; count: number }[];
  /** For text: the shortest and longest lengths. */
  minLength?: number;
  maxLength?: number;
}
