/**
 * The online mentor referral: the volunteer confirms the address (or never does: it
 * lapses), offers go to up to three ranked programs (the directory's answer is the
 * scenario's), each expiring after five business days and passing on, a program's contact
 * and outcome, a coordinator's placing by hand, the volunteer's withdrawal, and a program
 * that stops being eligible (a signal from the API).
 */
import { caseDetailsQuery } from '../../../platform/workflow/messages';
import {
  confirmReferralAddressUpdate,
  offerByHandUpdate,
  programUnavailableSignal,
  withdrawReferralUpdate,
} from '../../../processes/referral/messages';
import { mentorReferralWorkflow, mentorReferralWorkflowId } from '../../../processes/referral/workflow';
import type { Offer } from '../../../processes/referral/types';
import { person, signal, update, type Action, type Ctx, type SimModel } from '../model';

const email = (ctx: Pick<Ctx, 'tag'>) => `${ctx.tag}-vol@example.org`;
const coordinator = person('sim-partnership_coordinator-1', ['partnership_coordinator']);
const program = (ctx: Pick<Ctx, 'tag'>, n: number) => ({
  programId: `${ctx.tag}-p${n}`,
  name: `Program ${n}`,
  contactEmail: `p${n}@example.org`,
  reasons: ['county'],
});

export const referralModel: SimModel = {
  name: 'mentorReferralWorkflow',
  async start(ctx) {
    // The directory: none, a few or many programs that fit.
    ctx.faults.programs = Array.from({ length: ctx.rng.pick([0, 1, 3, 6]) }, (_, i) => program(ctx, i));
    const caseId = `${ctx.tag}-ref`;
    const workflowId = mentorReferralWorkflowId(caseId);
    await ctx.client.workflow.start(mentorReferralWorkflow, {
      taskQueue: ctx.taskQueue,
      workflowId,
      args: [
        {
          caseId,
          policy: ctx.policy,
          submittedBy: { id: 'public', name: 'volunteer form' },
          volunteer: {
            name: 'Val',
            email: email(ctx),
            phone: '916-555-0100',
            county: 'Sacramento',
            ageBand: '35-54',
            languages: ['English'],
            interests: [],
            youthAges: { min: 10, max: 14 },
            hoursPerMonth: 8,
            format: 'in_person',
          },
        },
      ],
    });
    return [{ workflowId, caseId, kind: 'case' }];
  },
  parties: (ctx) => [person(`${ctx.tag}-staff-volunteer`, ['partnership_coordinator'], { email: email(ctx) })],
  async completion(task, outcome, ctx) {
    if (task.type === 'place_referral' && outcome === 'referred') {
      const d = await ctx
        .query<{ placeable?: { programId: string }[] }>(caseDetailsQuery.name)
        .catch(() => ({}) as { placeable?: { programId: string }[] });
      const ids = (d.placeable ?? []).map((p) => p.programId).slice(0, 1 + ctx.rng.int(2));
      return { outcome, data: { programIds: ids.length ? ids : ['nowhere'] } };
    }
    return { outcome, comment: 'as decided' };
  },
  async actions(ctx) {
    const h = ctx.handle();
    const d = await ctx.query<{ offers?: Offer[] }>(caseDetailsQuery.name).catch(() => ({}) as { offers?: Offer[] });
    const offered = (d.offers ?? []).map((o) => o.programId);
    const fresh = program(ctx, 10 + ctx.rng.int(5));
    const out: Action[] = [
      // The answer waits until the offers are out; whether an event follows depends on a withdrawal racing it.
      { label: 'the volunteer confirms the address', send: update(h, confirmReferralAddressUpdate) },
      {
        label: 'the volunteer withdraws',
        send: update(h, withdrawReferralUpdate, { actor: { id: 'volunteer', name: 'the volunteer' } }),
        expect: () => [{ caseId: ctx.main.caseId, event: 'volunteer_withdrew', mode: 'once' }],
      },
      {
        label: `a coordinator offers it to ${fresh.programId.slice(-3)} by hand`,
        send: update(h, offerByHandUpdate, {
          programs: [{ programId: fresh.programId, name: fresh.name, contactEmail: fresh.contactEmail }],
          actor: coordinator,
        }),
        expect: () => [
          {
            caseId: ctx.main.caseId,
            event: 'referred_to_program',
            match: { programId: fresh.programId },
            mode: 'once',
          },
        ],
      },
      {
        label: 'the volunteer offers it by hand',
        send: update(h, offerByHandUpdate, {
          programs: [{ programId: 'x', name: 'X', contactEmail: 'x@example.org' }],
          actor: person('volunteer', []),
        }),
        mustRefuse: true,
      },
    ];
    if (offered.length) {
      const programId = ctx.rng.pick(offered);
      out.push({
        label: `program ${programId.slice(-3)} stops being eligible`,
        send: signal(h, programUnavailableSignal, { programId, reason: 'dropped below Affiliate' }),
        signal: true,
      });
    }
    return out;
  },
};
