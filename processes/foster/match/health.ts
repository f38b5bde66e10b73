/**
 * A match's health, 0-100 with its reasons (docs/processes/foster.md, "Match health"): 100 less
 * the points of each sign of trouble the field knows predicts an early closure — contacts
 * overdue, low satisfaction at contacts, low or missed relationship surveys, safety concerns,
 * and the risks known at the match (an adolescent youth, a long wait). The weights and the
 * bands are policy. Pure and deterministic: the workflow computes it at each support event.
 */
import type { TaskRecord } from '../../../platform/workflow/records';
import type { HealthWeights } from '../policy';
import type { CheckIn, MatchState } from '../types';
import type { HealthBand, MatchHealth, MatchRisks } from './support-types';

const DAY = 86_400_000;
/** How far back a safety concern still weighs. */
const RECENT_SAFETY_DAYS = 90;
/** How many overdue contacts and missed surveys count at most. */
const COUNTED_AT_MOST = 2;

/** What the health is computed from: the match's state, its open tasks and the time now. */
export interface HealthFacts {
  state: MatchState;
  openTasks: TaskRecord[];
  risks?: MatchRisks;
  nowMs: number;
}

interface Satisfaction {
  at: string;
  satisfaction: number;
  safetyConcern: boolean;
}

/** The contacts and the older check-ins alike: when, how satisfied, any safety concern. */
function loggedContacts(state: MatchState): Satisfaction[] {
  const checkIns = state.checkIns.map((c: CheckIn) => ({
    at: c.recordedAt,
    satisfaction: c.satisfaction,
    safetyConcern: c.safetyConcern,
  }));
  const contacts = (state.contacts ?? []).map((c) => ({
    at: c.recordedAt,
    satisfaction: c.satisfaction,
    safetyConcern: c.safetyConcern,
  }));
  return [...checkIns, ...contacts].sort((a, b) => a.at.localeCompare(b.at));
}

export function bandOf(score: number, w: HealthWeights): HealthBand {
  if (score >= w.healthyFrom) return 'healthy';
  return score >= w.watchFrom ? 'watch' : 'at_risk';
}

/** The score and the reasons (codes a page puts into words, each with its points). */
export function matchHealth({ state, openTasks, risks, nowMs }: HealthFacts, w: HealthWeights): MatchHealth {
  const lost: [string, number][] = [];
  const overdue = openTasks.filter((t) => t.type === 'match_contact' && Date.parse(t.dueAt) < nowMs).length;
  if (overdue) lost.push(['overdue_contact', Math.min(overdue, COUNTED_AT_MOST) * w.overdueContact]);
  const logged = loggedContacts(state);
  const lastThree = logged.slice(-3);
  if (lastThree.length) {
    const mean = lastThree.reduce((sum, c) => sum + c.satisfaction, 0) / lastThree.length;
    if (mean < 4) lost.push(['low_satisfaction', (4 - mean) * w.satisfactionPoint]);
  }
  for (const respondent of ['mentor', 'youth'] as const) {
    const answered = (state.surveys ?? []).filter((s) => s.respondent === respondent && s.score !== undefined);
    const latest = answered[answered.length - 1];
    if (latest && latest.score! < 60) lost.push([`low_survey_${respondent}`, (60 - latest.score!) * w.surveyPoint]);
  }
  const missed = (state.surveys ?? []).filter((s) => s.status === 'missed').length;
  if (missed) lost.push(['missed_survey', Math.min(missed, COUNTED_AT_MOST) * w.missedSurvey]);
  if (openTasks.some((t) => t.type === 'safety_review')) lost.push(['open_safety_review', w.openSafetyReview]);
  if (logged.some((c) => c.safetyConcern && nowMs - Date.parse(c.at) < RECENT_SAFETY_DAYS * DAY))
    lost.push(['recent_safety_concern', w.recentSafetyConcern]);
  if (risks && risks.youthAgeAtMatch >= 13) lost.push(['adolescent_youth', w.adolescentYouth]);
  if (risks && risks.monthsWaiting >= 6) lost.push(['long_wait', w.longWait]);
  const total = lost.reduce((sum, [, points]) => sum + points, 0);
  const score = Math.max(0, Math.min(100, Math.round(100 - total)));
  return {
    score,
    band: bandOf(score, w),
    reasons: lost.filter(([, points]) => points > 0).map(([code, points]) => `${code}:${Math.round(points)}`),
    at: new Date(nowMs).toISOString(),
  };
}
