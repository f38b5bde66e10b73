/**
 * Business-day calendar and local date arithmetic in the partnership's jurisdiction (its time
 * zone and holidays: docs/administration.md, Calendar; docs/processes/README.md, business days).
 *
 * Pure and deterministic so that workflows can use it: no Intl, no Date.now(), no
 * time-zone database (see time-zones.ts). Without a jurisdiction a calendar is California's:
 * America/Los_Angeles, as every case that started before jurisdictions existed.
 */
import {
  DAY_MS,
  HOUR_MS,
  dateIn,
  dayNumber,
  fromDayNumber,
  offsetHours,
  startOfDayIn,
  wallToUtcIn,
  type IsoDate,
  type TimeZone,
} from './time-zones';

export type { IsoDate, TimeZone };
export { CALIFORNIA_STATE_HOLIDAYS } from './holiday-sets';

/** A holiday rule. The rules of a jurisdiction's holiday set are in holiday-sets.ts. */
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
      /** The first year the holiday is kept (a holiday added by law). */
      fromYear?: number;
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
      fromYear?: number;
    };

// ---- civil dates (a date with no time zone) as day numbers ---------------------------

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

/**
 * The observed dates of the given rules' holidays of a calendar year (a New Year's Day
 * observed on the Friday before falls on December 31 of the year before).
 */
export function observedHolidays(year: number, rules: HolidayRule[]): Set<IsoDate> {
  const out = new Set<IsoDate>();
  for (const rule of rules) {
    if (rule.fromYear !== undefined && year < rule.fromYear) continue;
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

/** Dates per year ("2027": ["2027-03-17"]) a partnership adds to, or removes from, its holiday set. */
export type DatesByYear = Record<string, IsoDate[]>;

export interface CalendarOptions {
  /** Where days begin and end; America/Los_Angeles when not given. */
  timeZone?: TimeZone;
  added?: DatesByYear;
  removed?: DatesByYear;
}

export class BusinessCalendar {
  private readonly cache = new Map<number, Set<IsoDate>>();
  readonly timeZone: TimeZone;
  private readonly added: DatesByYear;
  private readonly removed: DatesByYear;

  constructor(
    private readonly rules: HolidayRule[],
    options: CalendarOptions = {},
  ) {
    this.timeZone = options.timeZone ?? 'America/Los_Angeles';
    this.added = options.added ?? {};
    this.removed = options.removed ?? {};
  }

  /** The holidays that fall in a calendar year: the set's observed dates, plus added, minus removed. */
  holidaysOf(year: number): Set<IsoDate> {
    let set = this.cache.get(year);
    if (!set) {
      const inYear = (d: IsoDate) => Number(d.slice(0, 4)) === year;
      const observed = [...observedHolidays(year, this.rules), ...observedHolidays(year + 1, this.rules)];
      const removed = new Set(this.removed[String(year)] ?? []);
      set = new Set([...observed, ...(this.added[String(year)] ?? [])].filter((d) => inYear(d) && !removed.has(d)));
      this.cache.set(year, set);
    }
    return set;
  }

  isHoliday(date: IsoDate): boolean {
    return this.holidaysOf(Number(date.slice(0, 4))).has(date);
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

  /** The calendar date in the jurisdiction at an instant. */
  date(utcMs: number): IsoDate {
    return dateIn(this.timeZone, utcMs);
  }

  /** The instant a calendar date begins in the jurisdiction. */
  startOfDay(date: IsoDate): number {
    return startOfDayIn(this.timeZone, date);
  }

  /** The end of a calendar year in the jurisdiction: the first instant of January 1 after it. */
  yearEnd(year: number): number {
    return this.startOfDay(`${year + 1}-01-01`);
  }

  year(utcMs: number): number {
    return Number(this.date(utcMs).slice(0, 4));
  }
}

// ---- America/Los_Angeles (California's calendar, and the API's "today") ----------------

const LA: TimeZone = 'America/Los_Angeles';

/** UTC offset of Los Angeles, in hours (-7 in daylight time, -8 otherwise). */
export function laOffsetHours(utcMs: number): number {
  return offsetHours(LA, utcMs);
}

/** The calendar date in Los Angeles at an instant. */
export function laDate(utcMs: number): IsoDate {
  return dateIn(LA, utcMs);
}

/** The instant a calendar date begins in Los Angeles. */
export function laStartOfDay(date: IsoDate): number {
  return startOfDayIn(LA, date);
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

/**
 * Moves an instant by a policy duration, forward (sign 1) or back (sign -1). Years,
 * months, weeks and days are calendar units in the calendar's wall time: the same local
 * time of day on the target date, across daylight-saving changes, and a month on from the
 * 31st is the last day of a shorter month. Business days end at the close of the n-th
 * business day in the calendar's time zone. Hours, minutes and seconds are elapsed time.
 */
function shift(ms: number, d: PolicyDuration, cal: BusinessCalendar, sign: 1 | -1): number {
  if (typeof d !== 'string') {
    const n = d.businessDays;
    // Forward: due at the close of the n-th business day after today.
    if (sign === 1) return cal.startOfDay(addDays(cal.addBusinessDays(cal.date(ms), n), 1));
    // Back: n business days before a close of day begin at the start of the earliest of
    // them (2 business days before the close of Tuesday: Monday morning).
    if (n === 0) return ms;
    return cal.startOfDay(cal.addBusinessDays(cal.date(ms - 1), -(n - 1)));
  }
  const [y, mo, w, days, h, mi, s] = isoParts(d);
  const clockMs = (h * 3600 + mi * 60 + s) * 1000;
  let t = sign === 1 ? ms : ms - clockMs;
  if (y || mo || w || days) {
    const wall = t + offsetHours(cal.timeZone, t) * HOUR_MS;
    const timeOfDay = ((wall % DAY_MS) + DAY_MS) % DAY_MS;
    const [yy, mm, dd] = new Date(wall).toISOString().slice(0, 10).split('-').map(Number);
    const targetMonth0 = mm - 1 + sign * (mo + 12 * y);
    const lastDay = new Date(Date.UTC(yy, targetMonth0 + 1, 0)).getUTCDate();
    const base = new Date(Date.UTC(yy, targetMonth0, Math.min(dd, lastDay))).toISOString().slice(0, 10);
    t = wallToUtcIn(cal.timeZone, dayNumber(addDays(base, sign * (7 * w + days))) * DAY_MS + timeOfDay);
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
