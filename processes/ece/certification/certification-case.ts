/**
 * What every part of an early-childhood certification's workflow shares: its state (new, or
 * carried over a continue-as-new), the case runtime that records it, the college's scope and
 * coordinator mailbox, the professional development hours of the current period, and the
 * committee's next vote task. The workflow (../certification.ts) opens it once.
 */
import { roleMailbox, roleToken, userToken } from '../../../platform/workflow/access';
import { CaseRuntime, newCase, type Change } from '../../../platform/workflow/case-runtime';
import type { EceCertificationInput, EceCertificationState } from '../types';

export const ROLE_NAME = { mentor_teacher: 'Mentor Teacher', director_mentor: 'Director Mentor' } as const;
/** Who a placement's mentee needs: a student a Mentor Teacher, an administrator a Director Mentor. */
export const MENTOR_FOR = { student: 'mentor_teacher', administrator: 'director_mentor' } as const;

export interface EceCertification {
  input: EceCertificationInput;
  state: EceCertificationState;
  /** The early-childhood section of the policy. */
  rules: EceCertificationInput['policy']['ece'];
  /** The case reference in titles (no personal data). */
  short: string;
  scope: { collegeId: string };
  rt: CaseRuntime<EceCertificationState>;
  /** Read when used: the organisation may move the mailbox while the certification runs. */
  coordinatorMailbox: () => string | undefined;
  /** Hours of professional development logged within the current certification period. */
  hoursInPeriod: () => number;
  /** The next committee vote, for a member who has not voted yet. */
  voteTask: () => Change;
  /** What waits in this run (not carried over: a new run starts it again): the life cycle, the holds. */
  running: { lifecycle: boolean; holds: string[] };
}

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

/** The certification's state and runtime: a new application's, or the one carried over a continue-as-new. */
export function openCertification(input: EceCertificationInput): EceCertification {
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
  return {
    input,
    state,
    rules,
    short,
    scope,
    rt,
    coordinatorMailbox,
    hoursInPeriod,
    voteTask,
    running: { lifecycle: false, holds: [] },
  };
}
