/**
 * The foster pipeline's records: a mentor's (or a wellness caller's) screening — checks,
 * references answering through their links or by phone, interview, training, the
 * supervisor's decision, withdrawal — and a youth's referral — consents, intake, closure.
 * Both answer match proposals from other workflows: a reservation (an Update), the match
 * confirming or ending it (signals), for matches that exist or never did.
 */
import {
  matchConfirmedSignal,
  matchEndedSignal,
  referenceAnswerUpdate,
  reserveForMatchUpdate,
  logTrainingUpdate,
  withdrawApplicationUpdate,
  closeYouthReferralUpdate,
} from '../../../processes/foster/messages';
import { mentorScreeningWorkflow, mentorScreeningWorkflowId } from '../../../processes/foster/mentor-screening';
import { callerScreeningWorkflow, callerScreeningWorkflowId } from '../../../processes/foster/caller-screening';
import { youthReferralWorkflow, youthReferralWorkflowId } from '../../../processes/foster/youth-referral';
import type { Reference } from '../../../processes/foster/types';
import { caseDetailsQuery } from '../../../platform/workflow/messages';
import { outsider, person, signal, update, type Action, type Ctx, type SimCase, type SimModel } from '../model';

const cwOf = (ctx: Pick<Ctx, 'tag'>) => person(`${ctx.tag}-cw`, ['case_worker']);
const swOf = (ctx: Pick<Ctx, 'tag'>) => person(`${ctx.tag}-sw`, ['social_worker']);
const applicantEmail = (ctx: Pick<Ctx, 'tag'>) => `${ctx.tag}-applicant@example.org`;

/** Match proposals from other workflows: reserve (a real or made-up match), confirm, end. */
export function matchSignals(ctx: Ctx, c: SimCase, known: string[]): Action[] {
  const h = ctx.handle(c);
  const matchId = known.length && ctx.rng.chance(60) ? ctx.rng.pick(known) : `${ctx.tag}-m${ctx.rng.int(3)}`;
  return [
    {
      label:
        `a proposal reserves ${c.kind === 'case' ? 'the party' : c.workflowId.split('-')[0]} ` +
        `for ${matchId.slice(-3)}`,
      send: update(h, reserveForMatchUpdate, { matchId }),
      expect: () => [{ caseId: c.caseId, event: 'proposed_for_match', match: { matchId }, mode: 'once' }],
    },
    { label: `match ${matchId.slice(-3)} confirms`, send: signal(h, matchConfirmedSignal, { matchId }), signal: true },
    {
      label: `match ${matchId.slice(-3)} ends`,
      send: signal(h, matchEndedSignal, { matchId, outcome: ctx.rng.pick(['cancelled', 'closed'] as const) }),
      signal: true,
    },
  ];
}

function screeningModel(track: 'mentor' | 'caller'): SimModel {
  return {
    name: track === 'mentor' ? 'mentorScreeningWorkflow' : 'callerScreeningWorkflow',
    async start(ctx) {
      const caseId = `${ctx.tag}-scr`;
      const workflowId = track === 'mentor' ? mentorScreeningWorkflowId(caseId) : callerScreeningWorkflowId(caseId);
      const refs = track === 'mentor' ? 2 : 1;
      await ctx.client.workflow.start(track === 'mentor' ? mentorScreeningWorkflow : callerScreeningWorkflow, {
        taskQueue: ctx.taskQueue,
        workflowId,
        args: [
          {
            caseId,
            caseWorkerId: cwOf(ctx).id,
            policy: ctx.policy,
            appliedBy: cwOf(ctx),
            applicant: {
              name: 'A Mentor',
              email: applicantEmail(ctx),
              phone: '5550100',
              dateOfBirth: '1985-01-01',
              languages: ['English'],
              interests: [],
              formerFosterYouth: false,
              ...(track === 'caller' ? { id: `${ctx.tag}-caller` } : {}),
            },
            references: Array.from({ length: refs }, (_, i) => ({
              name: `R${i}`,
              email: `r${i}@example.org`,
              relationship: 'coworker',
            })),
          },
        ],
      });
      return [
        {
          workflowId,
          caseId,
          kind: 'case',
          waitsForMessages: (stage) => stage === 'approved' || stage === 'screening',
        },
      ];
    },
    directory: (ctx) => ({ [cwOf(ctx).id]: cwOf(ctx) }),
    parties: (ctx) => [
      person(`${ctx.tag}-applicant`, ['case_supervisor'], { email: applicantEmail(ctx) }),
      ...(track === 'caller' ? [person(`${ctx.tag}-caller`, ['case_supervisor'])] : []),
    ],
    completion(task, outcome, ctx) {
      if (task.type === 'reference_followup')
        return {
          outcome,
          comment: 'called',
          data: { recommendation: ctx.rng.pick(['yes', 'with_reservations', 'no'] as const) },
        };
      return { outcome, comment: 'as decided' };
    },
    async actions(ctx) {
      const h = ctx.handle();
      const details = await ctx
        .query<{ references?: Reference[]; activeMatchId?: string }>(caseDetailsQuery.name)
        .catch(() => ({}) as { references?: Reference[]; activeMatchId?: string });
      const hours = ctx.rng.pick([1, 2, 4, 6]);
      const module = `module ${ctx.rng.int(1e9)}`;
      const who = ctx.rng.chance(80) ? cwOf(ctx) : person('sim-case_supervisor-1', ['case_supervisor']);
      const out: Action[] = [
        {
          label: `${who.id} logs ${hours} h of training`,
          send: update(h, logTrainingUpdate, { date: await ctx.today(), hours, module, actor: who }),
          expect: () => [{ caseId: ctx.main.caseId, event: 'training_logged', match: { module }, mode: 'per-call' }],
        },
        {
          label: 'an outsider logs training',
          send: update(h, logTrainingUpdate, { date: await ctx.today(), hours: 1, module: 'x', actor: outsider }),
          mustRefuse: true,
        },
        {
          label: `${who.id} withdraws the application`,
          send: update(h, withdrawApplicationUpdate, { reason: 'moved away', actor: who }),
          expect: () => [{ caseId: ctx.main.caseId, event: 'application_withdrawn', mode: 'per-call' }],
        },
      ];
      for (const r of (details.references ?? []).filter((x) => x.status !== 'answered')) {
        out.push({
          label: `reference ${r.name} answers through the link`,
          send: update(h, referenceAnswerUpdate, {
            referenceId: r.id,
            recommendation: ctx.rng.pick(['yes', 'with_reservations', 'no'] as const),
          }),
          expect: () => [
            { caseId: ctx.main.caseId, event: 'reference_answered', match: { referenceId: r.id }, mode: 'once' },
          ],
        });
      }
      if (track === 'mentor')
        out.push(...matchSignals(ctx, ctx.main, details.activeMatchId ? [details.activeMatchId] : []));
      return out;
    },
  };
}

export const mentorScreeningModel = screeningModel('mentor');
export const callerScreeningModel = screeningModel('caller');

export const youthReferralModel: SimModel = {
  name: 'youthReferralWorkflow',
  async start(ctx) {
    const caseId = `${ctx.tag}-youth`;
    const workflowId = youthReferralWorkflowId(caseId);
    await ctx.client.workflow.start(youthReferralWorkflow, {
      taskQueue: ctx.taskQueue,
      workflowId,
      args: [
        {
          caseId,
          caseWorkerId: cwOf(ctx).id,
          policy: ctx.policy,
          referredBy: cwOf(ctx),
          youth: {
            name: 'Y',
            dateOfBirth: '2012-01-01',
            county: 'Sacramento',
            languages: ['English'],
            interests: [],
            needs: '',
          },
          socialWorker: { id: swOf(ctx).id, name: 'SW', email: 'sw@example.org' },
          caregiver: { name: 'CG' },
        },
      ],
    });
    return [{ workflowId, caseId, kind: 'case', waitsForMessages: (stage) => stage === 'ready' }];
  },
  directory: (ctx) => ({ [cwOf(ctx).id]: cwOf(ctx), [swOf(ctx).id]: swOf(ctx) }),
  completion: (task, outcome) => ({
    outcome,
    comment: 'as decided',
    ...(task.type === 'consent' && outcome === 'accept' ? { data: { how: 'phone' } } : {}),
  }),
  async actions(ctx) {
    const h = ctx.handle();
    const who = ctx.rng.chance(80) ? cwOf(ctx) : person('sim-case_supervisor-1', ['case_supervisor']);
    const details = await ctx
      .query<{ activeMatchId?: string }>(caseDetailsQuery.name)
      .catch(() => ({}) as { activeMatchId?: string });
    return [
      {
        label: `${who.id} closes the referral`,
        send: update(h, closeYouthReferralUpdate, { reason: 'left care', actor: who }),
        expect: () => [{ caseId: ctx.main.caseId, event: 'referral_closed', mode: 'per-call' }],
      },
      {
        label: 'the social worker closes it as a supervisor would',
        send: update(h, closeYouthReferralUpdate, { reason: 'x', actor: { ...swOf(ctx), roles: ['case_supervisor'] } }),
        mustRefuse: true,
      },
      ...matchSignals(ctx, ctx.main, details.activeMatchId ? [details.activeMatchId] : []),
    ];
  },
};
