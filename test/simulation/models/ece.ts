/**
 * Early-childhood mentors and placements. A certification: the committee votes (each
 * member once; a tie waits), certified for two years with reminders, renewed by logged
 * development hours or lapsed; placements reserve it (at most two) and tell it when they
 * start and end. A placement: its mentor's certification runs from a carried-over state
 * (or has ended: the signals find no one), the mentor accepts, the mentee logs hours the
 * mentor confirms, both evaluate at the term's end, the coordinator closes it.
 */
import { laDate } from '../../../platform/workflow/calendar';
import { roleToken, userToken } from '../../../platform/workflow/access';
import { eceCertificationWorkflow, eceCertificationWorkflowId } from '../../../processes/ece/certification';
import { ecePlacementWorkflow, ecePlacementWorkflowId } from '../../../processes/ece/placement';
import {
  logDevelopmentUpdate,
  logPlacementHoursUpdate,
  placementEndedSignal,
  placementStartedSignal,
  reservePlacementUpdate,
} from '../../../processes/ece/messages';
import type { EceCertificationState } from '../../../processes/ece/types';
import { outsider, person, signal, update, type Action, type Ctx, type SimModel } from '../model';

const college = (ctx: Pick<Ctx, 'tag'>) => `${ctx.tag}-college`;
const mentorOf = (ctx: Pick<Ctx, 'tag'>) =>
  person(`${ctx.tag}-mentor`, ['ece_mentor'], { email: 'mentor@example.org' });
const menteeOf = (ctx: Pick<Ctx, 'tag'>) =>
  person(`${ctx.tag}-mentee`, ['ece_student'], { email: 'mentee@example.org' });
const coordinatorOf = (ctx: Pick<Ctx, 'tag'>) =>
  person(`${ctx.tag}-cc`, ['college_coordinator'], { collegeId: college(ctx) });
const DAY = 86_400_000;

function application(ctx: Pick<Ctx, 'tag'>) {
  const m = mentorOf(ctx);
  return {
    collegeId: college(ctx),
    person: { id: m.id, name: 'Maya', email: 'mentor@example.org' },
    role: 'mentor_teacher' as const,
    site: 'Sunrise',
    yearsExperience: 9,
    permitLevel: 'Master Teacher',
    evidence: 'QRIS tier 4',
  };
}

export const eceCertificationModel: SimModel = {
  name: 'eceCertificationWorkflow',
  async start(ctx) {
    const caseId = `${ctx.tag}-ecec`;
    const workflowId = eceCertificationWorkflowId(caseId);
    await ctx.client.workflow.start(eceCertificationWorkflow, {
      taskQueue: ctx.taskQueue,
      workflowId,
      args: [{ caseId, ...application(ctx), policy: ctx.policy, appliedBy: coordinatorOf(ctx) }],
    });
    return [{ workflowId, caseId, kind: 'case', waitsForMessages: (stage) => stage === 'lapsed' }];
  },
  parties: (ctx) => [mentorOf(ctx)],
  completion: (_task, outcome) => ({ outcome, comment: 'as decided' }),
  async actions(ctx) {
    const h = ctx.handle();
    const hours = ctx.rng.pick([2, 4, 6, 12]);
    const topic = `topic ${ctx.rng.int(1e9)}`;
    const placementId = `${ctx.tag}-pl${ctx.rng.int(4)}`;
    const out: Action[] = [
      {
        label: `the mentor logs ${hours} h of development`,
        send: update(h, logDevelopmentUpdate, { date: await ctx.today(), hours, topic, actor: mentorOf(ctx) }),
        expect: () => [{ caseId: ctx.main.caseId, event: 'development_logged', match: { topic }, mode: 'per-call' }],
      },
      {
        label: 'an outsider logs development',
        send: update(h, logDevelopmentUpdate, { date: await ctx.today(), hours: 1, topic: 'x', actor: outsider }),
        mustRefuse: true,
      },
      {
        label: `placement ${placementId.slice(-3)} reserves the mentor`,
        send: update(h, reservePlacementUpdate, {
          placementId,
          kind: ctx.rng.pick(['student', 'student', 'administrator'] as const),
        }),
      },
      {
        label: `placement ${placementId.slice(-3)} starts`,
        send: signal(h, placementStartedSignal, { placementId }),
        signal: true,
      },
      {
        label: `placement ${placementId.slice(-3)} ends`,
        send: signal(h, placementEndedSignal, { placementId }),
        signal: true,
      },
    ];
    return out;
  },
};

export const ecePlacementModel: SimModel = {
  name: 'ecePlacementWorkflow',
  async start(ctx) {
    const now = await ctx.nowMs();
    const mentorCase = `${ctx.tag}-ecec`;
    const mentorWf = eceCertificationWorkflowId(mentorCase);
    const caseId = `${ctx.tag}-place`;
    const cases = [];
    // The mentor's certification: running from a carried-over state, or ended (no one to tell).
    if (ctx.rng.chance(85)) {
      const iso = new Date(now).toISOString();
      const state: EceCertificationState = {
        caseId: mentorCase,
        type: 'ece_certification',
        status: 'open',
        stage: 'certified',
        subject: 'carried over',
        viewers: [roleToken('college_coordinator', { collegeId: college(ctx) }), userToken(mentorOf(ctx).id)],
        version: 1,
        createdAt: iso,
        updatedAt: iso,
        recorded: true,
        tasks: {},
        ...application(ctx),
        votes: [],
        development: [],
        remindersSent: 0,
        openPlacements: [],
        certifiedAt: iso,
        periodStart: laDate(now),
        certifiedUntil: laDate(now + 700 * DAY),
      };
      const h = await ctx.client.workflow.start(eceCertificationWorkflow, {
        taskQueue: ctx.taskQueue,
        workflowId: mentorWf,
        args: [{ caseId: mentorCase, ...application(ctx), policy: ctx.policy, appliedBy: coordinatorOf(ctx), state }],
      });
      await h.executeUpdate(reservePlacementUpdate, { args: [{ placementId: caseId, kind: 'student' }] });
      cases.push({ workflowId: mentorWf, caseId: mentorCase, kind: 'peer' as const, waitsForMessages: () => true });
    }
    const workflowId = ecePlacementWorkflowId(caseId);
    const m = mentorOf(ctx);
    const e = menteeOf(ctx);
    await ctx.client.workflow.start(ecePlacementWorkflow, {
      taskQueue: ctx.taskQueue,
      workflowId,
      args: [
        {
          caseId,
          collegeId: college(ctx),
          mentorCaseId: mentorCase,
          mentorWorkflowId: mentorWf,
          mentor: { id: m.id, name: 'Maya', email: 'mentor@example.org', role: 'mentor_teacher' },
          mentee: { id: e.id, name: 'Sam', email: 'mentee@example.org', kind: 'student' },
          term: { start: laDate(now - DAY), end: laDate(now + ctx.rng.pick([10, 40, 90]) * DAY) },
          policy: ctx.policy,
          placedBy: coordinatorOf(ctx),
        },
      ],
    });
    return [{ workflowId, caseId, kind: 'case' }, ...cases];
  },
  directory: (ctx) => ({ [mentorOf(ctx).id]: mentorOf(ctx), [menteeOf(ctx).id]: menteeOf(ctx) }),
  completion: (task, outcome, ctx) =>
    task.type === 'evaluation' ? { outcome, data: { rating: 1 + ctx.rng.int(5) } } : { outcome, comment: 'as decided' },
  async actions(ctx) {
    const h = ctx.handle();
    const hours = ctx.rng.pick([1, 2, 4]);
    return [
      {
        label: `the mentee logs ${hours} h`,
        send: update(h, logPlacementHoursUpdate, {
          date: await ctx.today(),
          hours,
          activity: 'circle time',
          actor: menteeOf(ctx),
        }),
        expect: (r) =>
          r
            ? [
                {
                  caseId: ctx.main.caseId,
                  event: 'hours_logged',
                  match: { entryId: (r as { id: string }).id },
                  mode: 'once' as const,
                },
              ]
            : [],
      },
      {
        label: 'the mentor logs hours',
        send: update(h, logPlacementHoursUpdate, {
          date: await ctx.today(),
          hours: 1,
          activity: 'x',
          actor: mentorOf(ctx),
        }),
        mustRefuse: true,
      },
    ];
  },
};
