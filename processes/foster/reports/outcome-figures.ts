/**
 * The arithmetic of the funders' outcome report (docs/processes/foster.md, "Match support"):
 * from the matches' typed facts, the mentors' screenings and the survey scores of a period,
 * the counts per group. Pure, so each definition is read in one place and checked by hand.
 * The API counts the same in PostgreSQL (../api/outcome-queries.ts), group by group, so a
 * report of many matches never holds them all; scripts/measure-outcomes.ts checks that both
 * give the same answers. Counts only: nothing here carries a name.
 */

/** A match month: a twelfth of the average year (30.4375 days), so months add up across leap years. */
export const MONTH_MS = (365.25 / 12) * 86_400_000;
/** The commitment a mentor makes: twelve months from the first meeting. */
export const COMMITMENT_MONTHS = 12;

export interface Period {
  /** The first instant counted. */
  from: Date;
  /** The first instant after the period (the day after `to` at 00:00 UTC). */
  end: Date;
}

export interface MatchFact {
  key: string;
  mentorCaseId: string;
  youthCaseId: string;
  proposedAt: Date;
  firstMeetingAt: Date | null;
  closedAt: Date | null;
  closureReason: string | null;
}

export interface MentorFact {
  key: string;
  /** Training hours logged on or before the period's last day. */
  hoursByEnd: number;
}

export interface ScoreFact {
  key: string;
  score: number;
}

export interface OutcomeItem {
  key: string;
  youthServed: number;
  mentorsRecruited: number;
  mentorsTrained: number;
  mentorsRetained: number;
  activeMatches: number;
  meanMatchMonths: number | null;
  medianMatchMonths: number | null;
  reached6Months: number;
  reached12Months: number;
  earlyClosures: Record<string, number>;
  surveyScores: { p25: number | null; median: number | null; p75: number | null };
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

/** The q-quantile by linear interpolation between closest ranks (the spreadsheet's QUARTILE.INC). */
export function quantile(xs: number[], q: number): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return round1(s[lo] + (h - lo) * (s[hi] - s[lo]));
}

/** Met before the period ended and not closed before it began. */
export const activeInPeriod = (m: MatchFact, p: Period) =>
  !!m.firstMeetingAt && m.firstMeetingAt < p.end && (!m.closedAt || m.closedAt >= p.from);

/** Months from the first meeting to the closure, or to the period's end if later or still open. */
export function matchMonths(m: MatchFact, p: Period): number {
  if (!m.firstMeetingAt) return 0;
  const until = m.closedAt && m.closedAt < p.end ? m.closedAt : p.end;
  return Math.max(0, until.getTime() - m.firstMeetingAt.getTime()) / MONTH_MS;
}

/** Mentors whose match lasted the commitment, or who were matched again after a match closed. */
function retainedMentors(all: MatchFact[], active: MatchFact[], p: Period): Map<string, Set<string>> {
  const byKey = new Map<string, Set<string>>();
  const add = (key: string, mentor: string) => byKey.set(key, (byKey.get(key) ?? new Set()).add(mentor));
  for (const m of active) if (matchMonths(m, p) >= COMMITMENT_MONTHS) add(m.key, m.mentorCaseId);
  for (const again of all) {
    if (again.proposedAt < p.from || again.proposedAt >= p.end) continue;
    const before = all.some(
      (m) => m !== again && m.mentorCaseId === again.mentorCaseId && m.closedAt && m.closedAt <= again.proposedAt,
    );
    if (before) add(again.key, again.mentorCaseId);
  }
  return byKey;
}

/** The report's items, one per key any of the facts has, in key order. */
export function outcomeItems(
  p: Period,
  matches: MatchFact[],
  mentors: MentorFact[],
  scores: ScoreFact[],
  minimumTrainingHours: number,
): OutcomeItem[] {
  const keys = [...new Set([...matches, ...mentors, ...scores].map((x) => x.key))].sort();
  const active = matches.filter((m) => activeInPeriod(m, p));
  const retained = retainedMentors(matches, active, p);
  return keys.map((key) => {
    const mine = active.filter((m) => m.key === key);
    const months = mine.map((m) => matchMonths(m, p));
    const early: Record<string, number> = {};
    for (const m of matches) {
      if (m.key !== key || !m.closedAt || m.closedAt < p.from || m.closedAt >= p.end) continue;
      const lasted = m.firstMeetingAt ? (m.closedAt.getTime() - m.firstMeetingAt.getTime()) / MONTH_MS : 0;
      if (lasted >= COMMITMENT_MONTHS) continue;
      const reason = m.closureReason ?? 'unspecified';
      early[reason] = (early[reason] ?? 0) + 1;
    }
    const recruited = mentors.filter((x) => x.key === key);
    const myScores = scores.filter((s) => s.key === key).map((s) => s.score);
    return {
      key,
      youthServed: new Set(mine.map((m) => m.youthCaseId)).size,
      mentorsRecruited: recruited.length,
      mentorsTrained: recruited.filter((x) => x.hoursByEnd >= minimumTrainingHours).length,
      mentorsRetained: retained.get(key)?.size ?? 0,
      activeMatches: mine.filter((m) => !m.closedAt || m.closedAt >= p.end).length,
      meanMatchMonths: months.length ? round1(months.reduce((a, b) => a + b, 0) / months.length) : null,
      medianMatchMonths: quantile(months, 0.5),
      reached6Months: months.filter((x) => x >= 6).length,
      reached12Months: months.filter((x) => x >= COMMITMENT_MONTHS).length,
      earlyClosures: early,
      surveyScores: { p25: quantile(myScores, 0.25), median: quantile(myScores, 0.5), p75: quantile(myScores, 0.75) },
    };
  });
}
