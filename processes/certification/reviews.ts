/**
 * The quality reviewers' tasks of a certification cycle, one named handler per task type:
 * the application's review (Affiliate at once, or Associate Partner and the 4-month window),
 * the self-assessment's review (Partner, or a work plan), and each work-plan item's
 * verification; and the synchronous checks a completion must pass first.
 */
import { uuid4 } from '@temporalio/workflow';
import { certificationEmail } from './email-messages';
import { addDuration } from '../../platform/workflow/calendar';
import { mergeChanges, refuse, type Change } from '../../platform/workflow/case-runtime';
import type { CompleteTaskInput } from '../../platform/workflow/messages';
import type { TaskRecord } from '../../platform/workflow/records';
import { TASK_DATA } from '../../platform/workflow/task-data';
import type { Cycle } from './cycle';
import { runPartnerWindow } from './partner-window';
import { awardPartner, setLevel } from './program-level';
import { STANDARDS } from './questions';
import type { WorkPlanItem } from './types';

/** Work-plan items as the reviewer sends them in `data.items` (shape checked by the task's schema). */
function parseItems(data: Record<string, unknown> | undefined): Omit<WorkPlanItem, 'id' | 'status'>[] | null {
  const r = TASK_DATA.assessment_review().safeParse(data ?? {});
  const items = r.success ? (r.data as { items?: Omit<WorkPlanItem, 'id' | 'status'>[] }).items : undefined;
  return items?.length ? items : null;
}

/** Denied; Affiliate granted; or, for Partner, Associate Partner now and the 4-month clock starts. */
export async function reviewApplication(
  cycle: Cycle,
  task: TaskRecord,
  { outcome, comment, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, program, policy, rt, tellContact } = cycle;
  if (outcome === 'deny') {
    rt.setStage('denied', 'closed');
    return {
      events: [rt.event(actor, 'application_denied', { reason: comment })],
      emails: [
        tellContact(
          `${task.id}:result`,
          certificationEmail('application-not-approved', {
            programName: program.name,
            levelSought: state.levelSought,
            reason: `${comment}`,
          }),
        ),
      ],
    };
  }
  if (state.levelSought === 'affiliate') {
    rt.setStage('affiliate', 'closed');
    const level =
      program.levelAtApplication === 'none'
        ? await setLevel(cycle, 'affiliate', null, 'Affiliate membership granted', actor)
        : {};
    return mergeChanges(level, {
      events: [rt.event(actor, 'affiliate_granted', {})],
      emails: [tellContact(`${task.id}:result`, certificationEmail('affiliate', { programName: program.name }))],
    });
  }
  // Partner: Associate Partner now, and the 4-month clock starts.
  state.deadline = new Date(addDuration(Date.now(), policy.certification.partnerWindow, rt.calendar)).toISOString();
  rt.setStage('self_assessment');
  void runPartnerWindow(cycle);
  const level = state.renewal
    ? {}
    : await setLevel(cycle, 'associate_partner', null, 'Application for Partner approved', actor);
  return mergeChanges(level, {
    events: [rt.event(actor, 'application_approved', { deadline: state.deadline })],
    emails: [
      tellContact(
        `${task.id}:result`,
        certificationEmail('self-assessment-open', { programName: program.name, deadline: `${state.deadline}` }),
      ),
    ],
  });
}

/** The self-assessment reviewed: Partner, or a work plan for the program to complete. */
export async function reviewAssessment(
  cycle: Cycle,
  task: TaskRecord,
  { outcome, data, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, program, rt, tellContact } = cycle;
  if (data?.findings) state.findings = data.findings as Record<string, unknown>;
  if (outcome === 'partner') return awardPartner(cycle, actor);
  state.workPlan = parseItems(data)!.map((it) => ({ ...it, id: uuid4(), status: 'open' }));
  state.workPlanSetBy = actor.id;
  rt.setStage('work_plan');
  return {
    events: [rt.event(actor, 'work_plan_set', { items: state.workPlan.length })],
    emails: [
      tellContact(
        `${task.id}:result`,
        certificationEmail('work-plan', {
          programName: program.name,
          itemCount: state.workPlan.length,
          items: state.workPlan.map((i) => `- [${i.standard}] ${i.description} (due ${i.dueDate})`).join('\n'),
        }),
      ),
    ],
  };
}

/** One work-plan item verified (the last one: Partner) or rejected (it reopens). */
export async function verifyWorkPlanItem(
  cycle: Cycle,
  task: TaskRecord,
  { outcome, comment, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, program, rt, tellContact } = cycle;
  const item = state.workPlan.find((i) => i.id === task.ref)!;
  if (outcome === 'rejected') {
    // A rejected item reopens for the program to complete again.
    item.status = 'rejected';
    item.reason = comment;
    return {
      events: [rt.event(actor, 'work_plan_item_rejected', { itemId: item.id, reason: comment })],
      emails: [
        tellContact(
          `${task.id}:result`,
          certificationEmail('work-plan-item-rejected', {
            programName: program.name,
            itemDescription: item.description,
            reason: `${comment}`,
          }),
        ),
      ],
    };
  }
  item.status = 'verified';
  const verified = { events: [rt.event(actor, 'work_plan_item_verified', { itemId: item.id })] };
  return state.workPlan.every((i) => i.status === 'verified')
    ? mergeChanges(verified, await awardPartner(cycle, actor))
    : verified;
}

/** A denial or rejection needs a reason; a work plan needs its items. */
export function checkReview(task: TaskRecord, { outcome, comment, data }: CompleteTaskInput): void {
  if ((outcome === 'deny' || outcome === 'rejected') && !comment?.trim()) {
    refuse('reason_required', 'A denial or rejection needs a reason in `comment`');
  }
  if (task.type === 'assessment_review' && outcome === 'work_plan' && !parseItems(data)) {
    refuse(
      'invalid_work_plan',
      `A work plan needs data.items: [{ standard (${STANDARDS.join(', ')}), description, dueDate YYYY-MM-DD }]`,
    );
  }
}
