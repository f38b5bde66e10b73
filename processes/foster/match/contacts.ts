/**
 * The case worker's contacts with a match, on the policy's schedule (docs/processes/foster.md,
 * "Match support"): mentor and youth within 48 hours of the first meeting, a second in the
 * first month, then monthly; the caregiver in the first month, then quarterly. Each contact
 * is a `match_contact` task opened when the one before falls due, due on its own date; late,
 * it escalates like a check-in, and the match's health counts it. Matches that ran monthly
 * check-ins move to this schedule at their next check-in date (behind the match-support patch).
 */
import { addDuration, scaleDuration } from '../../../platform/workflow/calendar';
import { mergeChanges, type Change } from '../../../platform/workflow/case-runtime';
import type { CompleteTaskInput } from '../../../platform/workflow/messages';
import type { TaskRecord } from '../../../platform/workflow/records';
import { supportRules } from '../policy';
import type { MatchCase } from './match-case';
import { supportTaskIfNeeded } from './support';
import type { ContactMeans, ContactParty, ContactRecord } from './support-types';

/** The k-th contact (from 1): when its task opens, when it is due, whether it must reach the caregiver. */
export interface ContactSlot {
  k: number;
  opensAt: number;
  dueAt: number;
  caregiver: boolean;
}

/** The caregiver's contacts due at most this many times in a lifetime's schedule (a bound, not a rule). */
const CAREGIVER_BOUND = 1000;

export function contactSlot(m: MatchCase, k: number): ContactSlot {
  const { contactSchedule: c } = supportRules(m.rules);
  const cal = m.rt.calendar;
  const met = Date.parse(m.state.firstMeetingAt!);
  const dueOf = (n: number): number =>
    n === 1
      ? addDuration(met, c.first, cal)
      : n === 2
        ? addDuration(met, c.second, cal)
        : addDuration(addDuration(met, c.second, cal), scaleDuration(c.every, n - 2), cal);
  const opensAt = k === 1 ? met : dueOf(k - 1);
  const dueAt = dueOf(k);
  let caregiver = false;
  for (let j = 0; j < CAREGIVER_BOUND; j++) {
    const at =
      j === 0
        ? addDuration(met, c.caregiverFirst, cal)
        : addDuration(addDuration(met, c.caregiverFirst, cal), scaleDuration(c.caregiverEvery, j), cal);
    if (at > dueAt) break;
    if (at > opensAt) caregiver = true;
  }
  return { k, opensAt, dueAt, caregiver };
}

/** The k-th contact's task: for the match's case worker, due on its date. */
export function openContact(m: MatchCase, slot: ContactSlot): Change {
  const { rt, short, caseWorker, state } = m;
  state.contactsScheduled = slot.k;
  const who = slot.caregiver ? 'mentor, youth and caregiver' : 'mentor and youth';
  const task = rt.openTask({
    ...caseWorker,
    type: 'match_contact',
    title: `Contact ${slot.k} for match ${short} (${who}), due ${rt.calendar.date(slot.dueAt)}`,
    outcomes: ['done'],
    ref: new Date(slot.dueAt).toISOString(),
    dueAtMs: slot.dueAt,
  });
  state.nextContactDue = nextContactDue(m);
  return task;
}

/** The earliest due date of a contact not yet logged: an open one, else the next in the schedule. */
export function nextContactDue(m: MatchCase): string | undefined {
  const { state, rt } = m;
  if (state.stage !== 'active' || !state.firstMeetingAt) return undefined;
  const open = rt.openTasks((t) => t.type === 'match_contact').map((t) => t.dueAt);
  if (open.length) return open.sort()[0];
  return new Date(contactSlot(m, (state.contactsScheduled ?? 0) + 1).dueAt).toISOString();
}

/** Opens each contact when the one before falls due; each opening also weighs a contact now overdue. */
export async function runContacts(m: MatchCase): Promise<void> {
  if (m.running.contacts) return;
  m.running.contacts = true;
  try {
    const { state, rt } = m;
    while (state.stage === 'active' && state.contactsScheduled !== undefined) {
      const scheduled = state.contactsScheduled;
      const slot = contactSlot(m, scheduled + 1);
      const moved = () => state.stage !== 'active' || state.contactsScheduled !== scheduled;
      if (await rt.untilOr(moved, slot.opensAt)) continue;
      await m.commitSupport(openContact(m, slot));
    }
  } finally {
    m.running.contacts = false;
  }
}

/**
 * A match that ran monthly check-ins, at a check-in's date: it moves to the contact schedule,
 * whose next contact (the first due after now) opens at once.
 */
export function moveToContacts(m: MatchCase): void {
  const { state } = m;
  const now = Date.now();
  let k = 1;
  while (contactSlot(m, k).dueAt <= now) k++;
  state.contactsScheduled = k - 1;
  state.nextCheckInDue = undefined;
  state.contacts ??= [];
}

/** A contact logged; a safety concern raises an urgent review for the case supervisors. */
export async function matchContact(
  m: MatchCase,
  task: TaskRecord,
  { data, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, short, rt } = m;
  const d = data!;
  const record: ContactRecord = {
    dueOn: task.ref!,
    recordedAt: rt.nowIso(),
    by: actor.id,
    reached: d.reached as ContactParty[],
    how: d.how as ContactMeans,
    satisfaction: d.satisfaction as number,
    ...(typeof d.concerns === 'string' ? { concerns: d.concerns } : {}),
    safetyConcern: d.safetyConcern as boolean,
  };
  (state.contacts ??= []).push(record);
  const logged = {
    events: [
      rt.event(actor, 'contact_logged', {
        dueOn: record.dueOn,
        reached: record.reached,
        how: record.how,
        satisfaction: record.satisfaction,
        safetyConcern: record.safetyConcern,
      }),
    ],
  };
  const review = record.safetyConcern
    ? rt.openTask({
        type: 'safety_review',
        title: `URGENT: safety concern in match ${short}`,
        candidateRoles: ['case_supervisor'],
        scope: {},
        outcomes: ['done'],
      })
    : {};
  // The task is already marked completed: the next due is the schedule's without it.
  state.nextContactDue = nextContactDue(m);
  return mergeChanges(logged, review, supportTaskIfNeeded(m));
}
