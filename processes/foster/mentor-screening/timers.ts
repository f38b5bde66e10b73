/**
 * A screening's clocks: each reference chased (a reminder through a new link after 7 days,
 * a phone follow-up task for the case worker after 14), and the 30-day screening target
 * (missed, it shows on the case and the case supervisors are told).
 */
import { fosterEmail } from '../email-messages';
import { issueReferenceLink } from '../activity-calls';
import { roleMailbox } from '../../../platform/workflow/access';
import { addDuration } from '../../../platform/workflow/calendar';
import { SYSTEM } from '../../../platform/workflow/records';
import type { Reference } from '../types';
import { FINAL, type Screening } from './screening-case';

/** Reminder after 7 days; after 14 a phone follow-up task for the case worker. */
export async function chaseReference(sc: Screening, ref: Reference): Promise<void> {
  const { state, policy, rules, callerLink, rt, caseWorkerTask } = sc;
  const answered = () => ref.status === 'answered' || FINAL.includes(state.stage);
  const sent = Date.parse(ref.requestedAt);
  if (!ref.reminded) {
    if (await rt.untilOr(answered, addDuration(sent, rules.referenceReminderAfter, rt.calendar))) return;
    ref.reminded = true;
    await issueReferenceLink({
      caseId: state.caseId,
      referenceId: ref.id,
      referenceName: ref.name,
      email: ref.email,
      applicantName: state.applicant.name,
      kind: 'reminder',
      validFor: rules.referenceLinkValidity,
      publicBaseUrl: policy.publicBaseUrl,
      ...callerLink,
      // The reference reads the applicant's language.
      ...(state.applicant.language ? { language: state.applicant.language } : {}),
    });
    await rt.commit({ events: [rt.event(SYSTEM, 'reference_reminded', { referenceId: ref.id })] });
  }
  if (!ref.followUpOpened) {
    if (await rt.untilOr(answered, addDuration(sent, rules.referenceFollowUpAfter, rt.calendar))) return;
    ref.followUpOpened = true;
    await rt.commit(
      caseWorkerTask('reference_followup', `Phone follow-up with reference ${ref.name}`, ['done'], ref.id),
    );
  }
}

/** The 30-day screening target: missed, it shows on the case and escalates to supervisors. */
export async function watchScreeningTarget(sc: Screening): Promise<void> {
  const { state, policy, rt } = sc;
  if (state.screeningOverdue) return;
  if (await rt.untilOr(() => FINAL.includes(state.stage), Date.parse(state.screeningDueAt))) return;
  state.screeningOverdue = true;
  await rt.commit({
    events: [rt.event(SYSTEM, 'screening_target_missed', { dueAt: state.screeningDueAt })],
    emails: [
      rt.email(
        `${state.caseId}:screening-target`,
        [roleMailbox(policy.mailboxes, 'case_supervisor')],
        fosterEmail('screening-past-target', { caseId: state.caseId, dueAt: `${state.screeningDueAt}` }),
        rt.caseLink(),
      ),
    ],
  });
}
