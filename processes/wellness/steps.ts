/**
 * The steps of wellness check-ins, shared by the task handlers and the start: opening the
 * coordinator's assignment and each call's task, what a logged call brings up, the next call
 * or the caller's choice after the plan, and the close once nothing urgent is open. Each returns
 * the Change the runtime commits; the workflow (workflow.ts) and its handlers (handlers.ts) call them.
 */
import { wellnessEmail } from './email-messages';
import { roleMailbox, roleToken, userToken } from '../../platform/workflow/access';
import { addDuration, addDays } from '../../platform/workflow/calendar';
import { mergeChanges, type CaseRuntime, type Change } from '../../platform/workflow/case-runtime';
import { SYSTEM, type Actor } from '../../platform/workflow/records';
import type { Need, WellnessInput, WellnessState } from './types';

export const COORDINATOR = 'partnership_coordinator';
/** Open tasks that keep a closing case open: what a call brought up is seen to first. */
export const FOLLOW_UPS = ['safety_review', 'resource_referral', 'confirm_contact'];
export const SUPERVISOR = 'case_supervisor';
/**
 * Need to know: case supervisors read every youth record; once a caller is assigned, only
 * the coordinator who assigned them (not every coordinator) keeps reading it and gets its
 * coordinator tasks, and overdue tasks alert that coordinator and case supervisors.
 */
export const NEED_TO_KNOW = 'wellness-need-to-know';

type WellnessRules = WellnessInput['policy']['wellness'];

export function wellnessSteps(state: WellnessState, rt: CaseRuntime<WellnessState>, rules: WellnessRules) {
  const short = state.caseId.slice(0, 8);
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
      title: `Wellness call ${n} of ${state.plannedCalls} (check-ins ${short}), on ${rt.calendar.date(at)}`,
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
          dueAtMs: rt.calendar.startOfDay(addDays(rt.calendar.date(Date.now()), 1)),
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

  return { short, assignCallerTask, callTask, callDate, endCalls, closeIfSettled, followUps, nextStep };
}

export type WellnessSteps = ReturnType<typeof wellnessSteps>;

/** A policy duration n times over ('P7D' × 2 = 'P14D'; business days likewise). */
function multiply(
  d: WellnessInput['policy']['wellness']['callEvery'],
  n: number,
): WellnessInput['policy']['wellness']['callEvery'] {
  if (typeof d !== 'string') return { businessDays: d.businessDays * n };
  return d.replace(/(\d+)([YMWDHS])/g, (_m, k: string, unit: string) => `${Number(k) * n}${unit}`);
}
