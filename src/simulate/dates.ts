/**
 * Civil-calendar conversions for integral days since 1970-01-01 (UTC), without Date objects
 * (H. Hinnant's days_from_civil / civil_from_days algorithms, proleptic Gregorian), and the
 * DD.MM.YYYY formatting used by the simulator's CSV output.
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): [year: number, month: number, day: number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

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
