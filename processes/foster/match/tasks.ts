/**
 * A match's tasks, one named handler per task type: each party's consent (any decline
 * cancels the proposal), the first meeting (the schedule starts), check-ins (a safety
 * concern raises an urgent review), the safety review, the anniversary (recommit or close)
 * and the closure conversations; and the synchronous checks a completion must pass first.
 */
import { patched } from '@temporalio/workflow';
import { addDuration } from '../../../platform/workflow/calendar';
import { mergeChanges, refuse, type Change } from '../../../platform/workflow/case-runtime';
import type { CompleteTaskInput } from '../../../platform/workflow/messages';
import type { TaskRecord } from '../../../platform/workflow/records';
import type { CheckIn } from '../types';
import { closureComplete, finishClosure, startClosing } from './closure';
import type { MatchCase, Party } from './match-case';
import { tellParties } from './parties';
import { contactSlot, openContact, runContacts } from './contacts';
import { runAnniversary, runCheckIns } from './schedule';
import { supportOn } from './support';
import { checkSurveyCollection, startSurveys } from './surveys';

/** A party's consent, as recorded: all accepted opens the first meeting; any decline cancels. */
export async function consent(
  m: MatchCase,
  task: TaskRecord,
  { outcome, comment, data, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, short, rt, caseWorker, closeOpen } = m;
  const party = task.ref as Party;
  state.consents[party] = {
    status: outcome === 'accept' ? 'accepted' : 'declined',
    by: actor.id,
    at: rt.nowIso(),
    ...(data?.how ? { how: String(data.how) } : {}),
  };
  if (outcome === 'decline') {
    // Any decline cancels the proposal; both return to the pool.
    rt.setStage('cancelled', 'closed');
    await tellParties(m, 'cancelled');
    return mergeChanges(closeOpen('cancelled', actor, `${party} declined`), {
      events: [rt.event(actor, 'proposal_cancelled', { party, ...(comment ? { reason: comment } : {}) })],
    });
  }
  const given = { events: [rt.event(actor, 'consent_given', { party })] };
  if (Object.values(state.consents).every((c) => c.status === 'accepted')) {
    rt.setStage('awaiting_first_meeting');
    return mergeChanges(
      given,
      rt.openTask({
        ...caseWorker,
        type: 'first_meeting',
        title: `First meeting of match ${short}`,
        outcomes: ['done'],
      }),
    );
  }
  return given;
}

/** The first meeting held: the match is active, and check-ins and the anniversary are scheduled. */
export async function firstMeeting(
  m: MatchCase,
  _task: TaskRecord,
  { data, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, rules, rt } = m;
  // The schedule counts from the first meeting: its date when given, else now.
  const met =
    typeof data?.meetingDate === 'string'
      ? Math.min(Date.now(), rt.calendar.startOfDay(data.meetingDate) + 12 * 3_600_000)
      : Date.now();
  state.firstMeetingAt = new Date(met).toISOString();
  state.anniversaryAt = new Date(addDuration(met, rules.commitment, rt.calendar)).toISOString();
  rt.setStage('active');
  if (supportOn()) {
    // The contact schedule: the first contact opens now, due within 48 hours of the meeting.
    state.contacts = [];
    const first = openContact(m, contactSlot(m, 1));
    void runContacts(m);
    void runAnniversary(m);
    startSurveys(m);
    const held = rt.event(actor, 'first_meeting_held', {
      at: state.firstMeetingAt,
      nextContactDue: state.nextContactDue,
    });
    return mergeChanges({ events: [held] }, first);
  }
  state.nextCheckInDue = new Date(addDuration(met, rules.firstCheckInAfter, rt.calendar)).toISOString();
  void runCheckIns(m);
  void runAnniversary(m);
  startSurveys(m);
  return {
    events: [rt.event(actor, 'first_meeting_held', { at: state.firstMeetingAt, nextCheckInDue: state.nextCheckInDue })],
  };
}

/** A check-in recorded; a safety concern raises an urgent task for the case supervisors. */
export async function checkIn(m: MatchCase, task: TaskRecord, { data, actor }: CompleteTaskInput): Promise<Change> {
  const { state, short, rt } = m;
  const d = data!;
  const record: CheckIn = {
    dueOn: task.ref!,
    recordedAt: rt.nowIso(),
    by: actor.id,
    contactMentor: d.contactMentor as boolean,
    contactYouth: d.contactYouth as boolean,
    contactCaregiver: d.contactCaregiver as boolean,
    satisfaction: d.satisfaction as number,
    safetyConcern: d.safetyConcern as boolean,
    ...(typeof d.notes === 'string' ? { notes: d.notes } : {}),
  };
  state.checkIns.push(record);
  const logged = {
    events: [
      rt.event(actor, 'check_in_recorded', {
        dueOn: record.dueOn,
        satisfaction: record.satisfaction,
        safetyConcern: record.safetyConcern,
      }),
    ],
  };
  if (!record.safetyConcern) return logged;
  // A safety concern raises an urgent task for the case supervisors at once.
  return mergeChanges(
    logged,
    rt.openTask({
      type: 'safety_review',
      title: `URGENT: safety concern in match ${short}`,
      candidateRoles: ['case_supervisor'],
      scope: {},
      outcomes: ['done'],
    }),
  );
}

/** A safety concern reviewed; a closure that waited on it completes with it. */
export async function safetyReview(
  m: MatchCase,
  _task: TaskRecord,
  { comment, actor }: CompleteTaskInput,
): Promise<Change> {
  const { rt } = m;
  const reviewed = { events: [rt.event(actor, 'safety_reviewed', comment ? { notes: comment } : {})] };
  // A closure that waited on this review completes with it.
  if (closureComplete(m)) {
    return mergeChanges(reviewed, await finishClosure(m, actor));
  }
  return reviewed;
}

/** At 12 months: recommit for another year, or close. */
export async function anniversary(
  m: MatchCase,
  _task: TaskRecord,
  { outcome, comment, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, rules, rt } = m;
  if (outcome === 'recommit') {
    state.anniversaryAt = new Date(
      addDuration(Date.parse(state.anniversaryAt!), rules.commitment, rt.calendar),
    ).toISOString();
    void runAnniversary(m);
    return { events: [rt.event(actor, 'recommitted', { nextAnniversary: state.anniversaryAt })] };
  }
  const closing = { reason: 'planned' as const, notes: comment ?? 'Commitment completed' };
  return startClosing(m, { ...closing, kind: 'planned', initiatedBy: 'program' }, actor);
}

/** A closure conversation held: the match closes, unless a safety review is still open. */
export async function closureInterview(
  m: MatchCase,
  _task: TaskRecord,
  { comment, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, rt } = m;
  state.closure!.conversations.push({ by: actor.id, at: rt.nowIso(), ...(comment ? { notes: comment } : {}) });
  // A safety review still open keeps the match closing until a case supervisor has done it.
  if (rt.openTasks((t) => t.type === 'safety_review').length && patched('closure-waits-on-safety-review')) {
    return { events: [rt.event(actor, 'closure_waits_on_safety_review', {})] };
  }
  return finishClosure(m, actor);
}

/** A first meeting is not before the acceptance; a consent recorded for someone says how it was given. */
export function checkCompletion(m: MatchCase, task: TaskRecord, input: CompleteTaskInput): void {
  const { state, rt } = m;
  const { outcome, data } = input;
  checkSurveyCollection(task, input);
  // A first meeting is not before the match was accepted (nor, by its schema, in the future).
  if (task.type === 'first_meeting' && typeof data?.meetingDate === 'string') {
    const accepted = Object.values(state.consents)
      .map((c) => c.at)
      .filter((at): at is string => !!at)
      .sort()
      .pop();
    if (accepted && data.meetingDate < rt.calendar.date(Date.parse(accepted))) {
      refuse('invalid_task_data', 'The first meeting cannot be before the match was accepted', [
        {
          path: 'data.meetingDate',
          message: `must not be before ${rt.calendar.date(Date.parse(accepted))}, when the match was accepted`,
        },
      ]);
    }
  }
  if (task.type === 'consent' && task.ref !== 'social_worker' && outcome === 'accept' && !data?.how) {
    refuse('consent_method_required', 'Record how consent was given in data.how (e.g. "signed form", "phone")');
  }
}

/** The support planned for a match whose health fell: recorded; a new one opens if it falls again. */
export async function matchSupport(
  m: MatchCase,
  _task: TaskRecord,
  { data, actor }: CompleteTaskInput,
): Promise<Change> {
  const plan = typeof data?.plan === 'string' ? { plan: data.plan } : {};
  return { events: [m.rt.event(actor, 'support_planned', plan)] };
}
