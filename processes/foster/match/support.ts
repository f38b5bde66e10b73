/**
 * What follows each support event of a match (a contact logged or missed, a survey answered
 * or missed, a safety concern): its health recomputed, a support task for its case worker when
 * the health falls below the policy's threshold, and the match's typed read-model row
 * (`match_facts`) written with every transition. Matches recorded before match support replay
 * without any of it; from the marker on, every transition carries the row.
 */
import { patched } from '@temporalio/workflow';
import { projectionRow, type ProjectionRow } from '../../../platform/workflow/projections';
import type { Change } from '../../../platform/workflow/case-runtime';
import { supportRules } from '../policy';
import type { MatchState } from '../types';
import { matchHealth } from './health';
import type { MatchCase } from './match-case';
import { MATCH_FACTS, type MatchFactsRow } from './support-types';

/** From this marker on a match records its support (contacts, health, surveys, structured closure). */
export const MATCH_SUPPORT = 'match-support';

/** Whether this run records match support (a run recorded before it replays without). */
export function supportOn(): boolean {
  return patched(MATCH_SUPPORT);
}

/** The health of an active or closing match, now. */
export function refreshHealth(m: MatchCase): void {
  const { state, rt, input, rules } = m;
  if (state.stage !== 'active' && state.stage !== 'closing') return;
  state.health = matchHealth(
    { state, openTasks: rt.openTasks(), risks: input.risks, nowMs: Date.now() },
    supportRules(rules).health,
  );
}

/**
 * The support task when the health fell below the threshold and none is open (an empty change
 * otherwise). The health is recomputed first, so the task follows the change just made.
 */
export function supportTaskIfNeeded(m: MatchCase): Change {
  const { state, rt, short, caseWorker, rules } = m;
  if (!supportOn()) return {};
  refreshHealth(m);
  const { supportBelow } = supportRules(rules).health;
  if (state.stage !== 'active' || !state.health || state.health.score >= supportBelow) return {};
  if (rt.openTasks((t) => t.type === 'match_support').length) return {};
  return rt.openTask({
    ...caseWorker,
    type: 'match_support',
    title: `Support match ${short}: its health is ${state.health.score}`,
    outcomes: ['done'],
  });
}

/** The match's read-model row, as of now. */
export function matchFactsRow(state: MatchState, input: MatchCase['input']): MatchFactsRow {
  const closed = state.stage === 'closed' || state.stage === 'cancelled';
  return {
    caseId: state.caseId,
    mentorCaseId: state.mentorCaseId,
    youthCaseId: state.youthCaseId,
    caseWorkerId: state.caseWorkerId,
    programId: input.programId ?? null,
    county: input.youthCounty ?? null,
    stage: state.stage,
    proposedAt: state.createdAt,
    firstMeetingAt: state.firstMeetingAt ?? null,
    closedAt: closed ? (state.closure?.closedAt ?? state.updatedAt) : null,
    closureKind: state.closure?.kind ?? null,
    closureReason: state.closure?.reason ?? null,
    healthScore: state.health?.score ?? null,
    healthBand: state.health?.band ?? null,
    healthReasons: state.health?.reasons ?? [],
    nextContactDue: state.stage === 'active' ? (state.nextContactDue ?? null) : null,
  };
}

/** The rows every transition of the match carries once it records its support (CaseRuntime's `extra`). */
export function supportRows(m: MatchCase): { projections?: ProjectionRow[] } {
  if (!supportOn()) return {};
  refreshHealth(m);
  return { projections: [projectionRow(MATCH_FACTS, matchFactsRow(m.state, m.input))] };
}
