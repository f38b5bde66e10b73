/**
 * Wellness check-in calls (`wellness-checkin-<caseId>`, docs/processes/wellness-check-ins.md). A partnership
 * coordinator assigns an approved caller who speaks the youth's language; the plan is 3
 * calls a week apart (the first at once), each logged by the caller within 2 days of its
 * date or the coordinator is alerted (the task escalates). Two unreached calls in a row
 * ask the referrer to confirm the contact details; a need flagged opens a resource task
 * for the coordinator (2 business days); a safety concern an urgent task for the
 * coordinator and the referrer, due the same day. After the third call the caller ends it
 * or extends to at most 5 calls; the case closes once nothing urgent is open, with a
 * summary to the referrer (counts only: the youth is never named in an e-mail).
 */
import { wellnessEmail } from './email-messages';
import { continueAsNew, patched } from '@temporalio/workflow';
import { roleMailbox, roleToken, userToken } from '../../platform/workflow/access';
import { addDuration, laDate, laStartOfDay, addDays } from '../../platform/workflow/calendar';
import {
  CaseRuntime,
  mergeChanges,
  newCase,
  onCompletedByType,
  refuse,
  type Change,
  type TaskCompletionHook,
} from '../../platform/workflow/case-runtime';
import { SYSTEM, type ActingUser, type Actor } from '../../platform/workflow/records';
import { sameLanguage } from './rules';
import type { CallerFacts, Need, WellnessInput, WellnessState } from './types';

export const wellnessWorkflowId = (caseId: string): string => `wellness-checkin-${caseId}`;

/** The task types of this process: the compiler checks each has its handler below. */
export const WELLNESS_TASK_TYPES = [
  'assign_caller',
  'wellness_call',
  'confirm_contact',
  'resource_referral',
  'safety_review',
  'extend_or_close',
] as const;
type WellnessTaskType = (typeof WELLNESS_TASK_TYPES)[number];
const COORDINATOR = 'partnership_coordinator';
/** Open tasks that keep a closing case open: what a call brought up is seen to first. */
const FOLLOW_UPS = ['safety_review', 'resource_referral', 'confirm_contact'];
const SUPERVISOR = 'case_supervisor';
/**
 * Need to know: case supervisors read every youth record; once a caller is assigned, only
 * the coordinator who assigned them (not every coordinator) keeps reading it and gets its
 * coordinator tasks, and overdue tasks alert that coordinator and case supervisors.
 */
const NEED_TO_KNOW = 'wellness-need-to-know';

function initialState(input: WellnessInput): WellnessState {
  return {
    ...newCase({
      caseId: input.caseId,
      type: 'wellness_checkin',
      stage: 'awaiting_caller',
      subject: `Wellness check-ins ${input.caseId.slice(0, 8)} (${input.youth.county})`,
      viewers: [
        userToken(input.referrer.id),
        roleToken(COORDINATOR),
        ...(patched(NEED_TO_KNOW) ? [roleToken(SUPERVISOR)] : []),
      ],
      ownerId: input.referrer.id,
    }),
    youth: input.youth,
    source: input.source,
    contact: input.contact,
    guardianConsent: input.guardianConsent,
    referrer: input.referrer,
    plannedCalls: input.policy.wellness.plannedCalls,
    calls: [],
    extended: false,
  };
}

export async function wellnessCheckinWorkflow(input: WellnessInput): Promise<{ caseId: string; stage: string }> {
  const state = input.state ?? initialState(input);
  const rules = input.policy.wellness;
  const short = state.caseId.slice(0, 8);
  const rt = new CaseRuntime(state, input.policy, (s) => ({
    youth: s.youth,
    source: s.source,
    contact: s.contact,
    guardianConsent: s.guardianConsent,
    referrer: s.referrer,
    ...(s.caller
      ? {
          caller: {
            caseId: s.caller.caseId,
            userId: s.caller.userId,
            name: s.caller.name,
            assignedAt: s.caller.assignedAt,
            ...(s.caller.assignedBy ? { assignedBy: s.caller.assignedBy } : {}),
          },
        }
      : {}),
    plannedCalls: s.plannedCalls,
    calls: s.calls,
    ...(s.nextCallAt ? { nextCallAt: s.nextCallAt } : {}),
    extended: s.extended,
    ...(s.outcome ? { outcome: s.outcome } : {}),
  }));
  const coordinator = { candidateRoles: [COORDINATOR], scope: {}, escalateTo: COORDINATOR };
  /** Who the coordinator's tasks after the assignment are for: the assigning coordinator and case supervisors. */
  const assigner = () => state.caller?.assignedBy;
  /** Late tasks alert the assigning coordinator and case supervisors (before the assignment: the coordinators). */
  const escalation = () => {
    const by = assigner();
    return by
      ? {
          escalateTo: SUPERVISOR,
          escalateAlso: { id: by, ...(state.caller?.assignerEmail ? { email: state.caller.assignerEmail } : {}) },
        }
      : { escalateTo: COORDINATOR };
  };
  /** After the assignment a task's notice goes to the assigning coordinator (or the case supervisors), never to every coordinator. */
  const assignerMail = () => state.caller?.assignerEmail ?? roleMailbox(rt.policy.mailboxes, SUPERVISOR);
  const coordinatorTask = () => {
    const by = assigner();
    return by
      ? {
          candidateRoles: [COORDINATOR, SUPERVISOR],
          candidates: [userToken(by), roleToken(SUPERVISOR)],
          scope: {},
          notifyEmail: assignerMail(),
          ...escalation(),
        }
      : coordinator;
  };

  function assignCallerTask(): Change {
    rt.setStage('awaiting_caller');
    return rt.openTask({
      ...coordinator,
      type: 'assign_caller',
      title: `Assign a caller to wellness check-ins ${short}`,
      outcomes: ['assigned'],
    });
  }

  /** Call n's task: due its date plus the time to log it, for the assigned caller. */
  function callTask(n: number, at: number): Change {
    const caller = state.caller!;
    state.nextCallAt = new Date(at).toISOString();
    return rt.openTask({
      type: 'wellness_call',
      title: `Wellness call ${n} of ${state.plannedCalls} (check-ins ${short}), on ${laDate(at)}`,
      candidateRoles: ['caller'],
      candidates: [userToken(caller.userId)],
      notifyEmail: caller.email,
      scope: {},
      outcomes: ['logged'],
      ref: String(n),
      dueAtMs: addDuration(at, rules.logWithin, rt.calendar),
      ...escalation(),
      // Reminded on the call's date; a call due now (the first) is announced by its assignment e-mail.
      noReminder: at <= Date.now(),
    });
  }
  const callDate = (n: number) =>
    addDuration(Date.parse(state.caller!.assignedAt), multiply(rules.callEvery, n - 1), rt.calendar);

  /** Ends the calls; the case closes once what they brought up is seen to. */
  function endCalls(actor: Actor, outcome: string): Change {
    state.outcome = outcome;
    state.nextCallAt = undefined;
    const cancelled = rt
      .openTasks((t) => !FOLLOW_UPS.includes(t.type))
      .map((t) => rt.closeTask(t, 'cancelled', actor, `check-ins ${outcome}`));
    rt.setStage('closing');
    return mergeChanges(...cancelled, closeIfSettled());
  }

  function closeIfSettled(): Change {
    if (state.stage !== 'closing' || rt.openTasks((t) => FOLLOW_UPS.includes(t.type)).length) return {};
    rt.setStage('closed', 'closed');
    const reached = state.calls.filter((c) => c.reached).length;
    const needs = [...new Set(state.calls.flatMap((c) => c.needs))];
    const summary = {
      reference: short,
      outcome: `${state.outcome}`,
      callCount: state.calls.length,
      reachedCount: reached,
    };
    return {
      events: [rt.event(SYSTEM, 'checkins_closed', { calls: state.calls.length, reached, outcome: state.outcome })],
      emails: [
        rt.email(
          `${state.caseId}:summary`,
          [state.referrer.email],
          needs.length
            ? wellnessEmail('summary-with-needs', { ...summary, needKinds: needs.length })
            : wellnessEmail('summary', summary),
          rt.caseLink(),
        ),
      ],
    };
  }

  /** What a logged call brings up: resources, safety, a contact to confirm. */
  function followUps(needs: Need[], actor: Actor): Change {
    const changes: Change[] = [];
    const resources = needs.filter((n) => n !== 'safety');
    if (resources.length) {
      // The needs themselves are in the call log: a title travels in e-mails and inboxes.
      changes.push(
        rt.openTask(
          {
            ...coordinatorTask(),
            type: 'resource_referral',
            title: `Resources for wellness check-ins ${short}`,
            outcomes: ['done'],
          },
          actor,
        ),
      );
    }
    if (needs.includes('safety')) {
      // Urgent: the coordinator(s) and the referrer, due the end of this day.
      const by = coordinatorTask();
      const task = rt.openTask(
        {
          type: 'safety_review',
          title: `URGENT: safety concern in wellness check-ins ${short}`,
          candidateRoles: [...by.candidateRoles, 'referrer'],
          candidates: [
            ...('candidates' in by ? by.candidates : [roleToken(COORDINATOR)]),
            userToken(state.referrer.id),
          ],
          scope: {},
          outcomes: ['done'],
          dueAtMs: laStartOfDay(addDays(laDate(Date.now()), 1)),
          ...escalation(),
          ...(assigner() ? { notifyEmail: assignerMail() } : {}),
        },
        actor,
      );
      const urgentTo = assigner()
        ? [assignerMail(), roleMailbox(rt.policy.mailboxes, SUPERVISOR)]
        : [roleMailbox(rt.policy.mailboxes, COORDINATOR)];
      changes.push(task, {
        emails: [
          rt.email(
            `${task.tasks![0].id}:urgent`,
            [...urgentTo, state.referrer.email],
            wellnessEmail('urgent-safety-concern', { reference: short }),
            rt.taskLink(task.tasks![0].id),
          ),
        ],
      });
    }
    const last = state.calls.slice(-rules.unreachedBeforeConfirm);
    if (
      last.length === rules.unreachedBeforeConfirm &&
      last.every((c) => !c.reached) &&
      !rt.openTasks((t) => t.type === 'confirm_contact').length
    ) {
      changes.push(
        rt.openTask(
          {
            type: 'confirm_contact',
            title: `Confirm the contact details for wellness check-ins ${short}`,
            candidateRoles: ['referrer'],
            candidates: [userToken(state.referrer.id)],
            notifyEmail: state.referrer.email,
            scope: {},
            outcomes: ['confirmed', 'unreachable'],
            ...escalation(),
          },
          actor,
        ),
      );
    }
    return mergeChanges(...changes);
  }

  /** After a call: the next one, the caller's choice after the plan, or the end. */
  function nextStep(actor: Actor): Change {
    const done = state.calls.length;
    if (done < state.plannedCalls) return callTask(done + 1, Math.max(Date.now(), callDate(done + 1)));
    if (!state.extended && state.plannedCalls < rules.maxCalls) {
      rt.setStage('deciding');
      state.nextCallAt = undefined;
      return rt.openTask(
        {
          type: 'extend_or_close',
          title: `Extend or end wellness check-ins ${short}`,
          candidateRoles: ['caller'],
          candidates: [userToken(state.caller!.userId)],
          notifyEmail: state.caller!.email,
          scope: {},
          outcomes: ['extend', 'close'],
          ...escalation(),
        },
        actor,
      );
    }
    return endCalls(actor, 'completed');
  }

  const onCompleted: { [T in WellnessTaskType]: TaskCompletionHook } = {
    assign_caller: async (_task, { context, actor }) => {
      const caller = context!.caller as CallerFacts;
      state.caller = {
        caseId: caller.caseId,
        userId: caller.userId!,
        name: caller.name,
        email: caller.email,
        assignedAt: rt.nowIso(),
      };
      if (patched(NEED_TO_KNOW)) {
        // From now on the record is the assigning coordinator's, not every coordinator's.
        state.caller.assignedBy = actor.id;
        if ((actor as ActingUser).email) state.caller.assignerEmail = (actor as ActingUser).email;
        const others = roleToken(COORDINATOR);
        state.viewers = [
          ...new Set([
            ...state.viewers.filter((v) => v !== others),
            roleToken(SUPERVISOR),
            userToken(actor.id),
            userToken(caller.userId!),
          ]),
        ];
      } else {
        state.viewers = [...new Set([...state.viewers, userToken(caller.userId!)])];
      }
      rt.setStage('calling');
      return mergeChanges(
        { events: [rt.event(actor, 'caller_assigned', { callerCaseId: caller.caseId, callerId: caller.userId })] },
        callTask(1, Date.now()),
      );
    },
    wellness_call: async (task, { data, actor }) => {
      const d = data as { reached: boolean; minutes: number; mood?: number; needs?: Need[]; notes?: string };
      const call = {
        n: Number(task.ref),
        plannedFor: state.nextCallAt ?? rt.nowIso(),
        loggedAt: rt.nowIso(),
        by: actor.id,
        reached: d.reached,
        minutes: d.minutes,
        ...(d.mood !== undefined ? { mood: d.mood } : {}),
        needs: d.needs ?? [],
        ...(d.notes ? { notes: d.notes } : {}),
      };
      state.calls.push(call);
      return mergeChanges(
        {
          events: [
            rt.event(actor, 'call_logged', {
              n: call.n,
              reached: call.reached,
              minutes: call.minutes,
              needs: call.needs,
            }),
          ],
        },
        followUps(call.needs, actor),
        nextStep(actor),
      );
    },
    extend_or_close: async (_task, { outcome, actor }) => {
      if (outcome === 'close') return endCalls(actor, 'completed');
      state.extended = true;
      state.plannedCalls = rules.maxCalls;
      rt.setStage('calling');
      return mergeChanges(
        { events: [rt.event(actor, 'checkins_extended', { plannedCalls: state.plannedCalls })] },
        nextStep(actor),
      );
    },
    confirm_contact: async (_task, { outcome, data, actor }) => {
      if (outcome === 'unreachable')
        return mergeChanges({ events: [rt.event(actor, 'youth_unreachable', {})] }, endCalls(actor, 'unreachable'));
      const d = (data ?? {}) as { phone?: string; preferredTimes?: string };
      state.contact = {
        phone: d.phone ?? state.contact.phone,
        preferredTimes: d.preferredTimes ?? state.contact.preferredTimes,
      };
      return mergeChanges(
        { events: [rt.event(actor, 'contact_confirmed', { changed: !!(d.phone || d.preferredTimes) })] },
        closeIfSettled(),
      );
    },
    resource_referral: async (_task, { actor }) =>
      mergeChanges({ events: [rt.event(actor, 'resources_referred', {})] }, closeIfSettled()),
    safety_review: async (_task, { actor }) =>
      mergeChanges({ events: [rt.event(actor, 'safety_reviewed', {})] }, closeIfSettled()),
  };

  rt.registerTaskHandlers(onCompletedByType(onCompleted), (task, { outcome, context }) => {
    if (task.type === 'assign_caller' && outcome === 'assigned') {
      const caller = context?.caller as CallerFacts | undefined;
      if (!caller || caller.stage !== 'approved' || !caller.userId)
        refuse(
          'caller_not_available',
          'Assign an approved caller (their screening is not approved, or they are not in the pool)',
        );
      // One person, one party role: the youth's referrer does not also make the calls.
      if (caller.userId === state.referrer.id)
        refuse('invalid_party', 'The referrer of these check-ins may not also be their caller');
      if (!sameLanguage(caller.languages, state.youth.languages)) {
        refuse(
          'caller_language_mismatch',
          `The caller must speak the youth's language (${state.youth.languages.join(' or ')})`,
        );
      }
    }
  });

  if (!state.recorded) {
    await rt.commit(
      mergeChanges(
        { events: [rt.event(input.referredBy, 'referred', { source: state.source, county: state.youth.county })] },
        assignCallerTask(),
      ),
    );
    state.recorded = true;
  } else {
    rt.resumeTaskTimers();
  }
  await rt.runUntilClosed((s) => continueAsNew<typeof wellnessCheckinWorkflow>({ ...input, state: s }));
  return { caseId: state.caseId, stage: state.stage };
}

/** A policy duration n times over ('P7D' × 2 = 'P14D'; business days likewise). */
function multiply(
  d: WellnessInput['policy']['wellness']['callEvery'],
  n: number,
): WellnessInput['policy']['wellness']['callEvery'] {
  if (typeof d !== 'string') return { businessDays: d.businessDays * n };
  return d.replace(/(\d+)([YMWDHS])/g, (_m, k: string, unit: string) => `${Number(k) * n}${unit}`);
}
