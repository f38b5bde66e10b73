/**
 * A match between an approved mentor and a ready youth, as the API proposes one: both
 * parties reserved (Updates to their records), then the match case. The parties' records
 * run from a carried-over state (approved, ready) and may have ended before the match
 * starts (the mentor withdrew: the signal finds no one) or continue as new under a small
 * history limit. Consents, first meeting, check-ins (a safety concern opens an urgent
 * review), the anniversary, closure; a party taken by another match meanwhile.
 */
import type { WorkflowHandle } from '@temporalio/client';
import {
  partyTakenSignal,
  closeMatchUpdate,
  reserveForMatchUpdate,
  withdrawApplicationUpdate,
} from '../../../processes/foster/messages';
import { matchWorkflow, matchWorkflowId } from '../../../processes/foster/match';
import { mentorScreeningWorkflow, mentorScreeningWorkflowId } from '../../../processes/foster/mentor-screening';
import { youthReferralWorkflow, youthReferralWorkflowId } from '../../../processes/foster/youth-referral';
import type { MentorScreeningState, YouthReferralState } from '../../../processes/foster/types';
import { roleToken, userToken } from '../../../platform/workflow/access';
import { outsider, person, signal, update, type Ctx, type SimModel } from '../model';

const cwOf = (ctx: Pick<Ctx, 'tag'>) => person(`${ctx.tag}-cw`, ['case_worker']);
const swOf = (ctx: Pick<Ctx, 'tag'>) => person(`${ctx.tag}-sw`, ['social_worker']);

function core(caseId: string, type: 'mentor_screening' | 'youth_referral', stage: string, cw: string, now: string) {
  return {
    caseId,
    type,
    status: 'open' as const,
    stage,
    subject: 'carried over',
    viewers: [userToken(cw), roleToken('case_supervisor')],
    ownerId: cw,
    version: 1,
    createdAt: now,
    updatedAt: now,
    recorded: true,
    tasks: {},
    pastMatchIds: [],
  };
}

export const matchModel: SimModel = {
  name: 'matchWorkflow',
  async start(ctx) {
    const now = new Date(await ctx.nowMs()).toISOString();
    const cw = cwOf(ctx).id;
    const mentorCase = `${ctx.tag}-mentor`;
    const youthCase = `${ctx.tag}-youth`;
    const mentorState: MentorScreeningState = {
      ...core(mentorCase, 'mentor_screening', 'approved', cw, now),
      stage: 'approved',
      applicant: {
        name: 'M',
        email: `${ctx.tag}-m@example.org`,
        phone: '5550100',
        dateOfBirth: '1980-01-01',
        languages: [],
        interests: [],
        formerFosterYouth: false,
      },
      caseWorkerId: cw,
      references: [],
      checks: [],
      interview: { status: 'pass' },
      training: [],
      screeningDueAt: now,
      screeningOverdue: true,
    };
    const youthState: YouthReferralState = {
      ...core(youthCase, 'youth_referral', 'ready', cw, now),
      stage: 'ready',
      youth: { name: 'Y', dateOfBirth: '2012-01-01', county: 'Sacramento', languages: [], interests: [], needs: '' },
      socialWorker: { id: swOf(ctx).id, name: 'SW', email: 'sw@example.org' },
      caregiver: { name: 'CG' },
      caseWorkerId: cw,
      consents: { social_worker: { status: 'accepted' }, caregiver: { status: 'accepted' } },
    };
    const base = { policy: ctx.policy, caseWorkerId: cw };
    const mentorWf = mentorScreeningWorkflowId(mentorCase);
    const youthWf = youthReferralWorkflowId(youthCase);
    const mentor = await ctx.client.workflow.start(mentorScreeningWorkflow, {
      taskQueue: ctx.taskQueue,
      workflowId: mentorWf,
      args: [
        {
          ...base,
          caseId: mentorCase,
          applicant: mentorState.applicant,
          references: [],
          appliedBy: cwOf(ctx),
          state: mentorState,
        },
      ],
    });
    const youth = await ctx.client.workflow.start(youthReferralWorkflow, {
      taskQueue: ctx.taskQueue,
      workflowId: youthWf,
      args: [
        {
          ...base,
          caseId: youthCase,
          youth: youthState.youth,
          socialWorker: youthState.socialWorker,
          caregiver: youthState.caregiver,
          referredBy: cwOf(ctx),
          state: youthState,
        },
      ],
    });
    const caseId = `${ctx.tag}-match`;
    const reserve = async (h: WorkflowHandle) =>
      h.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: caseId }] });
    await reserve(mentor);
    await reserve(youth);
    // The mentor's record may end before the match starts: the match finds it gone.
    if (ctx.rng.chance(15))
      await mentor.executeUpdate(withdrawApplicationUpdate, { args: [{ reason: 'moved', actor: cwOf(ctx) }] });
    const workflowId = matchWorkflowId(caseId);
    await ctx.client.workflow.start(matchWorkflow, {
      taskQueue: ctx.taskQueue,
      workflowId,
      args: [
        {
          ...base,
          caseId,
          mentorCaseId: mentorCase,
          youthCaseId: youthCase,
          mentorWorkflowId: mentorWf,
          youthWorkflowId: youthWf,
          socialWorker: { id: swOf(ctx).id, email: 'sw@example.org' },
          caregiverName: 'CG',
          rationale: 'shared interests',
          proposedBy: cwOf(ctx),
        },
      ],
    });
    return [
      { workflowId, caseId, kind: 'case' },
      { workflowId: mentorWf, caseId: mentorCase, kind: 'peer', waitsForMessages: () => true },
      { workflowId: youthWf, caseId: youthCase, kind: 'peer', waitsForMessages: () => true },
    ];
  },
  directory: (ctx) => ({ [cwOf(ctx).id]: cwOf(ctx), [swOf(ctx).id]: swOf(ctx) }),
  async completion(task, outcome, ctx) {
    if (task.type === 'consent')
      return {
        outcome,
        comment: 'as decided',
        ...(outcome === 'accept' && task.ref !== 'social_worker' ? { data: { how: 'phone' } } : {}),
      };
    if (task.type === 'first_meeting')
      return { outcome, ...(ctx.rng.chance(50) ? { data: { meetingDate: await ctx.today() } } : {}) };
    if (task.type === 'check_in') {
      return {
        outcome,
        data: {
          contactMentor: true,
          contactYouth: true,
          contactCaregiver: ctx.rng.chance(50),
          satisfaction: 1 + ctx.rng.int(5),
          safetyConcern: ctx.rng.chance(20),
        },
      };
    }
    if (task.type === 'match_contact') {
      const reached = ctx.rng.chance(50) ? ['mentor', 'youth', 'caregiver'] : ['mentor', 'youth'];
      return {
        outcome,
        data: {
          reached,
          how: ctx.rng.pick(['in_person', 'phone', 'video', 'text'] as const),
          satisfaction: 1 + ctx.rng.int(5),
          safetyConcern: ctx.rng.chance(20),
        },
      };
    }
    if (task.type === 'closure_meeting')
      return { outcome, data: { held: ctx.rng.chance(70), with: ctx.rng.chance(50) ? ['mentor', 'youth'] : [] } };
    if (task.type === 'rematch_decision')
      return { outcome, data: { decision: ctx.rng.pick(['rematch', 'not_now', 'declined'] as const) } };
    if (task.type === 'survey_collection' && outcome === 'collected')
      return { outcome, data: { answers: [{ itemId: 'q1', value: 1 + ctx.rng.int(5) }] } };
    return { outcome, comment: 'as decided' };
  },
  async actions(ctx) {
    const h = ctx.handle();
    const reason = ctx.rng.pick(['mentor_moved', 'youth_moved', 'safety', 'lost_contact', 'other'] as const);
    return [
      {
        label: `the case worker closes the match (${reason})`,
        send: update(h, closeMatchUpdate, { reason, notes: 'closing', actor: cwOf(ctx) }),
        expect: () => [{ caseId: ctx.main.caseId, event: 'closing', match: { reason }, mode: 'per-call' }],
      },
      {
        label: 'an outsider closes the match',
        send: update(h, closeMatchUpdate, { reason: 'other', notes: 'x', actor: outsider }),
        mustRefuse: true,
      },
      {
        label: 'a party record says it is taken',
        send: signal(h, partyTakenSignal, {
          party: ctx.rng.pick(['mentor', 'youth'] as const),
          reason: 'in another match',
        }),
        signal: true,
      },
    ];
  },
};
