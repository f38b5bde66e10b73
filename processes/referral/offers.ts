/**
 * How a mentor referral's offers are made, passed on and ended: an offer to a program (a
 * contact task that expires after five business days), the next ranked program when one
 * ends, a coordinator's hand when none is left, every open offer ended at once (enrolled
 * elsewhere, withdrawn), and what the messages from outside the tasks do to them (withdrawal,
 * programs picked by hand, a program no longer eligible).
 */
import { referralEmail } from './email-messages';
import { findPlaceablePrograms, findReferralPrograms } from './activity-calls';
import { mergeChanges, type Change } from '../../platform/workflow/case-runtime';
import { SYSTEM, type Actor } from '../../platform/workflow/records';
import { roleToken } from '../../platform/workflow/access';
import type { PickedProgram } from './messages';
import { COORDINATOR, type Referral } from './referral-case';
import type { Offer, RankedProgram } from './types';

/** Offers the volunteer to a program: a contact task that expires after five business days. */
export function offer(r: Referral, p: RankedProgram, round: number, manual: boolean, actor: Actor = SYSTEM): Change {
  const { state, short, rt } = r;
  const opened = rt.openTask(
    {
      type: 'contact_volunteer',
      title: `Contact a volunteer referred to ${p.name} (referral ${short})`,
      candidateRoles: ['program_staff'],
      scope: { programId: p.programId },
      notifyEmail: p.contactEmail,
      outcomes: ['contacted', 'declined'],
      ref: p.programId,
      expiresAtDue: true,
    },
    actor,
  );
  const task = opened.tasks![0];
  state.offers.push({
    programId: p.programId,
    programName: p.name,
    contactEmail: p.contactEmail,
    round,
    status: 'offered',
    offeredAt: rt.nowIso(),
    dueAt: task.dueAt,
    reasons: p.reasons,
    taskId: task.id,
    ...(manual ? { manual: true } : {}),
  });
  // Once referred, the program's staff may read the case (and the volunteer's details).
  state.viewers = [...new Set([...state.viewers, roleToken('program_staff', { programId: p.programId })])];
  if (state.stage === 'awaiting_placement') rt.setStage('referring');
  return mergeChanges(opened, {
    events: [
      rt.event(actor, 'referred_to_program', {
        programId: p.programId,
        round,
        reasons: p.reasons,
        ...(manual ? { manual: true } : {}),
      }),
    ],
  });
}

/** A coordinator places the referral by hand (once: one such task at a time). */
export async function askCoordinator(r: Referral, why: string): Promise<Change> {
  const { state, short, rt, closed, isOpen } = r;
  const placing = () => rt.openTasks((t) => t.type === 'place_referral').length > 0;
  if (placing()) return {};
  const placeable = await findPlaceablePrograms({ exclude: state.offers.map((o) => o.programId) });
  if (closed() || placing() || state.offers.some(isOpen)) return {};
  state.placeable = placeable;
  rt.setStage('awaiting_placement');
  return mergeChanges(
    rt.openTask({
      type: 'place_referral',
      title: `Place mentor referral ${short} by hand`,
      candidateRoles: [COORDINATOR],
      scope: {},
      outcomes: ['referred', 'closed'],
    }),
    { events: [rt.event(SYSTEM, 'no_program_left', { why })] },
  );
}

/** After an offer ended without enrolment: the next ranked program, else (nothing open) a coordinator. */
export async function passOn(r: Referral, ended: Offer): Promise<Change> {
  const { state, rules, criteria, closed, isOpen } = r;
  if (closed()) return {};
  const round = ended.round + 1;
  if (!ended.manual && round <= rules.maxRounds) {
    const ranked = await findReferralPrograms({
      volunteer: criteria,
      exclude: state.offers.map((o) => o.programId),
      limit: rules.programsPerReferral + 2,
    });
    // Offers that ended together each look; one already taken by another is skipped.
    const p = ranked.find((x) => !state.offers.some((o) => o.programId === x.programId));
    if (p && !closed()) return offer(r, p, round, false);
  }
  if (state.offers.some(isOpen)) return {};
  return askCoordinator(r, round > rules.maxRounds ? `${rules.maxRounds} rounds offered` : 'no eligible program left');
}

/** Ends every open offer (enrolled elsewhere, withdrawn, closed): their tasks cancelled, programs told. */
export function endOpenOffers(r: Referral, actor: Actor, reason: string, except?: Offer): Change {
  const { state, short, rt, isOpen, tellProgram } = r;
  const changes: Change[] = [];
  for (const o of state.offers.filter((x) => isOpen(x) && x !== except)) {
    o.status = 'cancelled';
    o.endedReason = reason;
    changes.push({
      emails: [tellProgram(o, 'closed', referralEmail('closed', { reference: short, reason }))],
    });
  }
  for (const t of rt.openTasks()) changes.push(rt.closeTask(t, 'cancelled', actor, reason));
  return mergeChanges(...changes);
}

/** The referral's end, with its outcome. */
export function close(r: Referral, stage: 'enrolled' | 'withdrawn' | 'not_placed' | 'lapsed', outcome: string): void {
  const { state, rt } = r;
  state.outcome = outcome;
  state.closedAt = rt.nowIso();
  rt.setStage(stage, 'closed');
}

/** The first offers of a referral: the best-ranked programs, else a coordinator. */
export async function firstOffers(r: Referral): Promise<Change> {
  const { rules, criteria, closed } = r;
  const ranked = await findReferralPrograms({ volunteer: criteria, exclude: [], limit: rules.programsPerReferral });
  if (closed()) return {};
  return ranked.length
    ? mergeChanges(...ranked.map((p) => offer(r, p, 1, false)))
    : askCoordinator(r, 'no eligible program');
}

// ---- the messages from outside the tasks (withdrawal.ts registers them) ----------------

/** The volunteer withdrew: every open offer ends. */
export function withdraw(r: Referral, actor: Actor): Change {
  const { rt } = r;
  const ended = endOpenOffers(r, actor, 'the volunteer withdrew');
  close(r, 'withdrawn', 'withdrawn');
  return mergeChanges(ended, { events: [rt.event(actor, 'volunteer_withdrew', {})] });
}

/** Picked by hand: a round of its own, with whatever is already open (a placing task ends). */
export function offerByHand(r: Referral, programs: PickedProgram[], actor: Actor): Change {
  const { state, rt } = r;
  const round = Math.max(0, ...state.offers.map((o) => o.round)) + 1;
  const placing = rt
    .openTasks((t) => t.type === 'place_referral')
    .map((t) => rt.closeTask(t, 'cancelled', actor, 'programs picked by hand'));
  return mergeChanges(
    ...placing,
    ...programs.map((p) => offer(r, { ...p, reasons: ['picked by a partnership coordinator'] }, round, true, actor)),
  );
}

/** A program no longer eligible: its open offers end and pass on. */
export async function programUnavailable(r: Referral, programId: string, reason: string): Promise<Change> {
  const { state, rt, isOpen } = r;
  const changes: Change[] = [];
  for (const o of state.offers.filter((x) => x.programId === programId && isOpen(x))) {
    o.status = o.status === 'offered' ? 'expired' : 'cancelled';
    o.endedReason = reason;
    for (const t of rt.openTasks((t) => t.ref === programId))
      changes.push(rt.closeTask(t, 'cancelled', SYSTEM, reason));
    changes.push({ events: [rt.event(SYSTEM, 'offer_withdrawn', { programId, reason })] }, await passOn(r, o));
  }
  return mergeChanges(...changes);
}
