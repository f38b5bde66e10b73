/**
 * The 4-month window of a Partner application: reminders 30 and 7 days before its deadline,
 * and at the deadline, not Partner yet, back to Affiliate (a renewal instead keeps the old
 * certificate until it expires). Started when the application is approved, and again after
 * a continue-as-new while the cycle is in progress.
 *
 * It runs once at a time: an approval that comes with a continued run's first activation runs
 * inside setHandler and starts the window just before the run's start resumes it; the second
 * start then does nothing (behind a patch: a run recorded before it replays what it did).
 */
import { patched } from '@temporalio/workflow';
import { certificationEmail } from './email-messages';
import { subtractDuration } from '../../platform/workflow/calendar';
import { mergeChanges, type Change } from '../../platform/workflow/case-runtime';
import { SYSTEM } from '../../platform/workflow/records';
import type { Cycle } from './cycle';
import { setLevel } from './program-level';
import { IN_PROGRESS_STAGES } from './types';

function expireOpenTasks(cycle: Cycle, reason: string): Change {
  const { rt } = cycle;
  return mergeChanges(...rt.openTasks().map((t) => rt.closeTask(t, 'expired', SYSTEM, reason)));
}

/** The window already waits in this run: from this version on, a second start does nothing. */
const STARTED_ONCE = 'partner-window-started-once';

/** Reminders 30 and 7 days before the deadline; at the deadline, back to Affiliate. */
export async function runPartnerWindow(cycle: Cycle): Promise<void> {
  if (cycle.windowRunning && patched(STARTED_ONCE)) return;
  cycle.windowRunning = true;
  try {
    await partnerWindow(cycle);
  } finally {
    cycle.windowRunning = false;
  }
}

async function partnerWindow(cycle: Cycle): Promise<void> {
  const { state, program, policy, rt, tellContact } = cycle;
  const deadline = Date.parse(state.deadline!);
  const inWindow = () => IN_PROGRESS_STAGES.includes(state.stage);
  const reminders = policy.certification.windowReminders;
  while (state.windowRemindersSent < reminders.length) {
    const at = subtractDuration(deadline, reminders[state.windowRemindersSent], rt.calendar);
    if (await rt.untilOr(() => !inWindow(), at)) return;
    const n = state.windowRemindersSent++;
    // A reminder whose moment came before the window opened is skipped (the window was
    // shorter than it); one whose timer merely fired late is still sent.
    const opened = subtractDuration(deadline, policy.certification.partnerWindow, rt.calendar);
    const skip = patched('late-window-reminders-sent') ? at < opened : at < Date.now() - 60_000;
    if (skip) continue;
    await rt.commit({
      events: [rt.event(SYSTEM, 'deadline_reminder_sent', { deadline: state.deadline })],
      emails: [
        tellContact(
          `${state.caseId}:window-${n}`,
          certificationEmail('partner-deadline', {
            programName: program.name,
            deadlineDate: rt.calendar.date(deadline - 1),
            deadline: `${state.deadline}`,
          }),
        ),
      ],
    });
  }
  if (await rt.untilOr(() => !inWindow(), deadline)) return;
  const expired = expireOpenTasks(cycle, 'the 4-month window ended');
  if (state.renewal) {
    // The old certificate still counts until it expires; only this renewal attempt ends.
    rt.setStage('expired', 'closed');
    await rt.commit(
      mergeChanges(expired, {
        events: [
          rt.event(SYSTEM, 'renewal_window_expired', {
            reason: 'not Partner within the 4-month window',
            deadline: state.deadline,
          }),
        ],
        emails: [
          tellContact(
            `${state.caseId}:window-end`,
            certificationEmail('renewal-window-ended', {
              programName: program.name,
              deadline: `${state.deadline}`,
              certifiedUntil: `${program.certifiedUntilAtApplication}`,
            }),
          ),
        ],
      }),
    );
    return;
  }
  const level = await setLevel(
    cycle,
    'affiliate',
    null,
    'Not Partner within 4 months of becoming Associate Partner',
    SYSTEM,
  );
  // The stage changes only together with its commit: the case must not look closed before.
  rt.setStage('affiliate', 'closed');
  await rt.commit(
    mergeChanges(expired, level, {
      events: [
        rt.event(SYSTEM, 'returned_to_affiliate', {
          reason: 'not Partner within 4 months of becoming Associate Partner',
          deadline: state.deadline,
        }),
      ],
      emails: [
        tellContact(
          `${state.caseId}:window-end`,
          certificationEmail('returned-to-affiliate', { programName: program.name, deadline: `${state.deadline}` }),
        ),
      ],
    }),
  );
}
