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
/** Actions of a foster match story as measured on the cluster (9.5–12.7: the higher). */
export const FOSTER_ACTIONS_PER_STORY = 12.7;
/** An unmatched referral's youth part, and a match's first year after the first meeting (assumed). */
export const FOSTER_UNMATCHED_ACTIONS = 4;
export const MATCH_YEAR_ACTIONS = 60;

/** The year's actions for a state, by kind of traffic. */
export function yearActions(fosterActionsPerStory = FOSTER_ACTIONS_PER_STORY, v = CALIFORNIA) {
  const enrolments = v.eligibleEmployees * v.leaveUptake;
  const referred = v.fosterYouthInCare * v.referredShare;
  const matches = referred * v.matchedShare;
  const leave = enrolments * leaveActionsPerYear;
  const foster =
    matches * (fosterActionsPerStory + MATCH_YEAR_ACTIONS) + (referred - matches) * FOSTER_UNMATCHED_ACTIONS;
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
