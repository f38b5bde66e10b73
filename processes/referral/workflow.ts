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
 */
import type { EmailTemplateRef } from '../../platform/emails/messages';
import { referralEmail } from './email-messages';
import { condition, continueAsNew, log, patched } from '@temporalio/workflow';
import { roleToken } from '../../platform/workflow/access';
import {
  findPlaceablePrograms,
  findReferralPrograms,
  sendReferralConfirmation,
} from '../../platform/workflow/activities';
import {
  CaseRuntime,
  mergeChanges,
  newCase,
  onCompletedByType,
  refuse,
  type Change,
  type TaskCompletionHook,
} from '../../platform/workflow/case-runtime';
import { addDuration } from '../../platform/workflow/calendar';
import { SYSTEM, type Actor, type TaskRecord } from '../../platform/workflow/records';
import { mentorReferralWorkflowId } from './ids';
import { registerReferralMessages } from './withdrawal';
import type { MentorReferralInput, MentorReferralState, Offer, RankedProgram } from './types';

export { mentorReferralWorkflowId };

/** The task types of this process: the compiler checks each has its handler below. */
export const REFERRAL_TASK_TYPES = ['contact_volunteer', 'report_outcome', 'place_referral'] as const;
export type ReferralTaskType = (typeof REFERRAL_TASK_TYPES)[number];

const COORDINATOR = 'partnership_coordinator';
/**
 * Versioning: cases started before address confirmation offered at once (and keep doing
 * so on replay); from this marker on a new case waits for the volunteer's confirmation.
 */
const ADDRESS_CONFIRMATION = 'referral-address-confirmation';
const VOLUNTEER: Actor = { id: 'volunteer', name: 'the volunteer' };

function initialState(input: MentorReferralInput): MentorReferralState {
  return {
    ...newCase({
      caseId: input.caseId,
      type: 'mentor_referral',
      stage: 'referring',
      // No personal data in the subject: it is listed to everyone who may see the case.
      subject: `Mentor referral ${input.caseId.slice(0, 8)} (${input.volunteer.county}${input.campaign ? `, ${input.campaign}` : ''})`,
      viewers: [roleToken(COORDINATOR)],
      // The volunteer has no account: a staff member with the volunteer's e-mail is the volunteer.
      parties: { ids: [], emails: [input.volunteer.email] },
    }),
    volunteer: input.volunteer,
    ...(input.campaign ? { campaign: input.campaign } : {}),
    offers: [],
    placeable: [],
  };
}

export async function mentorReferralWorkflow(input: MentorReferralInput): Promise<{ caseId: string; stage: string }> {
  const state = input.state ?? initialState(input);
  const rules = input.policy.referral;
  const short = state.caseId.slice(0, 8);
  const rt = new CaseRuntime(state, input.policy, (s) => ({
    volunteer: s.volunteer,
    county: s.volunteer.county,
    ...(s.campaign ? { campaign: s.campaign } : {}),
    offers: s.offers.map(({ contactEmail: _mailbox, ...o }) => o),
    ...(s.confirmedAt ? { confirmedAt: s.confirmedAt } : {}),
    ...(s.firstContactedAt ? { firstContactedAt: s.firstContactedAt } : {}),
    ...(s.outcome ? { outcome: s.outcome } : {}),
    ...(s.stage === 'awaiting_placement'
      ? { placeable: s.placeable.map(({ programId, name }) => ({ programId, name })) }
      : {}),
  }));
  const { volunteer } = state;
  const criteria = {
    county: volunteer.county,
    languages: volunteer.languages,
    youthAges: volunteer.youthAges,
    format: volunteer.format,
  };
  const offerOfTask = (task: TaskRecord): Offer =>
    state.offers.find((o) => o.taskId === task.id) ??
    state.offers.find((o) => o.programId === task.ref && o.status === 'contacted' && !o.outcome)!;
  // A function, not a narrowed field: the case may close while an activity is awaited.
  const closed = () => state.status === 'closed';
  const isOpen = (o: Offer) => o.status === 'offered' || (o.status === 'contacted' && !o.outcome);
  const tellProgram = (o: Offer, what: string, message: EmailTemplateRef) =>
    rt.email(`${state.caseId}:${o.programId}:${what}`, [o.contactEmail], message, rt.caseLink());

  /** Offers the volunteer to a program: a contact task that expires after five business days. */
  function offer(p: RankedProgram, round: number, manual: boolean, actor: Actor = SYSTEM): Change {
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
  async function askCoordinator(why: string): Promise<Change> {
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
  async function passOn(ended: Offer): Promise<Change> {
    if (closed()) return {};
    const round = ended.round + 1;
    if (!ended.manual && round <= rules.maxRounds) {
      const ranked = await findReferralPrograms({
        volunteer: criteria,
        exclude: state.offers.map((o) => o.programId),
        limit: rules.programsPerReferral + 2,
      });
      // Offers that ended together each look; one already taken by another is skipped.
      const p = ranked.find((r) => !state.offers.some((o) => o.programId === r.programId));
      if (p && !closed()) return offer(p, round, false);
    }
    if (state.offers.some(isOpen)) return {};
    return askCoordinator(round > rules.maxRounds ? `${rules.maxRounds} rounds offered` : 'no eligible program left');
  }

  /** Ends every open offer (enrolled elsewhere, withdrawn, closed): their tasks cancelled, programs told. */
  function endOpenOffers(actor: Actor, reason: string, except?: Offer): Change {
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

  function close(stage: 'enrolled' | 'withdrawn' | 'not_placed' | 'lapsed', outcome: string): void {
    state.outcome = outcome;
    state.closedAt = rt.nowIso();
    rt.setStage(stage, 'closed');
  }

  const onCompleted: { [T in ReferralTaskType]: TaskCompletionHook } = {
    contact_volunteer: async (task, { outcome, comment, actor }) => {
      const o = offerOfTask(task);
      if (outcome === 'declined') {
        o.status = 'declined';
        o.endedReason = comment;
        return mergeChanges(
          { events: [rt.event(actor, 'program_declined', { programId: o.programId, reason: comment })] },
          await passOn(o),
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
    },
    report_outcome: async (task, { outcome, comment, actor }) => {
      const o = offerOfTask(task);
      o.outcome = outcome as NonNullable<Offer['outcome']>;
      const reported = {
        events: [
          rt.event(actor, 'outcome_reported', { programId: o.programId, outcome, ...(comment ? { comment } : {}) }),
        ],
      };
      if (outcome === 'enrolled') {
        const ended = endOpenOffers(actor, `the volunteer enrolled with another program`, o);
        close('enrolled', 'enrolled');
        return mergeChanges(reported, ended, {
          events: [rt.event(actor, 'volunteer_enrolled', { programId: o.programId })],
        });
      }
      if (outcome === 'withdrew') {
        const ended = endOpenOffers(actor, 'the volunteer withdrew', o);
        close('withdrawn', 'withdrew');
        return mergeChanges(reported, ended);
      }
      return mergeChanges(reported, await passOn(o));
    },
    place_referral: async (_task, { outcome, comment, data, actor }) => {
      if (outcome === 'closed') {
        close('not_placed', 'not_placed');
        return { events: [rt.event(actor, 'referral_closed', { reason: comment })] };
      }
      const ids = (data?.programIds as string[]) ?? [];
      const round = Math.max(0, ...state.offers.map((o) => o.round)) + 1;
      const picked = ids.map((id) => state.placeable.find((p) => p.programId === id)!);
      return mergeChanges(
        ...picked.map((p) => offer({ ...p, reasons: ['picked by a partnership coordinator'] }, round, true, actor)),
      );
    },
  };

  rt.registerTaskHandlers(onCompletedByType(onCompleted), (task, { outcome, comment, data }) => {
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
  });

  // An offer not taken in time passes to the next ranked program.
  rt.onTaskExpired(async (task) => {
    const o = offerOfTask(task);
    o.status = 'expired';
    o.endedReason = 'not contacted within the time allowed';
    const expired = rt.event(SYSTEM, 'offer_expired', { programId: o.programId, round: o.round });
    const next = await passOn(o);
    // Withdrawn meanwhile (or while the next program was looked up): nothing passes on.
    const told = referralEmail(closed() ? 'offer-expired-withdrawn' : 'offer-expired', { reference: short });
    return mergeChanges({ events: [expired], emails: [tellProgram(o, 'offer_expired', told)] }, next);
  });

  /** The first offers of a referral: the best-ranked programs, else a coordinator. */
  async function firstOffers(): Promise<Change> {
    const ranked = await findReferralPrograms({ volunteer: criteria, exclude: [], limit: rules.programsPerReferral });
    if (closed()) return {};
    return ranked.length
      ? mergeChanges(...ranked.map((p) => offer(p, 1, false)))
      : askCoordinator('no eligible program');
  }

  // Set once the volunteer confirmed; `offered` once the first offers are committed.
  let confirmed = false;
  let offered = false;
  registerReferralMessages(rt, {
    confirm: async () => {
      confirmed = true;
      await condition(() => offered || closed());
    },
    withdraw: (actor) => {
      const ended = endOpenOffers(actor, 'the volunteer withdrew');
      close('withdrawn', 'withdrawn');
      return mergeChanges(ended, { events: [rt.event(actor, 'volunteer_withdrew', {})] });
    },
    offerByHand: (programs, actor) => {
      // Picked by hand: a round of its own, with whatever is already open (a placing task ends).
      const round = Math.max(0, ...state.offers.map((o) => o.round)) + 1;
      const placing = rt
        .openTasks((t) => t.type === 'place_referral')
        .map((t) => rt.closeTask(t, 'cancelled', actor, 'programs picked by hand'));
      return mergeChanges(
        ...placing,
        ...programs.map((p) => offer({ ...p, reasons: ['picked by a partnership coordinator'] }, round, true, actor)),
      );
    },
    programUnavailable: async (programId, reason) => {
      const changes: Change[] = [];
      for (const o of state.offers.filter((x) => x.programId === programId && isOpen(x))) {
        o.status = o.status === 'offered' ? 'expired' : 'cancelled';
        o.endedReason = reason;
        for (const t of rt.openTasks((t) => t.ref === programId))
          changes.push(rt.closeTask(t, 'cancelled', SYSTEM, reason));
        changes.push({ events: [rt.event(SYSTEM, 'offer_withdrawn', { programId, reason })] }, await passOn(o));
      }
      return mergeChanges(...changes);
    },
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
    }).catch((err) => log.warn('The confirmation could not be sent', { caseId: state.caseId, error: String(err) }));
    const lapsesAt = addDuration(Date.parse(state.createdAt), rules.confirmationValidity, rt.calendar);
    if (await rt.untilOr(() => confirmed || closed(), lapsesAt)) {
      if (!closed()) {
        state.confirmedAt = rt.nowIso();
        rt.setStage('referring');
        const first = await firstOffers();
        if (!closed()) await rt.commit(mergeChanges({ events: [rt.event(VOLUNTEER, 'address_confirmed', {})] }, first));
      }
    } else if (!closed()) {
      close('lapsed', 'lapsed');
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
          ? mergeChanges(...ranked.map((p) => offer(p, 1, false)))
          : await askCoordinator('no eligible program'),
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
