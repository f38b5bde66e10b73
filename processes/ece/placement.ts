/**
 * An early-childhood placement (`ece-placement-<caseId>`, docs/processes/early-childhood.md): a college
 * coordinator places a student (practicum, for a term) or a new administrator with a
 * certified mentor of the right kind, who holds it on their certification record (at most
 * 2 at once; reserved before this case starts). The mentor accepts; the mentee logs hours
 * and the mentor confirms each entry; at the term's end both evaluate, and the coordinator
 * closes the placement, which earns the mentor the stipend. Its end frees the mentor.
 */
import { continueAsNew, getExternalWorkflowHandle, patched, setHandler, uuid4 } from '@temporalio/workflow';
import { receiverGone } from '../../platform/workflow/signal-case';
import { roleToken, userToken } from '../../platform/workflow/access';
import { addDays } from '../../platform/workflow/calendar';
import {
  CaseRuntime,
  mergeChanges,
  newCase,
  onCompletedByType,
  refuse,
  type Change,
  type TaskCompletionHook,
} from '../../platform/workflow/case-runtime';
import { checkInput } from '../../platform/workflow/refusals';
import { SYSTEM, type Actor } from '../../platform/workflow/records';
import { placementHoursInput } from './inputs';
import { logPlacementHoursUpdate, placementEndedSignal, placementStartedSignal } from './messages';
import type { EcePlacementInput, EcePlacementState } from './types';

export const ecePlacementWorkflowId = (caseId: string): string => `ece-placement-${caseId}`;

export const PLACEMENT_TASK_TYPES = ['accept_placement', 'confirm_hours', 'evaluation', 'close_placement'] as const;
type PlacementTaskType = (typeof PLACEMENT_TASK_TYPES)[number];

function initialState(input: EcePlacementInput): EcePlacementState {
  return {
    ...newCase({
      caseId: input.caseId,
      type: 'ece_placement',
      stage: 'awaiting_acceptance',
      subject: `Placement: ${input.mentee.name} with ${input.mentor.name} (${input.term.start} to ${input.term.end})`,
      viewers: [
        roleToken('college_coordinator', { collegeId: input.collegeId }),
        userToken(input.mentor.id),
        userToken(input.mentee.id),
      ],
    }),
    collegeId: input.collegeId,
    mentorCaseId: input.mentorCaseId,
    mentorWorkflowId: input.mentorWorkflowId,
    mentor: input.mentor,
    mentee: input.mentee,
    term: input.term,
    ...(input.course ? { course: input.course } : {}),
    hours: [],
    evaluations: {},
  };
}

export async function ecePlacementWorkflow(input: EcePlacementInput): Promise<{ caseId: string; stage: string }> {
  const state = input.state ?? initialState(input);
  const short = state.caseId.slice(0, 8);
  const rt = new CaseRuntime(state, input.policy, (s) => ({
    collegeId: s.collegeId,
    mentorCaseId: s.mentorCaseId,
    mentor: s.mentor,
    mentee: s.mentee,
    term: s.term,
    ...(s.course ? { course: s.course } : {}),
    hours: s.hours,
    hoursConfirmed: confirmed(),
    evaluations: s.evaluations,
    ...(s.stipend !== undefined ? { stipend: s.stipend } : {}),
    ...(s.closedAt ? { closedAt: s.closedAt } : {}),
  }));
  function confirmed(): number {
    return state.hours.filter((h) => h.status === 'confirmed').reduce((a, h) => a + h.hours, 0);
  }
  const personTask = (
    who: { id: string; email: string },
    type: string,
    title: string,
    outcomes: string[],
    ref?: string,
  ): Change =>
    rt.openTask({
      type,
      title,
      candidateRoles: [type === 'evaluation' && who.id === state.mentee.id ? 'ece_student' : 'ece_mentor'],
      candidates: [userToken(who.id)],
      notifyEmail: who.email,
      scope: { collegeId: state.collegeId },
      outcomes,
      ref,
    });

  /** The placement's end frees the mentor on their certification record. */
  async function freeMentor(): Promise<void> {
    await getExternalWorkflowHandle(state.mentorWorkflowId)
      .signal(placementEndedSignal, { placementId: state.caseId })
      .catch(() => undefined);
  }

  function end(stage: 'closed' | 'cancelled', actor: Actor, reason: string): Change {
    const cancelled = rt.openTasks().map((t) => rt.closeTask(t, 'cancelled', actor, reason));
    state.closedAt = rt.nowIso();
    rt.setStage(stage, 'closed');
    return mergeChanges(...cancelled);
  }

  const onCompleted: { [T in PlacementTaskType]: TaskCompletionHook } = {
    accept_placement: async (_task, { outcome, comment, actor }) => {
      if (outcome === 'decline')
        return mergeChanges(
          { events: [rt.event(actor, 'placement_declined', { reason: comment })] },
          end('cancelled', actor, 'the mentor declined'),
        );
      rt.setStage('active');
      return { events: [rt.event(actor, 'placement_accepted', {})] };
    },
    confirm_hours: async (task, { outcome, comment, actor }) => {
      const entry = state.hours.find((h) => h.id === task.ref)!;
      entry.status = outcome === 'confirm' ? 'confirmed' : 'rejected';
      return {
        events: [
          rt.event(actor, `hours_${entry.status}`, {
            entryId: entry.id,
            hours: entry.hours,
            ...(comment ? { reason: comment } : {}),
          }),
        ],
      };
    },
    evaluation: async (task, { data, actor }) => {
      const side = task.ref as 'mentor' | 'mentee';
      state.evaluations[side] = {
        rating: Number(data!.rating),
        ...(data!.comments ? { comments: String(data!.comments) } : {}),
        at: rt.nowIso(),
      };
      const evaluated = { events: [rt.event(actor, 'evaluation_completed', { side })] };
      if (!state.evaluations.mentor || !state.evaluations.mentee) return evaluated;
      return mergeChanges(
        evaluated,
        rt.openTask({
          type: 'close_placement',
          title: `Close the placement ${short}`,
          candidateRoles: ['college_coordinator'],
          scope: { collegeId: state.collegeId },
          outcomes: ['closed'],
        }),
      );
    },
    close_placement: async (_task, { actor }) => {
      state.stipend = input.policy.ece.stipendPerPlacement;
      return mergeChanges(
        { events: [rt.event(actor, 'placement_closed', { hoursConfirmed: confirmed(), stipend: state.stipend })] },
        end('closed', actor, 'the placement closed'),
      );
    },
  };

  rt.registerTaskHandlers(onCompletedByType(onCompleted), (task, { outcome, comment }) => {
    if (['decline', 'reject'].includes(outcome) && !comment?.trim())
      refuse(
        'reason_required',
        `${task.type === 'confirm_hours' ? 'Rejecting hours' : 'Declining'} needs a reason in \`comment\``,
      );
  });

  setHandler(
    logPlacementHoursUpdate,
    async ({ date, hours, activity, actor }) => {
      const entry = { id: uuid4(), date, hours, activity, status: 'pending' as const, loggedAt: rt.nowIso() };
      state.hours.push(entry);
      await rt.commit(
        mergeChanges(
          { events: [rt.event(actor, 'hours_logged', { entryId: entry.id, date, hours })] },
          personTask(
            state.mentor,
            'confirm_hours',
            `Confirm ${hours} hours of placement ${short} on ${date}`,
            ['confirm', 'reject'],
            entry.id,
          ),
        ),
      );
      return entry;
    },
    {
      validator: ({ actor, ...entry }) => {
        if (actor.id !== state.mentee.id) refuse('not_permitted', 'Only the mentee logs placement hours');
        checkInput(placementHoursInput, entry, 'The hours entry is not valid');
        if (!['active', 'evaluation'].includes(state.stage))
          refuse('placement_not_active', `The placement is ${state.stage}`);
        if (entry.date < state.term.start || entry.date > state.term.end || entry.date > rt.calendar.date(Date.now())) {
          refuse('invalid_input', 'Hours fall within the term and not in the future', [
            {
              path: 'body.date',
              message: `must be within ${state.term.start} to ${state.term.end} and not in the future`,
            },
          ]);
        }
      },
    },
  );

  /** At the end of the term both evaluate; a placement never accepted by then is cancelled. */
  async function termEnd(): Promise<void> {
    await rt.untilOr(() => state.status === 'closed', rt.calendar.startOfDay(addDays(state.term.end, 1)));
    if (state.status === 'closed' || state.stage === 'evaluation') return;
    if (state.stage === 'awaiting_acceptance') {
      await rt.commit(end('cancelled', SYSTEM, 'not accepted before the term ended'));
      return;
    }
    rt.setStage('evaluation');
    await rt.commit(
      mergeChanges(
        { events: [rt.event(SYSTEM, 'term_ended', { hoursConfirmed: confirmed() })] },
        personTask(state.mentor, 'evaluation', `Evaluate placement ${short} (mentor)`, ['done'], 'mentor'),
        personTask(state.mentee, 'evaluation', `Evaluate placement ${short} (mentee)`, ['done'], 'mentee'),
      ),
    );
  }

  if (!state.recorded) {
    if (patched('placement-announces-start')) {
      try {
        await getExternalWorkflowHandle(state.mentorWorkflowId).signal(placementStartedSignal, {
          placementId: state.caseId,
        });
      } catch (err) {
        if (!receiverGone(err)) throw err;
      }
    }
    await rt.commit(
      mergeChanges(
        { events: [rt.event(input.placedBy, 'placed', { kind: state.mentee.kind, term: state.term })] },
        personTask(
          state.mentor,
          'accept_placement',
          `Accept placement ${short} (${state.mentee.kind}, ${state.term.start} to ${state.term.end})`,
          ['accept', 'decline'],
        ),
      ),
    );
    state.recorded = true;
    void termEnd();
  } else {
    rt.resumeTaskTimers();
    if (state.stage !== 'evaluation') void termEnd();
  }
  await rt.runUntilClosed((s) => continueAsNew<typeof ecePlacementWorkflow>({ ...input, state: s }));
  await freeMentor();
  return { caseId: state.caseId, stage: state.stage };
}
