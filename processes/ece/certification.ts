/**
 * Early-childhood mentor certification (`ece-certification-<caseId>`, docs/processes/early-childhood.md). A
 * college coordinator applies for a teacher or director; the college's selection committee
 * votes, each member once (a vote task that excludes those who voted), and the decision is
 * taken once at least 3 have voted and one side has the majority (a tie waits). Certified
 * for 2 years; reminders 60 and 30 days before it lapses; at its end 12 hours of logged
 * professional development in the period renew it, otherwise it lapses: no new
 * placements, and the coordinator is told of any still open. The case stays open as the
 * mentor's record while certified (it holds the placements, at most 2 at once).
 */
import { eceEmail } from './email-messages';
import { condition, continueAsNew, patched, setHandler, uuid4 } from '@temporalio/workflow';
import { roleMailbox, roleToken, userToken } from '../../platform/workflow/access';
import { addDays, addDuration, laDate, laStartOfDay, subtractDuration } from '../../platform/workflow/calendar';
import { CaseRuntime, mergeChanges, newCase, refuse, type Change } from '../../platform/workflow/case-runtime';
import { caseRecorded } from '../../platform/workflow/activities';
import { checkInput } from '../../platform/workflow/refusals';
import { SYSTEM } from '../../platform/workflow/records';
import { developmentInput } from './inputs';
import { logDevelopmentUpdate, placementEndedSignal, placementStartedSignal, reservePlacementUpdate } from './messages';
import type { EceCertificationInput, EceCertificationState } from './types';

export const eceCertificationWorkflowId = (caseId: string): string => `ece-certification-${caseId}`;
const ROLE_NAME = { mentor_teacher: 'Mentor Teacher', director_mentor: 'Director Mentor' } as const;
/** Who a placement's mentee needs: a student a Mentor Teacher, an administrator a Director Mentor. */
export const MENTOR_FOR = { student: 'mentor_teacher', administrator: 'director_mentor' } as const;

function initialState(input: EceCertificationInput): EceCertificationState {
  const scope = { collegeId: input.collegeId };
  return {
    ...newCase({
      caseId: input.caseId,
      type: 'ece_certification',
      stage: 'committee_review',
      subject: `${ROLE_NAME[input.role]} certification: ${input.person.name}`,
      viewers: [
        roleToken('college_coordinator', scope),
        roleToken('selection_committee', scope),
        userToken(input.person.id),
      ],
      // The applicant is a party: they may not vote on their own certification.
      parties: { ids: [input.person.id], emails: [input.person.email] },
    }),
    collegeId: input.collegeId,
    person: input.person,
    role: input.role,
    site: input.site,
    yearsExperience: input.yearsExperience,
    permitLevel: input.permitLevel,
    evidence: input.evidence,
    votes: [],
    development: [],
    remindersSent: 0,
    openPlacements: [],
  };
}

export async function eceCertificationWorkflow(
  input: EceCertificationInput,
): Promise<{ caseId: string; stage: string }> {
  const state = input.state ?? initialState(input);
  const rules = input.policy.ece;
  const short = state.caseId.slice(0, 8);
  const scope = { collegeId: state.collegeId };
  const rt = new CaseRuntime(state, input.policy, (s) => ({
    collegeId: s.collegeId,
    person: s.person,
    role: s.role,
    site: s.site,
    yearsExperience: s.yearsExperience,
    permitLevel: s.permitLevel,
    evidence: s.evidence,
    votes: s.votes.map(({ vote, at }) => ({ vote, at })),
    ...(s.certifiedUntil
      ? { certifiedUntil: s.certifiedUntil, certifiedAt: s.certifiedAt, periodStart: s.periodStart }
      : {}),
    development: s.development,
    developmentHoursInPeriod: hoursInPeriod(),
    openPlacements: s.openPlacements.map((p) => p.placementId),
  }));
  // Read when used: the organisation may move the mailbox while the certification runs.
  const coordinatorMailbox = () => roleMailbox(input.policy.mailboxes, 'college_coordinator', scope);
  function hoursInPeriod(): number {
    return state.development
      .filter(
        (d) =>
          !state.periodStart ||
          (d.date >= state.periodStart && (!state.certifiedUntil || d.date <= state.certifiedUntil)),
      )
      .reduce((a, d) => a + d.hours, 0);
  }

  const voteTask = (): Change =>
    rt.openTask({
      type: 'committee_vote',
      title: `Committee vote ${state.votes.length + 1}: ${ROLE_NAME[state.role]} certification (case ${short})`,
      candidateRoles: ['selection_committee'],
      scope,
      outcomes: ['approve', 'decline'],
      ref: String(state.votes.length + 1),
      // Each member votes once: whoever voted is excluded from the next vote task.
      excludedActors: state.votes.map((v) => v.by),
    });

  rt.registerTaskHandlers(async (task, { outcome, comment, actor }) => {
    if (task.type !== 'committee_vote') return refuse('unknown_task', `Unknown task type ${task.type}`);
    state.votes.push({
      by: actor.id,
      vote: outcome as 'approve' | 'decline',
      at: rt.nowIso(),
      ...(comment ? { comment } : {}),
    });
    const approve = state.votes.filter((v) => v.vote === 'approve').length;
    const decline = state.votes.length - approve;
    const voted = { events: [rt.event(actor, 'committee_vote_cast', { n: state.votes.length })] };
    if (state.votes.length < rules.committeeMinimumVotes || approve === decline) return mergeChanges(voted, voteTask());
    if (approve > decline) {
      state.certifiedAt = rt.nowIso();
      state.periodStart = laDate(Date.now());
      state.certifiedUntil = laDate(addDuration(Date.now(), rules.certificationValidity, rt.calendar) - 1);
      rt.setStage('certified');
      void lifecycle();
      return mergeChanges(voted, {
        events: [rt.event(SYSTEM, 'mentor_certified', { approve, decline, certifiedUntil: state.certifiedUntil })],
        emails: [
          rt.email(
            `${state.caseId}:certified`,
            [state.person.email, coordinatorMailbox()],
            eceEmail('certified', {
              roleName: ROLE_NAME[state.role],
              personName: state.person.name,
              certifiedUntil: `${state.certifiedUntil}`,
            }),
            rt.caseLink(),
          ),
        ],
      });
    }
    rt.setStage('declined', 'closed');
    return mergeChanges(voted, {
      events: [rt.event(SYSTEM, 'mentor_declined', { approve, decline })],
      emails: [
        rt.email(
          `${state.caseId}:declined`,
          [state.person.email, coordinatorMailbox()],
          eceEmail('declined', { roleName: ROLE_NAME[state.role], personName: state.person.name }),
          rt.caseLink(),
        ),
      ],
    });
  });

  setHandler(
    logDevelopmentUpdate,
    async ({ date, hours, topic, actor }) => {
      state.development.push({ date, hours, topic });
      await rt.commit({
        events: [rt.event(actor, 'development_logged', { date, hours, topic, hoursInPeriod: hoursInPeriod() })],
      });
      return { hoursInPeriod: hoursInPeriod() };
    },
    {
      validator: ({ actor, ...entry }) => {
        if (actor.id !== state.person.id)
          refuse('not_permitted', 'Only the mentor logs their professional development');
        checkInput(developmentInput, entry, 'The development entry is not valid');
        if (entry.date > laDate(Date.now()))
          refuse('invalid_input', 'The date must not be in the future', [
            { path: 'body.date', message: 'must not be in the future' },
          ]);
        if (state.stage !== 'certified') refuse('case_closed', `The certification is ${state.stage}`);
      },
    },
  );

  setHandler(
    reservePlacementUpdate,
    async ({ placementId }) => {
      if (!state.openPlacements.some((p) => p.placementId === placementId))
        state.openPlacements.push({ placementId, since: rt.nowIso() });
      void releaseIfNeverStarted(placementId);
      return { openPlacements: state.openPlacements.length };
    },
    {
      validator: ({ placementId, kind }: { placementId: string; kind: keyof typeof MENTOR_FOR }) => {
        if (state.openPlacements.some((p) => p.placementId === placementId)) return;
        if (state.stage !== 'certified') refuse('mentor_not_certified', `The mentor's certification is ${state.stage}`);
        if (MENTOR_FOR[kind] !== state.role)
          refuse(
            'mentor_kind_mismatch',
            `A ${kind} is placed with a ${ROLE_NAME[MENTOR_FOR[kind]]}; this mentor is a ${ROLE_NAME[state.role]}`,
          );
        if (state.openPlacements.length >= rules.maxOpenPlacements)
          refuse('mentor_at_capacity', `A mentor holds at most ${rules.maxOpenPlacements} placements at once`);
      },
    },
  );
  setHandler(placementStartedSignal, ({ placementId }) => {
    const held = state.openPlacements.find((p) => p.placementId === placementId);
    if (held) held.started = true;
    // Let go before its row was written (an incident held it up): it runs, so it holds the mentor again.
    else state.openPlacements.push({ placementId, since: rt.nowIso(), started: true });
  });
  setHandler(placementEndedSignal, ({ placementId }) => {
    state.openPlacements = state.openPlacements.filter((p) => p.placementId !== placementId);
  });

  /** A reservation whose placement case never started (its request died) is let go after the hold. */
  async function releaseIfNeverStarted(placementId: string): Promise<void> {
    const held = () => state.openPlacements.some((p) => p.placementId === placementId);
    const started = () => state.openPlacements.some((p) => p.placementId === placementId && p.started);
    // The hold counts from the reservation, also when it is watched again after a continue-as-new.
    const since = state.openPlacements.find((p) => p.placementId === placementId)?.since;
    const from = since && patched('placement-hold-from-reservation') ? Date.parse(since) : Date.now();
    await rt.untilOr(() => !held() || started(), addDuration(from, input.policy.foster.reservationHold, rt.calendar));
    if (held() && !started() && !(await caseRecorded({ caseId: placementId })).recorded) {
      state.openPlacements = state.openPlacements.filter((p) => p.placementId !== placementId);
    }
  }

  /** Reminders before the certification lapses; at its end, renewed with 12 hours or lapsed. */
  async function lifecycle(): Promise<void> {
    while (state.stage === 'certified') {
      const ends = laStartOfDay(addDays(state.certifiedUntil!, 1));
      const reminder = rules.renewalReminders[state.remindersSent];
      const until = state.certifiedUntil;
      if (reminder) {
        await rt.untilOr(() => state.certifiedUntil !== until, subtractDuration(ends, reminder, rt.calendar));
        state.remindersSent++;
        await rt.commit({
          events: [
            rt.event(SYSTEM, 'renewal_reminder_sent', {
              certifiedUntil: state.certifiedUntil,
              hoursInPeriod: hoursInPeriod(),
            }),
          ],
          emails: [
            rt.email(
              `${state.caseId}:${state.certifiedUntil}:reminder-${state.remindersSent}`,
              [state.person.email, coordinatorMailbox()],
              eceEmail('renewal-reminder', {
                roleName: ROLE_NAME[state.role],
                certifiedUntil: `${state.certifiedUntil}`,
                renewalHours: rules.renewalHours,
                hoursLogged: hoursInPeriod(),
              }),
              rt.caseLink(),
            ),
          ],
        });
        continue;
      }
      await rt.untilOr(() => false, ends);
      if (hoursInPeriod() >= rules.renewalHours) {
        state.periodStart = addDays(state.certifiedUntil!, 1);
        state.certifiedUntil = laDate(addDuration(ends, rules.certificationValidity, rt.calendar) - 1);
        state.remindersSent = 0;
        await rt.commit({
          events: [rt.event(SYSTEM, 'certification_renewed', { certifiedUntil: state.certifiedUntil })],
        });
        continue;
      }
      rt.setStage('lapsed');
      const open = state.openPlacements.map((p) => p.placementId);
      const lapsed = {
        roleName: ROLE_NAME[state.role],
        personName: state.person.name,
        hoursLogged: hoursInPeriod(),
        renewalHours: rules.renewalHours,
      };
      void closeWhenFree();
      await rt.commit({
        events: [rt.event(SYSTEM, 'certification_lapsed', { hoursInPeriod: hoursInPeriod(), openPlacements: open })],
        emails: [
          rt.email(
            `${state.caseId}:${uuid4()}:lapsed`,
            [state.person.email, coordinatorMailbox()],
            open.length
              ? eceEmail('lapsed-with-open-placements', {
                  ...lapsed,
                  openCount: open.length,
                  openPlacements: open.map((p) => p.slice(0, 8)).join(', '),
                })
              : eceEmail('lapsed', lapsed),
            rt.caseLink(),
          ),
        ],
      });
    }
  }

  /** A lapsed mentor's record closes once the placements it still holds have ended. */
  async function closeWhenFree(): Promise<void> {
    await condition(() => state.openPlacements.length === 0);
    rt.setStage('lapsed', 'closed');
    await rt.commit({ events: [rt.event(SYSTEM, 'record_closed', {})] });
  }

  if (!state.recorded) {
    await rt.commit(mergeChanges({ events: [rt.event(input.appliedBy, 'applied', { role: state.role })] }, voteTask()));
    state.recorded = true;
  } else {
    rt.resumeTaskTimers();
    if (state.stage === 'certified') void lifecycle();
    if (state.stage === 'lapsed') void closeWhenFree();
    // Reservations carried over a continue-as-new are watched again until their placement starts.
    if (patched('placement-reservations-watched-after-continue')) {
      for (const p of state.openPlacements) if (!p.started) void releaseIfNeverStarted(p.placementId);
    }
  }
  await rt.runUntilClosed((s) => continueAsNew<typeof eceCertificationWorkflow>({ ...input, state: s }));
  return { caseId: state.caseId, stage: state.stage };
}
