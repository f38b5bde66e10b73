/**
 * What each wellness task does when it is completed (one named handler per task type, the
 * compiler checks every type has one), and the refusal of a caller who may not take the calls.
 */
import { patched } from '@temporalio/workflow';
import { roleToken, userToken } from '../../platform/workflow/access';
import {
  mergeChanges,
  refuse,
  type CaseRuntime,
  type TaskCompletionHook,
  type TaskValidator,
} from '../../platform/workflow/case-runtime';
import type { ActingUser } from '../../platform/workflow/records';
import { sameLanguage } from './rules';
import { COORDINATOR, NEED_TO_KNOW, SUPERVISOR, type WellnessSteps } from './steps';
import type { CallerFacts, Need, WellnessInput, WellnessState } from './types';
import type { WellnessTaskType } from './workflow';

export function wellnessTaskHandlers(
  state: WellnessState,
  rt: CaseRuntime<WellnessState>,
  rules: WellnessInput['policy']['wellness'],
  { callTask, followUps, nextStep, endCalls, closeIfSettled }: WellnessSteps,
): { [T in WellnessTaskType]: TaskCompletionHook } {
  return {
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
}

/** An assignment's caller must be approved, speak the youth's language and not be the referrer. */
export function refuseUnfitCaller(state: WellnessState): TaskValidator {
  return (task, { outcome, context }) => {
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
  };
}
