/**
 * Business-day calendar and America/Los_Angeles date arithmetic (docs/processes/README.md, business days).
 *
 * Pure and deterministic so that workflows can use it: no Intl, no Date.now(), no
 * time-zone database. California follows the US daylight-saving rule in force since
 * 2007 (second Sunday of March to first Sunday of November, switching at 02:00 local).
 */

export type IsoDate = string; // YYYY-MM-DD

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A holiday rule. The list of rules is policy configuration. */
export type HolidayRule =
  | {
      name: string;
      /** A holiday on a fixed date, e.g. Cesar Chavez Day on March 31. */
      month: number;
      day: number;
      /**
       * Where a Saturday holiday is observed: 'none' (no weekday off, the CalHR rule) or
       * 'friday' (Veterans Day). A Sunday holiday is always observed on the Monday.
       */
      onSaturday?: 'none' | 'friday';
    }
  | {
      name: string;
      month: number;
      /** 0 = Sunday … 6 = Saturday */
      weekday: number;
      /** 1..4, or -1 for the last such weekday of the month. */
      nth: number;
      /** Days after that weekday, e.g. 1 for the day after Thanksgiving. */
      offsetDays?: number;
    };

/** The California state holidays as listed by CalHR. */
export const CALIFORNIA_STATE_HOLIDAYS: HolidayRule[] = [
  { name: "New Year's Day", month: 1, day: 1 },
  { name: 'Martin Luther King Jr. Day', month: 1, weekday: 1, nth: 3 },
  { name: "Presidents' Day", month: 2, weekday: 1, nth: 3 },
  { name: 'Cesar Chavez Day', month: 3, day: 31 },
  { name: 'Memorial Day', month: 5, weekday: 1, nth: -1 },
  { name: 'Independence Day', month: 7, day: 4 },
  { name: 'Labor Day', month: 9, weekday: 1, nth: 1 },
  { name: 'Veterans Day', month: 11, day: 11, onSaturday: 'friday' },
  { name: 'Thanksgiving Day', month: 11, weekday: 4, nth: 4 },
  { name: 'Day after Thanksgiving', month: 11, weekday: 4, nth: 4, offsetDays: 1 },
  { name: 'Christmas Day', month: 12, day: 25 },
];

// ---- civil dates (a date with no time zone) as day numbers ---------------------------

function dayNumber(date: IsoDate): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new TypeError(`not a calendar date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function weekdayOf(n: number): number {
  return new Date(n * DAY_MS).getUTCDay();
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function isWeekend(date: IsoDate): boolean {
  const w = weekdayOf(dayNumber(date));
  return w === 0 || w === 6;
}

/** The observed dates of the given rules in a calendar year. */
export function observedHolidays(year: number, rules: HolidayRule[]): Set<IsoDate> {
  const out = new Set<IsoDate>();
  for (const rule of rules) {
    if ('day' in rule) {
      const n = Date.UTC(year, rule.month - 1, rule.day) / DAY_MS;
      const w = weekdayOf(n);
      if (w === 0)
        out.add(fromDayNumber(n + 1)); // Sunday: observed on the Monday
      else if (w === 6) {
        if (rule.onSaturday === 'friday') out.add(fromDayNumber(n - 1));
        // otherwise a Saturday holiday gives no weekday off
      } else out.add(fromDayNumber(n));
    } else {
      let n: number;
      if (rule.nth > 0) {
        const first = Date.UTC(year, rule.month - 1, 1) / DAY_MS;
        n = first + ((rule.weekday - weekdayOf(first) + 7) % 7) + (rule.nth - 1) * 7;
      } else {
        const last = Date.UTC(year, rule.month, 0) / DAY_MS;
        n = last - ((weekdayOf(last) - rule.weekday + 7) % 7);
      }
      out.add(fromDayNumber(n + (rule.offsetDays ?? 0)));
    }
  }
  return out;
}

export class BusinessCalendar {
  private readonly cache = new Map<number, Set<IsoDate>>();
  constructor(private readonly rules: HolidayRule[]) {}

  isHoliday(date: IsoDate): boolean {
    const year = Number(date.slice(0, 4));
    let set = this.cache.get(year);
    if (!set) {
      set = observedHolidays(year, this.rules);
      this.cache.set(year, set);
    }
    return set.has(date);
  }

  isBusinessDay(date: IsoDate): boolean {
    return !isWeekend(date) && !this.isHoliday(date);
  }

  /** The n-th business day after `date` (n >= 1); n = 0 gives `date` itself. */
  addBusinessDays(date: IsoDate, n: number): IsoDate {
    let d = date;
    const step = n >= 0 ? 1 : -1;
    let left = Math.abs(n);
    while (left > 0) {
      d = addDays(d, step);
      if (this.isBusinessDay(d)) left--;
    }
    return d;
  }
}

// ---- America/Los_Angeles -------------------------------------------------------------

function nthSundayUtc(year: number, month0: number, nth: number): number {
  const first = Date.UTC(year, month0, 1);
  const w = new Date(first).getUTCDay();
  return first + (((7 - w) % 7) + (nth - 1) * 7) * DAY_MS;
}

/** UTC offset of Los Angeles, in hours (-7 in daylight time, -8 otherwise). */
export function laOffsetHours(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  const dstStart = nthSundayUtc(year, 2, 2) + 10 * HOUR_MS; // 02:00 PST = 10:00 UTC
  const dstEnd = nthSundayUtc(year, 10, 1) + 9 * HOUR_MS; // 02:00 PDT = 09:00 UTC
  return utcMs >= dstStart && utcMs < dstEnd ? -7 : -8;
}

/** The calendar date in Los Angeles at an instant. */
export function laDate(utcMs: number): IsoDate {
  return new Date(utcMs + laOffsetHours(utcMs) * HOUR_MS).toISOString().slice(0, 10);
}

/** The instant a calendar date begins in Los Angeles. */
export function laStartOfDay(date: IsoDate): number {
  const utcMidnight = dayNumber(date) * DAY_MS;
  // 08:00 UTC is midnight PST / 01:00 PDT, before either 02:00 switch: the offset then is
  // the offset in force at local midnight.
  const offset = laOffsetHours(utcMidnight + 8 * HOUR_MS);
  return utcMidnight - offset * HOUR_MS;
}

/** The end of a calendar year in Los Angeles: the first instant of January 1 after it. */
export function laYearEnd(year: number): number {
  return laStartOfDay(`${year + 1}-01-01`);
}

export function laYear(utcMs: number): number {
  return Number(laDate(utcMs).slice(0, 4));
}

// ---- durations -----------------------------------------------------------------------

/** A policy duration: business days, or an ISO-8601 duration such as "P30D" or "PT2S". */
export type PolicyDuration = { businessDays: number } | string;

const ISO_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function isIsoDuration(s: string): boolean {
  const m = ISO_DURATION.exec(s);
  return !!m && s !== 'P' && !s.endsWith('T');
}

/** A policy duration that moves time on: a repeating step of zero would repeat at once, for ever. */
export function longerThanZero(d: unknown): boolean {
  if (typeof d === 'string') return isIsoDuration(d) && isoParts(d).some((n) => n > 0);
  return typeof d === 'object' && d !== null && (d as { businessDays?: number }).businessDays! > 0;
}

function isoParts(s: string): number[] {
  const m = ISO_DURATION.exec(s);
  if (!m || !isIsoDuration(s)) throw new TypeError(`not an ISO-8601 duration: ${s}`);
  return m.slice(1).map((x) => (x ? Number(x) : 0));
}

/** The instant a Los Angeles wall-clock time (given as if it were UTC) happens. */
function laWallToUtc(wallMs: number): number {
  let utc = wallMs + 8 * HOUR_MS;
  // Two rounds settle the offset (a wall time skipped in spring lands an hour later).
  for (let i = 0; i < 2; i++) utc = wallMs - laOffsetHours(utc) * HOUR_MS;
  return utc;
}

/**
 * Moves an instant by a policy duration, forward (sign 1) or back (sign -1). Years,
 * months, weeks and days are calendar units in Los Angeles wall time: the same local time
 * of day on the target date, across daylight-saving changes, and a month on from the 31st
 * is the last day of a shorter month. Business days end at the close of the n-th business
 * day in Los Angeles. Hours, minutes and seconds are elapsed time.
 */
function shift(ms: number, d: PolicyDuration, cal: BusinessCalendar, sign: 1 | -1): number {
  if (typeof d !== 'string') {
    const n = d.businessDays;
    // Forward: due at the close of the n-th business day after today.
    if (sign === 1) return laStartOfDay(addDays(cal.addBusinessDays(laDate(ms), n), 1));
    // Back: n business days before a close of day begin at the start of the earliest of
    // them (2 business days before the close of Tuesday: Monday morning).
    if (n === 0) return ms;
    return laStartOfDay(cal.addBusinessDays(laDate(ms - 1), -(n - 1)));
  }
  const [y, mo, w, days, h, mi, s] = isoParts(d);
  const clockMs = (h * 3600 + mi * 60 + s) * 1000;
  let t = sign === 1 ? ms : ms - clockMs;
  if (y || mo || w || days) {
    const wall = t + laOffsetHours(t) * HOUR_MS;
    const timeOfDay = ((wall % DAY_MS) + DAY_MS) % DAY_MS;
    const [yy, mm, dd] = new Date(wall).toISOString().slice(0, 10).split('-').map(Number);
    const targetMonth0 = mm - 1 + sign * (mo + 12 * y);
    const lastDay = new Date(Date.UTC(yy, targetMonth0 + 1, 0)).getUTCDate();
    const base = new Date(Date.UTC(yy, targetMonth0, Math.min(dd, lastDay))).toISOString().slice(0, 10);
    t = laWallToUtc(dayNumber(addDays(base, sign * (7 * w + days))) * DAY_MS + timeOfDay);
  }
  return sign === 1 ? t + clockMs : t;
}

/** A duration taken n times in one step (P1M × 3 = P3M), so a cadence stays anchored instead of drifting. */
export function scaleDuration(d: PolicyDuration, n: number): PolicyDuration {
  if (typeof d !== 'string') return { businessDays: d.businessDays * n };
  const [y, mo, w, days, h, mi, s] = isoParts(d).map((x) => x * n);
  const date = `${y ? `${y}Y` : ''}${mo ? `${mo}M` : ''}${w ? `${w}W` : ''}${days ? `${days}D` : ''}`;
  const time = `${h ? `${h}H` : ''}${mi ? `${mi}M` : ''}${s ? `${s}S` : ''}`;
  return `P${date}${time ? `T${time}` : ''}` === 'P' ? 'PT0S' : `P${date}${time ? `T${time}` : ''}`;
}

/** The instant a duration after `fromMs` ends. */
export function addDuration(fromMs: number, d: PolicyDuration, cal: BusinessCalendar): number {
  return shift(fromMs, d, cal, 1);
}

/** The instant a duration before `toMs` begins (for reminders "N before the deadline"). */
export function subtractDuration(toMs: number, d: PolicyDuration, cal: BusinessCalendar): number {
  return shift(toMs, d, cal, -1);
}

/** Whole months between two calendar dates (the later day-of-month must be reached). */
export function monthsBetween(from: IsoDate, to: IsoDate): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  let months = (ty - fy) * 12 + (tm - fm);
  if (td < fd) months--;
  return months;
}
