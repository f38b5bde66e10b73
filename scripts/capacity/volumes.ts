/**
 * The per-year volumes the capacity plan is for, each an assumption docs/capacity.md names:
 * California's state employees on 2119 mentoring leave, Los Angeles County's foster youth
 * referred and matched, the programs' own records; and the busy-hour shape of a year.
 */
import { LEAVE_YEAR } from './stories';

export const CALIFORNIA = {
  eligibleEmployees: 240_000,
  leaveUptake: 0.05,
  fosterYouthInCare: 20_000,
  /** Share of youth in care referred to a mentor in a year, and of those matched. */
  referredShare: 0.1,
  matchedShare: 0.5,
  programs: 300,
  /** Program actions a year each: certification, level, contacts, records. */
  programActionsEach: 12,
};

/** Working days and hours actions happen in, and the busiest hour over the average one. */
export const CALENDAR = { workingDays: 250, hoursPerDay: 8, peakFactor: 3 };

export const leaveActionsPerYear = Object.values(LEAVE_YEAR).reduce((a, b) => a + b, 0);

/** The year's actions for a state, by kind of traffic (foster actions per match story measured). */
export function yearActions(fosterActionsPerStory: number, v = CALIFORNIA) {
  const enrolments = v.eligibleEmployees * v.leaveUptake;
  const matches = v.fosterYouthInCare * v.referredShare * v.matchedShare;
  const leave = enrolments * leaveActionsPerYear;
  const foster = matches * fosterActionsPerStory;
  const programs = v.programs * v.programActionsEach;
  const total = leave + foster + programs;
  const averageHour = total / (CALENDAR.workingDays * CALENDAR.hoursPerDay);
  return {
    enrolments,
    matches,
    leave,
    foster,
    programs,
    total,
    averageHour,
    peakHour: averageHour * CALENDAR.peakFactor,
  };
}
