const DAY_MS = 86_400_000;
/** Days from Excel's day 0 of each date system to 1970-01-01. */
const EPOCH_1900 = 25_569;
const EPOCH_1904 = 24_107;
/** 9999-12-31, the last day Excel shows. */
const LAST_SERIAL_1900 = 2_958_465;

/** A date as ISO text: `YYYY-MM-DD` at midnight, else `YYYY-MM-DDTHH:MM:SS[.mmm]Z`. */
export function isoText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace(/\.000Z$/, 'Z');
}

/**
 * Excel's serial number of a date (days since its day 0, the fraction the
 * time of day) as ISO text; null when it is no date Excel can show.
 *
 * In the 1900 system Excel counts 29 February 1900, which never was: serials
 * from 1 (1900-01-01) to 59 (1900-02-28) are one day later than a plain count
 * gives; serial 60, that fictional day, reads as 1900-02-28 too, and serials
 * below 1 (times of day without a date) keep day 0 of a plain count,
 * 1899-12-30, as other programs write them.
 */
export function serialToText(serial: number, date1904: boolean): string | null {
  const last = date1904 ? LAST_SERIAL_1900 - 1462 : LAST_SERIAL_1900;
  if (!Number.isFinite(serial) || serial < 0 || serial >= last + 1) return null;
  let days = serial - (date1904 ? EPOCH_1904 : EPOCH_1900);
  if (!date1904 && serial >= 1 && serial < 60) days += 1;
  return isoText(new Date(Math.round(days * DAY_MS)));
}
