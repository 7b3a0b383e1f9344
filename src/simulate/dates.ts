/**
 * Date helpers of the simulator: ISO text to days since 1970-01-01 and the DD.MM.YYYY formatting of
 * its CSV output, on the data layer's calendar conversions (src/data/dates.ts).
 */
import { civilFromDays, daysFromCivil } from "../data/dates.js";

export { civilFromDays, daysFromCivil };
/** "YYYY-MM-DD" to days since epoch; NaN when malformed. */
export function isoToDays(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return Number.NaN;
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

const TWO = Array.from({ length: 32 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** Days since epoch as DD.MM.YYYY; "" for NaN. */
export function formatDayMonthYear(days: number): string {
  if (Number.isNaN(days)) return "";
  const [y, m, d] = civilFromDays(days);
  return `${TWO[d]}.${TWO[m]}.${y}`;
}
