/**
 * The mentor referral's tasks, one named handler per task type: a program contacts the
 * volunteer (or declines: the offer passes on), reports the outcome (the first `enrolled`
 * ends every other offer), and a coordinator places a referral by hand (or closes it); what
 * an offer not taken in time does; and the synchronous checks a completion must pass first.
 */
import { referralEmail } from './email-messages';
import { mergeChanges, refuse, type Change } from '../../platform/workflow/case-runtime';
import type { CompleteTaskInput } from '../../platform/workflow/messages';
import { SYSTEM, type TaskRecord } from '../../platform/workflow/records';
import { close, endOpenOffers, offer, passOn } from './offers';
import type { Referral } from './referral-case';
import type { Offer } from './types';

/** A program contacted the volunteer (it reports the outcome next), or declined (the offer passes on). */
export async function contactVolunteer(
  r: Referral,
  task: TaskRecord,
  { outcome, comment, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, short, rt, offerOfTask } = r;
  const o = offerOfTask(task);
  if (outcome === 'declined') {
    o.status = 'declined';
    o.endedReason = comment;
    return mergeChanges(
      { events: [rt.event(actor, 'program_declined', { programId: o.programId, reason: comment })] },
      await passOn(r, o),
    );
  }
  o.status = 'contacted';
  o.contactedAt = rt.nowIso();
  state.firstContactedAt ??= o.contactedAt;
  if (state.stage === 'referring') rt.setStage('contacted');
  return mergeChanges(
    { events: [rt.event(actor, 'volunteer_contacted', { programId: o.programId })] },
    rt.openTask(
      {
        type: 'report_outcome',
        title: `Report the outcome of mentor referral ${short} (${o.programName})`,
        candidateRoles: ['program_staff'],
        scope: { programId: o.programId },
        notifyEmail: o.contactEmail,
        outcomes: ['enrolled', 'not_a_fit', 'withdrew', 'no_response'],
        ref: o.programId,
      },
      actor,
    ),
  );
}

/** The program's outcome: enrolled or withdrew ends the referral; otherwise the offer passes on. */
export async function reportOutcome(
  r: Referral,
  task: TaskRecord,
  { outcome, comment, actor }: CompleteTaskInput,
): Promise<Change> {
  const { rt, offerOfTask } = r;
  const o = offerOfTask(task);
  o.outcome = outcome as NonNullable<Offer['outcome']>;
  const reported = {
    events: [rt.event(actor, 'outcome_reported', { programId: o.programId, outcome, ...(comment ? { comment } : {}) })],
  };
  if (outcome === 'enrolled') {
    const ended = endOpenOffers(r, actor, `the volunteer enrolled with another program`, o);
    close(r, 'enrolled', 'enrolled');
    return mergeChanges(reported, ended, {
      events: [rt.event(actor, 'volunteer_enrolled', { programId: o.programId })],
    });
  }
  if (outcome === 'withdrew') {
    const ended = endOpenOffers(r, actor, 'the volunteer withdrew', o);
    close(r, 'withdrawn', 'withdrew');
    return mergeChanges(reported, ended);
  }
  return mergeChanges(reported, await passOn(r, o));
}

/** A coordinator offers the programs they picked, or closes the referral unplaced. */
export async function placeReferral(
  r: Referral,
  _task: TaskRecord,
  { outcome, comment, data, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, rt } = r;
  if (outcome === 'closed') {
    close(r, 'not_placed', 'not_placed');
    return { events: [rt.event(actor, 'referral_closed', { reason: comment })] };
  }
  const ids = (data?.programIds as string[]) ?? [];
  const round = Math.max(0, ...state.offers.map((o) => o.round)) + 1;
  const picked = ids.map((id) => state.placeable.find((p) => p.programId === id)!);
  return mergeChanges(
    ...picked.map((p) => offer(r, { ...p, reasons: ['picked by a partnership coordinator'] }, round, true, actor)),
  );
}

/** A decline or a closure needs a reason; programs placed by hand must be ones this referral may go to. */
export function checkOutcome(r: Referral, task: TaskRecord, { outcome, comment, data }: CompleteTaskInput): void {
  const { state } = r;
  if (task.type === 'contact_volunteer' && outcome === 'declined' && !comment?.trim())
    refuse('reason_required', 'Declining a referral needs a reason in `comment`');
  if (task.type === 'place_referral' && outcome === 'closed' && !comment?.trim())
    refuse('reason_required', 'Closing a referral unplaced needs a reason in `comment`');
  if (task.type === 'place_referral' && outcome === 'referred') {
    const ids = (data?.programIds as string[] | undefined) ?? [];
    if (!ids.length) refuse('program_not_eligible', 'Name the programs in data.programIds');
    const bad = ids.filter(
      (id) => !state.placeable.some((p) => p.programId === id) || state.offers.some((o) => o.programId === id),
    );
    if (bad.length || new Set(ids).size !== ids.length) {
      refuse(
        'program_not_eligible',
        `Not a program this referral may go to (Affiliate or above, accepting referrals, not offered before): ${[...new Set(bad)].join(', ') || 'a program named twice'}`,
      );
    }
  }
}

/** An offer not taken in time passes to the next ranked program. */
export async function offerExpired(r: Referral, task: TaskRecord): Promise<Change> {
  const { short, rt, offerOfTask, closed, tellProgram } = r;
  const o = offerOfTask(task);
  o.status = 'expired';
  o.endedReason = 'not contacted within the time allowed';
  const expired = rt.event(SYSTEM, 'offer_expired', { programId: o.programId, round: o.round });
  const next = await passOn(r, o);
  // Withdrawn meanwhile (or while the next program was looked up): nothing passes on.
  const told = referralEmail(closed() ? 'offer-expired-withdrawn' : 'offer-expired', { reference: short });
  return mergeChanges({ events: [expired], emails: [tellProgram(o, 'offer_expired', told)] }, next);
}
