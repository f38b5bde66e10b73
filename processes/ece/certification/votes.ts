/**
 * The selection committee's vote, the certification's one task type: each member votes once
 * (the next vote task excludes whoever voted); at least 3 votes and a majority decide
 * (certified for 2 years, its lifecycle starts; or declined), and a tie waits for another.
 */
import { eceEmail } from '../email-messages';
import { addDuration } from '../../../platform/workflow/calendar';
import { mergeChanges, type Change } from '../../../platform/workflow/case-runtime';
import type { CompleteTaskInput } from '../../../platform/workflow/messages';
import { SYSTEM, type TaskRecord } from '../../../platform/workflow/records';
import { ROLE_NAME, type EceCertification } from './certification-case';
import { lifecycle } from './lifecycle';

/** A member's vote: another vote, or the committee's decision. */
export async function committeeVote(
  ece: EceCertification,
  _task: TaskRecord,
  { outcome, comment, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, rules, rt, coordinatorMailbox, voteTask } = ece;
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
    state.periodStart = rt.calendar.date(Date.now());
    state.certifiedUntil = rt.calendar.date(addDuration(Date.now(), rules.certificationValidity, rt.calendar) - 1);
    rt.setStage('certified');
    void lifecycle(ece);
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
}
