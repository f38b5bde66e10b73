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
import { continueAsNew, patched } from '@temporalio/workflow';
import { roleToken, userToken } from '../../platform/workflow/access';
import { CaseRuntime, mergeChanges, newCase, onCompletedByType } from '../../platform/workflow/case-runtime';
import { refuseUnfitCaller, wellnessTaskHandlers } from './handlers';
import { COORDINATOR, NEED_TO_KNOW, SUPERVISOR, wellnessSteps } from './steps';
import type { WellnessInput, WellnessState } from './types';

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
export type WellnessTaskType = (typeof WELLNESS_TASK_TYPES)[number];

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
  const steps = wellnessSteps(state, rt, rules);
  rt.registerTaskHandlers(onCompletedByType(wellnessTaskHandlers(state, rt, rules, steps)), refuseUnfitCaller(state));

  if (!state.recorded) {
    await rt.commit(
      mergeChanges(
        { events: [rt.event(input.referredBy, 'referred', { source: state.source, county: state.youth.county })] },
        steps.assignCallerTask(),
      ),
    );
    state.recorded = true;
  } else {
    rt.resumeTaskTimers();
  }
  await rt.runUntilClosed((s) => continueAsNew<typeof wellnessCheckinWorkflow>({ ...input, state: s }));
  return { caseId: state.caseId, stage: state.stage };
}
