/**
 * One certification cycle of a program (workflow ID `certification-<programId>-<n>`):
 * application review -> Affiliate, or for Partner: Associate Partner with a 4-month clock
 * -> self-assessment -> reviewer's assessment review -> Partner, or a work plan whose
 * items the reviewer verifies -> Partner. Not Partner by the deadline: back to Affiliate.
 * A renewal (the program is Partner already) keeps the old certificate until it expires.
 * The certificate's own life (renewal reminders, expiry) is kept by the program's workflow.
 */
import type { EmailTemplateRef } from '../../platform/emails/messages';
import { certificationEmail } from './email-messages';
import { continueAsNew, getExternalWorkflowHandle, patched, setHandler, uuid4 } from '@temporalio/workflow';
import { receiverGoneTolerated } from '../../platform/workflow/signal-case';
import { roleToken } from '../../platform/workflow/access';
import { addDuration, laDate, subtractDuration } from '../../platform/workflow/calendar';
import {
  CaseRuntime,
  taskHandlersByType,
  newCase,
  mergeChanges,
  refuse,
  type Change,
} from '../../platform/workflow/case-runtime';
import { programLevelProjection } from '../programs/projection';
import { SYSTEM, type ActingUser, type Actor } from '../../platform/workflow/records';
import { checkInput, refuseWith } from '../../platform/workflow/refusals';
import { TASK_DATA } from '../../platform/workflow/task-data';
import { programStaff } from '../../platform/workflow/who-may-act';
import { answerInput, evidenceInput } from './inputs';
import { certificateEnd, programLevelSignal, programWorkflowId, type ProgramLevel } from '../programs/workflow';
import { completeWorkPlanItemUpdate, saveAssessmentUpdate, submitAssessmentUpdate } from './messages';
import { QUESTIONS, STANDARDS } from './questions';
import {
  IN_PROGRESS_STAGES,
  type CertificationInput,
  type CertificationResult,
  type CertificationState,
  type SaveAssessmentInput,
  type WorkPlanItem,
} from './types';

const REVIEWERS = ['quality_reviewer'];

/** The n-th certification cycle of a program: two applications racing for the same n get one case. */
export const certificationWorkflowId = (programId: string, n: number): string => `certification-${programId}-${n}`;

function initialState(input: CertificationInput): CertificationState {
  const renewal = input.levelSought === 'partner' && input.program.levelAtApplication === 'partner';
  return {
    ...newCase({
      caseId: input.caseId,
      type: 'certification',
      stage: 'application_review',
      subject: `${renewal ? 'Renewal of Partner' : input.levelSought === 'partner' ? 'Partner' : 'Affiliate'} certification: ${input.program.name}`,
      viewers: [
        roleToken('program_staff', { programId: input.program.id }),
        roleToken('quality_reviewer'),
        roleToken('review_lead'),
      ],
      programId: input.program.id,
      // The program's own staff act on none of its review's tasks.
      parties: { ids: [], programId: input.program.id },
    }),
    program: input.program,
    levelSought: input.levelSought,
    renewal,
    selfAssessment: { answers: [] },
    workPlan: [],
    windowRemindersSent: 0,
  };
}

/** Work-plan items as the reviewer sends them in `data.items` (shape checked by the task's schema). */
function parseItems(data: Record<string, unknown> | undefined): Omit<WorkPlanItem, 'id' | 'status'>[] | null {
  const r = TASK_DATA.assessment_review().safeParse(data ?? {});
  const items = r.success ? (r.data as { items?: Omit<WorkPlanItem, 'id' | 'status'>[] }).items : undefined;
  return items?.length ? items : null;
}

/** The self-assessment and the work plan are the program's own staff's to fill in. */
const staffOfProgram = (actor: ActingUser, programId: string) =>
  refuseWith(programStaff({ ...actor, roles: actor.roles ?? [] }, programId));

export async function certificationWorkflow(input: CertificationInput): Promise<CertificationResult> {
  const policy = input.policy;
  const state = input.state ?? initialState(input);
  const program = state.program;
  const rt = new CaseRuntime(state, policy, (s) => ({
    programId: s.program.id,
    levelSought: s.levelSought,
    renewal: s.renewal,
    selfAssessment: s.selfAssessment,
    ...(s.findings ? { findings: s.findings } : {}),
    workPlan: s.workPlan,
    ...(s.deadline ? { deadline: s.deadline } : {}),
    ...(s.certifiedUntil ? { certifiedUntil: s.certifiedUntil } : {}),
  }));
  const tellContact = (key: string, message: EmailTemplateRef) =>
    rt.email(key, [program.contactEmail], message, rt.caseLink());
  const reviewerTask = (type: string, title: string, outcomes: string[], ref?: string) =>
    rt.openTask({ type, title, candidateRoles: REVIEWERS, scope: { programId: program.id }, outcomes, ref });

  /** Changes the program's level: mirrored into the directory now, owned by the program's workflow. */
  async function setLevel(
    level: ProgramLevel,
    certifiedUntil: string | null,
    note: string,
    actor: Actor,
  ): Promise<Change> {
    const eventId = uuid4();
    // The directory gets the level from this change either way; a program record that has
    // ended (terminated by an operator) misses only its own timeline entry and timers.
    try {
      await getExternalWorkflowHandle(programWorkflowId(program.id)).signal(programLevelSignal, {
        level,
        certifiedUntil,
        note,
        actor,
        eventId,
        caseId: state.caseId,
      });
    } catch (err) {
      if (!receiverGoneTolerated(err)) throw err;
    }
    return {
      projections: [programLevelProjection({ id: program.id, level, certifiedUntil })],
      events: [
        {
          id: eventId,
          caseId: program.id,
          at: rt.nowIso(),
          actor,
          event: 'level_changed',
          detail: { to: { level, certifiedUntil }, note, caseId: state.caseId },
        },
      ],
    };
  }

  function expireOpenTasks(reason: string): Change {
    return mergeChanges(...rt.openTasks().map((t) => rt.closeTask(t, 'expired', SYSTEM, reason)));
  }

  /** All verified, or the reviewer recommends Partner: a certificate valid 3 years (policy). */
  async function awardPartner(actor: Actor): Promise<Change> {
    // A renewal extends the certificate still in force; otherwise it runs from today.
    const previous =
      state.renewal && program.certifiedUntilAtApplication ? certificateEnd(program.certifiedUntilAtApplication) : 0;
    const from = Math.max(Date.now(), previous);
    const until = laDate(addDuration(from, policy.certification.certificateValidity, rt.calendar) - 1);
    state.certifiedUntil = until;
    rt.setStage('partner', 'closed');
    const level = await setLevel(
      'partner',
      until,
      state.renewal ? 'Partner certificate renewed' : 'Partner certification awarded',
      actor,
    );
    return mergeChanges(level, {
      events: [rt.event(actor, 'partner_awarded', { certifiedUntil: until })],
      emails: [
        tellContact(
          `${state.caseId}:partner`,
          certificationEmail('partner', { programName: program.name, until: `${until}` }),
        ),
      ],
    });
  }

  // ---- task outcomes ------------------------------------------------------------------

  rt.registerTaskHandlers(
    taskHandlersByType<'application_review' | 'assessment_review' | 'work_plan_verification'>({
      application_review: async (task, { outcome, comment, actor }): Promise<Change> => {
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
              ? await setLevel('affiliate', null, 'Affiliate membership granted', actor)
              : {};
          return mergeChanges(level, {
            events: [rt.event(actor, 'affiliate_granted', {})],
            emails: [tellContact(`${task.id}:result`, certificationEmail('affiliate', { programName: program.name }))],
          });
        }
        // Partner: Associate Partner now, and the 4-month clock starts.
        state.deadline = new Date(
          addDuration(Date.now(), policy.certification.partnerWindow, rt.calendar),
        ).toISOString();
        rt.setStage('self_assessment');
        void runPartnerWindow();
        const level = state.renewal
          ? {}
          : await setLevel('associate_partner', null, 'Application for Partner approved', actor);
        return mergeChanges(level, {
          events: [rt.event(actor, 'application_approved', { deadline: state.deadline })],
          emails: [
            tellContact(
              `${task.id}:result`,
              certificationEmail('self-assessment-open', { programName: program.name, deadline: `${state.deadline}` }),
            ),
          ],
        });
      },
      assessment_review: async (task, { outcome, data, actor }): Promise<Change> => {
        if (data?.findings) state.findings = data.findings as Record<string, unknown>;
        if (outcome === 'partner') return awardPartner(actor);
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
      },
      work_plan_verification: async (task, { outcome, comment, actor }): Promise<Change> => {
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
          ? mergeChanges(verified, await awardPartner(actor))
          : verified;
      },
    }),
    (task, { outcome, comment, data }) => {
      if ((outcome === 'deny' || outcome === 'rejected') && !comment?.trim()) {
        refuse('reason_required', 'A denial or rejection needs a reason in `comment`');
      }
      if (task.type === 'assessment_review' && outcome === 'work_plan' && !parseItems(data)) {
        refuse(
          'invalid_work_plan',
          `A work plan needs data.items: [{ standard (${STANDARDS.join(', ')}), description, dueDate YYYY-MM-DD }]`,
        );
      }
    },
  );

  // ---- program staff ------------------------------------------------------------------

  setHandler(
    saveAssessmentUpdate,
    async ({ answers, actor }) => {
      const byId = new Map(state.selfAssessment.answers.map((a) => [a.questionId, a]));
      for (const a of answers) byId.set(a.questionId, a);
      state.selfAssessment.answers = QUESTIONS.map((q) => byId.get(q.id)).filter(
        (a): a is NonNullable<typeof a> => !!a,
      );
      await rt.commit({
        events: [
          rt.event(actor, 'self_assessment_saved', {
            answered: state.selfAssessment.answers.length,
            of: QUESTIONS.length,
          }),
        ],
      });
      return { answers: state.selfAssessment.answers };
    },
    {
      validator: ({ answers, actor }: SaveAssessmentInput) => {
        staffOfProgram(actor, program.id);
        checkInput(answerInput.array().max(QUESTIONS.length * 2), answers, 'The answers are not valid', 'body.answers');
        if (state.stage !== 'self_assessment')
          refuse('assessment_closed', `The self-assessment is not open (stage ${state.stage})`);
        const unknown = answers.filter((a) => !QUESTIONS.some((q) => q.id === a.questionId)).map((a) => a.questionId);
        if (unknown.length) refuse('unknown_question', `No such questions: ${unknown.join(', ')}`);
      },
    },
  );

  setHandler(
    submitAssessmentUpdate,
    async ({ actor }) => {
      const submittedAt = rt.nowIso();
      state.selfAssessment.submittedAt = submittedAt;
      rt.setStage('review');
      const review = reviewerTask('assessment_review', `Review the self-assessment of ${program.name}`, [
        'partner',
        'work_plan',
      ]);
      await rt.commit(mergeChanges({ events: [rt.event(actor, 'self_assessment_submitted', {})] }, review));
      return { submittedAt };
    },
    {
      validator: ({ actor }) => {
        staffOfProgram(actor, program.id);
        if (state.stage !== 'self_assessment')
          refuse('assessment_closed', `The self-assessment is not open (stage ${state.stage})`);
        const answered = new Set(state.selfAssessment.answers.map((a) => a.questionId));
        const missing = QUESTIONS.filter((q) => !answered.has(q.id)).map((q) => q.id);
        if (missing.length) refuse('assessment_incomplete', `Unanswered questions: ${missing.join(', ')}`);
      },
    },
  );

  setHandler(
    completeWorkPlanItemUpdate,
    async ({ itemId, evidence, actor }) => {
      const item = state.workPlan.find((i) => i.id === itemId)!;
      item.status = 'submitted';
      item.evidence = evidence;
      delete item.reason;
      const verify = rt.openTask({
        type: 'work_plan_verification',
        title: `Verify work-plan item of ${program.name}: ${item.description}`,
        candidateRoles: REVIEWERS,
        scope: { programId: program.id },
        outcomes: ['verified', 'rejected'],
        ref: item.id,
        // Whoever wrote the plan does not verify it.
        excludedActors: state.workPlanSetBy ? [state.workPlanSetBy] : [],
      });
      await rt.commit(mergeChanges({ events: [rt.event(actor, 'work_plan_item_completed', { itemId })] }, verify));
      return item;
    },
    {
      validator: ({ itemId, evidence, actor }) => {
        staffOfProgram(actor, program.id);
        checkInput(evidenceInput, { evidence }, 'The evidence is not valid');
        if (state.stage !== 'work_plan')
          refuse('work_plan_closed', `There is no open work plan (stage ${state.stage})`);
        const item = state.workPlan.find((i) => i.id === itemId);
        if (!item) refuse('work_plan_item_not_found', 'No such work-plan item');
        if (item.status !== 'open' && item.status !== 'rejected')
          refuse('work_plan_item_not_open', `The item is ${item.status}`);
      },
    },
  );

  // ---- the 4-month window -------------------------------------------------------------

  /** Reminders 30 and 7 days before the deadline; at the deadline, back to Affiliate. */
  async function runPartnerWindow(): Promise<void> {
    const deadline = Date.parse(state.deadline!);
    const inWindow = () => IN_PROGRESS_STAGES.includes(state.stage);
    const reminders = policy.certification.windowReminders;
    while (state.windowRemindersSent < reminders.length) {
      const at = subtractDuration(deadline, reminders[state.windowRemindersSent], rt.calendar);
      if (await rt.untilOr(() => !inWindow(), at)) return;
      const n = state.windowRemindersSent++;
      // A reminder whose moment came before the window opened is skipped (the window was
      // shorter than it); one whose timer merely fired late is still sent.
      const opened = subtractDuration(deadline, policy.certification.partnerWindow, rt.calendar);
      const skip = patched('late-window-reminders-sent') ? at < opened : at < Date.now() - 60_000;
      if (skip) continue;
      await rt.commit({
        events: [rt.event(SYSTEM, 'deadline_reminder_sent', { deadline: state.deadline })],
        emails: [
          tellContact(
            `${state.caseId}:window-${n}`,
            certificationEmail('partner-deadline', {
              programName: program.name,
              deadlineDate: laDate(deadline - 1),
              deadline: `${state.deadline}`,
            }),
          ),
        ],
      });
    }
    if (await rt.untilOr(() => !inWindow(), deadline)) return;
    const expired = expireOpenTasks('the 4-month window ended');
    if (state.renewal) {
      // The old certificate still counts until it expires; only this renewal attempt ends.
      rt.setStage('expired', 'closed');
      await rt.commit(
        mergeChanges(expired, {
          events: [
            rt.event(SYSTEM, 'renewal_window_expired', {
              reason: 'not Partner within the 4-month window',
              deadline: state.deadline,
            }),
          ],
          emails: [
            tellContact(
              `${state.caseId}:window-end`,
              certificationEmail('renewal-window-ended', {
                programName: program.name,
                deadline: `${state.deadline}`,
                certifiedUntil: `${program.certifiedUntilAtApplication}`,
              }),
            ),
          ],
        }),
      );
      return;
    }
    const level = await setLevel(
      'affiliate',
      null,
      'Not Partner within 4 months of becoming Associate Partner',
      SYSTEM,
    );
    // The stage changes only together with its commit: the case must not look closed before.
    rt.setStage('affiliate', 'closed');
    await rt.commit(
      mergeChanges(expired, level, {
        events: [
          rt.event(SYSTEM, 'returned_to_affiliate', {
            reason: 'not Partner within 4 months of becoming Associate Partner',
            deadline: state.deadline,
          }),
        ],
        emails: [
          tellContact(
            `${state.caseId}:window-end`,
            certificationEmail('returned-to-affiliate', { programName: program.name, deadline: `${state.deadline}` }),
          ),
        ],
      }),
    );
  }

  // ---- main ---------------------------------------------------------------------------

  if (!state.recorded) {
    const review = reviewerTask(
      'application_review',
      `Review the ${state.levelSought} application of ${program.name}`,
      ['approve', 'deny'],
    );
    await rt.commit(
      mergeChanges(
        { events: [rt.event(input.appliedBy, 'applied', { levelSought: state.levelSought, renewal: state.renewal })] },
        review,
      ),
    );
    state.recorded = true;
  } else {
    rt.resumeTaskTimers();
    if (state.deadline && IN_PROGRESS_STAGES.includes(state.stage)) void runPartnerWindow();
  }

  await rt.runUntilClosed((s) => continueAsNew<typeof certificationWorkflow>({ ...input, state: s }));
  return {
    caseId: state.caseId,
    stage: state.stage,
    ...(state.certifiedUntil ? { certifiedUntil: state.certifiedUntil } : {}),
  };
}
