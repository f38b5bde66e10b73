/**
 * Local dates and midnights in the partnerships' time zones, without Intl or a time-zone
 * database, so that workflows can use them (docs/administration.md, Calendar). The three
 * zones a jurisdiction can name all follow the US daylight-saving rule in force since 2007:
 * from the second Sunday of March to the first Sunday of November, switching at 02:00 local
 * time. Only their standard offsets differ.
 */

export type IsoDate = string; // YYYY-MM-DD

export const TIME_ZONES = ['America/Los_Angeles', 'America/New_York', 'America/Chicago'] as const;
export type TimeZone = (typeof TIME_ZONES)[number];

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Hours from UTC in winter. */
const STANDARD_OFFSET: Record<TimeZone, number> = {
  'America/Los_Angeles': -8,
  'America/Chicago': -6,
  'America/New_York': -5,
};

export function standardOffsetHours(zone: TimeZone): number {
  const offset = STANDARD_OFFSET[zone];
  if (offset === undefined) throw new TypeError(`not a supported time zone: ${String(zone)}`);
  return offset;
}

export function dayNumber(date: IsoDate): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new TypeError(`not a calendar date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function nthSundayUtc(year: number, month0: number, nth: number): number {
  const first = Date.UTC(year, month0, 1);
  const w = new Date(first).getUTCDay();
  return first + (((7 - w) % 7) + (nth - 1) * 7) * DAY_MS;
}

/** UTC offset of a zone at an instant, in hours (e.g. -7 in Los Angeles in summer, -8 in winter). */
export function offsetHours(zone: TimeZone, utcMs: number): number {
  const standard = standardOffsetHours(zone);
  const year = new Date(utcMs).getUTCFullYear();
  const dstStart = nthSundayUtc(year, 2, 2) + (2 - standard) * HOUR_MS; // 02:00 standard time
  const dstEnd = nthSundayUtc(year, 10, 1) + (2 - standard - 1) * HOUR_MS; // 02:00 daylight time
  return utcMs >= dstStart && utcMs < dstEnd ? standard + 1 : standard;
}

/** The calendar date in a zone at an instant. */
export function dateIn(zone: TimeZone, utcMs: number): IsoDate {
  return new Date(utcMs + offsetHours(zone, utcMs) * HOUR_MS).toISOString().slice(0, 10);
}

/** The instant a calendar date begins in a zone. */
export function startOfDayIn(zone: TimeZone, date: IsoDate): number {
  const utcMidnight = dayNumber(date) * DAY_MS;
  // Local midnight in standard time (01:00 in daylight time) is before either 02:00 switch:
  // the offset then is the offset in force at local midnight.
  const offset = offsetHours(zone, utcMidnight - standardOffsetHours(zone) * HOUR_MS);
  return utcMidnight - offset * HOUR_MS;
}

/** The instant a wall-clock time in a zone (given as if it were UTC) happens. */
export function wallToUtcIn(zone: TimeZone, wallMs: number): number {
  let utc = wallMs - standardOffsetHours(zone) * HOUR_MS;
  // Two rounds settle the offset (a wall time skipped in spring lands an hour later).
  for (let i = 0; i < 2; i++) utc = wallMs - offsetHours(zone, utc) * HOUR_MS;
  return utc;
}
