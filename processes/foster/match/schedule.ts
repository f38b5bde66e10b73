/**
 * A match's own clock once the first meeting was held: each check-in opened on its date
 * (2 weeks after the first meeting, then monthly), and the anniversary at 12 months. Started
 * by the first meeting (and a recommitment), and again after a continue-as-new.
 *
 * Each runs once at a time: an Update that comes with a continued run's first activation runs
 * inside setHandler, so a first meeting (or a recommitment) can start the schedule just before
 * the run's start resumes it. A second start then does nothing (behind a patch: a run recorded
 * before it replays the second start it had).
 */
import { patched } from '@temporalio/workflow';
import { addDuration, scaleDuration } from '../../../platform/workflow/calendar';
import { moveToContacts, runContacts } from './contacts';
import type { MatchCase } from './match-case';
import { supportOn } from './support';

/** A run already waits for this: from this version on, a second start does nothing. */
const STARTED_ONCE = 'match-schedule-started-once';

/** Opens each check-in on its date; the task escalates when it is 7 days late. */
export async function runCheckIns(m: MatchCase): Promise<void> {
  if (m.running.checkIns && patched(STARTED_ONCE)) return;
  m.running.checkIns = true;
  try {
    await checkInLoop(m);
  } finally {
    m.running.checkIns = false;
  }
}

async function checkInLoop(m: MatchCase): Promise<void> {
  const { state, rules, short, rt, caseWorker } = m;
  while (state.stage === 'active' && state.nextCheckInDue) {
    const dueOn = state.nextCheckInDue;
    if (await rt.untilOr(() => state.stage !== 'active' || state.nextCheckInDue !== dueOn, Date.parse(dueOn))) {
      if (state.stage !== 'active') return;
      continue;
    }
    // From match support on, a match that ran check-ins moves to the contact schedule here.
    if (supportOn()) {
      moveToContacts(m);
      void runContacts(m);
      return;
    }
    if (patched('anchored-check-ins')) {
      // Monthly, n months from the first check-in in one step: a cadence from the 31st
      // falls on the 28th in February and is back on the 31st in March.
      state.checkInAnchor ??= dueOn;
      state.monthlyCheckIns = (state.monthlyCheckIns ?? 0) + 1;
      const next = addDuration(
        Date.parse(state.checkInAnchor),
        scaleDuration(rules.checkInEvery, state.monthlyCheckIns),
        rt.calendar,
      );
      state.nextCheckInDue = new Date(next).toISOString();
    } else {
      state.nextCheckInDue = new Date(addDuration(Date.parse(dueOn), rules.checkInEvery, rt.calendar)).toISOString();
    }
    const task = rt.openTask({
      ...caseWorker,
      type: 'check_in',
      title: `Check-in for match ${short}, due ${rt.calendar.date(Date.parse(dueOn))}`,
      outcomes: ['done'],
      ref: dueOn,
    });
    await rt.commit(task);
  }
}

/** At 12 months the case worker records whether the match recommits or closes. */
export async function runAnniversary(m: MatchCase): Promise<void> {
  const { state, short, rt, caseWorker } = m;
  const at = state.anniversaryAt;
  if (!at || rt.openTasks((t) => t.type === 'anniversary').length) return;
  if (m.running.anniversaryAt === at && patched(STARTED_ONCE)) return;
  m.running.anniversaryAt = at;
  const moved = await rt.untilOr(() => state.stage !== 'active' || state.anniversaryAt !== at, Date.parse(at));
  if (m.running.anniversaryAt === at) m.running.anniversaryAt = undefined;
  if (moved) return;
  await rt.commit(
    rt.openTask({
      ...caseWorker,
      type: 'anniversary',
      title: `Anniversary of match ${short}: recommit or close`,
      outcomes: ['recommit', 'close'],
    }),
  );
}
