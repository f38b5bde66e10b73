/**
 * Online mentor referral (`mentor-referral-<caseId>`, docs/processes/mentor-referral.md). A volunteer's public
 * form is offered to the best-fitting member programs (Affiliate or above, accepting,
 * serving the county or virtual; lib/ranking.ts) — up to three at once. Each program has
 * five business days to contact the volunteer; an offer not taken in time, declined, or
 * whose program drops below Affiliate passes to the next ranked program, for at most three
 * rounds; when no program is left a partnership coordinator places the referral by hand
 * or closes it. A program that made contact reports the outcome within 60 days; the first
 * `enrolled` ends every other offer (their programs are told). The volunteer may withdraw
 * at any time through the link in their confirmation e-mail.
 *
 * Before any of that, the volunteer confirms the e-mail address through a one-time link
 * (the form is public: it must not become a way to mail someone, or to have programs call
 * someone, at will). Until then no program hears of the referral; unconfirmed after the
 * policy's `confirmationValidity` (7 days) the referral lapses with nothing sent.
 *
 * This file is the referral's main line and its table of task handlers; the parts it wires:
 * referral-case.ts (state and runtime), task-outcomes.ts (the tasks' handlers), offers.ts
 * (offers made, passed on and ended) and withdrawal.ts (the messages from outside the tasks).
 */
import { condition, continueAsNew, log, patched } from '@temporalio/workflow';
import { findReferralPrograms, sendReferralConfirmation } from './activity-calls';
import { mergeChanges, onCompletedByType, type TaskCompletionHook } from '../../platform/workflow/case-runtime';
import { addDuration } from '../../platform/workflow/calendar';
import { SYSTEM, type Actor } from '../../platform/workflow/records';
import { mentorReferralWorkflowId } from './ids';
import { askCoordinator, close, firstOffers, offer, offerByHand, programUnavailable, withdraw } from './offers';
import { openReferral, type Referral } from './referral-case';
import { checkOutcome, contactVolunteer, offerExpired, placeReferral, reportOutcome } from './task-outcomes';
import { registerReferralMessages } from './withdrawal';
import type { MentorReferralInput } from './types';

export { mentorReferralWorkflowId };

/** The task types of this process: the compiler checks each has its handler below. */
export const REFERRAL_TASK_TYPES = ['contact_volunteer', 'report_outcome', 'place_referral'] as const;
export type ReferralTaskType = (typeof REFERRAL_TASK_TYPES)[number];

/**
 * Versioning: cases started before address confirmation offered at once (and keep doing
 * so on replay); from this marker on a new case waits for the volunteer's confirmation.
 */
const ADDRESS_CONFIRMATION = 'referral-address-confirmation';
const VOLUNTEER: Actor = { id: 'volunteer', name: 'the volunteer' };

export async function mentorReferralWorkflow(input: MentorReferralInput): Promise<{ caseId: string; stage: string }> {
  const r = openReferral(input);
  const { state, rules, rt, volunteer, criteria, closed } = r;
  registerTaskTable(r);

  // Set once the volunteer confirmed; `offered` once the first offers are committed.
  let confirmed = false;
  let offered = false;
  registerReferralMessages(rt, {
    confirm: async () => {
      confirmed = true;
      await condition(() => offered || closed());
    },
    withdraw: (actor) => withdraw(r, actor),
    offerByHand: (programs, actor) => offerByHand(r, programs, actor),
    programUnavailable: (programId, reason) => programUnavailable(r, programId, reason),
  });

  const submitted = () =>
    rt.event(input.submittedBy, 'volunteer_submitted', {
      county: volunteer.county,
      ...(state.campaign ? { campaign: state.campaign } : {}),
    });
  if (!state.recorded && patched(ADDRESS_CONFIRMATION)) {
    // The public form's answer waits for this first write only; nothing goes to programs yet.
    rt.setStage('unconfirmed');
    await rt.commit({ events: [submitted()] });
    state.recorded = true;
    // Fixed wording, the links and the case reference: never the name or anything else typed.
    void sendReferralConfirmation({
      caseId: state.caseId,
      email: volunteer.email,
      validFor: rules.withdrawLinkValidity,
      confirmValidFor: rules.confirmationValidity,
      publicBaseUrl: input.policy.publicBaseUrl,
      ...(state.language ? { language: state.language } : {}),
    }).catch((err) => log.warn('The confirmation could not be sent', { caseId: state.caseId, error: String(err) }));
    const lapsesAt = addDuration(Date.parse(state.createdAt), rules.confirmationValidity, rt.calendar);
    if (await rt.untilOr(() => confirmed || closed(), lapsesAt)) {
      if (!closed()) {
        state.confirmedAt = rt.nowIso();
        rt.setStage('referring');
        const first = await firstOffers(r);
        if (!closed()) await rt.commit(mergeChanges({ events: [rt.event(VOLUNTEER, 'address_confirmed', {})] }, first));
      }
    } else if (!closed()) {
      close(r, 'lapsed', 'lapsed');
      await rt.commit({
        events: [rt.event(SYSTEM, 'referral_lapsed', { why: 'the e-mail address was not confirmed in time' })],
      });
    }
    offered = true;
  } else if (!state.recorded) {
    // Cases started before address confirmation: offered at once, as they were recorded.
    await rt.commit({ events: [submitted()] });
    const confirmation = sendReferralConfirmation({
      caseId: state.caseId,
      email: volunteer.email,
      validFor: rules.withdrawLinkValidity,
      publicBaseUrl: input.policy.publicBaseUrl,
    }).catch((err) => log.warn('The confirmation could not be sent', { caseId: state.caseId, error: String(err) }));
    const ranked = await findReferralPrograms({ volunteer: criteria, exclude: [], limit: rules.programsPerReferral });
    if (!closed()) {
      await rt.commit(
        ranked.length
          ? mergeChanges(...ranked.map((p) => offer(r, p, 1, false)))
          : await askCoordinator(r, 'no eligible program'),
      );
    }
    // The form's answer waits for this: the volunteer's referral is with its programs.
    state.recorded = true;
    await confirmation;
  } else {
    rt.resumeTaskTimers();
  }

  await rt.runUntilClosed((s) => continueAsNew<typeof mentorReferralWorkflow>({ ...input, state: s }));
  return { caseId: state.caseId, stage: state.stage };
}

/**
 * The referral's tasks, one named handler per task type (task-outcomes.ts), and what an
 * offer not taken in time does. The dispatch is onCompletedByType's, as the referral's
 * recorded histories were made with it.
 */
function registerTaskTable(r: Referral): void {
  const onCompleted: { [T in ReferralTaskType]: TaskCompletionHook } = {
    contact_volunteer: (task, done) => contactVolunteer(r, task, done),
    report_outcome: (task, done) => reportOutcome(r, task, done),
    place_referral: (task, done) => placeReferral(r, task, done),
  };
  r.rt.registerTaskHandlers(onCompletedByType(onCompleted), (task, done) => checkOutcome(r, task, done));
  r.rt.onTaskExpired((task) => offerExpired(r, task));
}
