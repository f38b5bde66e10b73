/**
 * Wellness check-ins: a coordinator assigns an approved caller who speaks the youth's
 * language (or one who does not, or is not approved: refused); each call logged reached or
 * not, with needs (resources) or a safety concern (urgent review); two unreached calls ask
 * the referrer to confirm the contact details; after the plan the caller extends or ends.
 */
import { person, type Ctx, type SimModel } from '../model';
import { wellnessCheckinWorkflow, wellnessWorkflowId } from '../../../processes/wellness/workflow';

const referrerOf = (ctx: Pick<Ctx, 'tag'>) =>
  person(`${ctx.tag}-referrer`, ['social_worker'], { email: 'referrer@example.org' });
const callerOf = (ctx: Pick<Ctx, 'tag'>) => person(`${ctx.tag}-caller`, ['caller'], { email: 'caller@example.org' });

export const wellnessModel: SimModel = {
  name: 'wellnessCheckinWorkflow',
  async start(ctx) {
    const caseId = `${ctx.tag}-well`;
    const workflowId = wellnessWorkflowId(caseId);
    const referrer = referrerOf(ctx);
    await ctx.client.workflow.start(wellnessCheckinWorkflow, {
      taskQueue: ctx.taskQueue,
      workflowId,
      args: [
        {
          caseId,
          policy: ctx.policy,
          referredBy: referrer,
          source: 'foster_care',
          guardianConsent: { how: 'signed form' },
          youth: { name: 'Y', dateOfBirth: '2010-01-01', county: 'Sacramento', languages: ['English'] },
          contact: { phone: '5550100', preferredTimes: 'evenings' },
          referrer: { id: referrer.id, name: 'R', email: 'referrer@example.org' },
        },
      ],
    });
    return [{ workflowId, caseId, kind: 'case' }];
  },
  directory: (ctx) => ({ [referrerOf(ctx).id]: referrerOf(ctx), [callerOf(ctx).id]: callerOf(ctx) }),
  parties: () => [],
  completion(task, outcome, ctx) {
    if (task.type === 'assign_caller') {
      const fit = ctx.rng.chance(85);
      const caller = {
        caseId: `${ctx.tag}-callercase`,
        userId: callerOf(ctx).id,
        name: 'C',
        email: 'caller@example.org',
        languages: fit ? ['English'] : ['Tagalog'],
        stage: 'approved',
      };
      return { outcome, data: { callerCaseId: caller.caseId }, context: { caller } };
    }
    if (task.type === 'wellness_call') {
      const reached = ctx.rng.chance(60);
      const needs = ctx.rng.pick([[], [], ['food'], ['safety'], ['food', 'safety']]);
      return { outcome, data: { reached, minutes: 10, ...(reached ? { mood: 3 } : {}), needs } };
    }
    if (task.type === 'confirm_contact' && outcome === 'confirmed') return { outcome, data: { phone: '5550199' } };
    return { outcome, comment: 'as decided' };
  },
};
