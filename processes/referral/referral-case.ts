/**
 * What every part of a mentor referral's workflow shares: its state (new, or carried over a
 * continue-as-new), the case runtime that records it, the volunteer's criteria the ranking
 * uses, and the small reads and helpers every stage needs (an offer's task, whether the case
 * has closed, an e-mail to a program). The workflow (workflow.ts) opens it once and hands it
 * to each part.
 */
import type { EmailTemplateRef } from '../../platform/emails/messages';
import { roleToken } from '../../platform/workflow/access';
import { CaseRuntime, newCase } from '../../platform/workflow/case-runtime';
import type { TaskRecord, TemplatedEmail } from '../../platform/workflow/records';
import type { MentorReferralInput, MentorReferralState, Offer } from './types';

export const COORDINATOR = 'partnership_coordinator';

export interface Referral {
  input: MentorReferralInput;
  state: MentorReferralState;
  rules: MentorReferralInput['policy']['referral'];
  /** The case reference in titles and e-mails (no personal data). */
  short: string;
  rt: CaseRuntime<MentorReferralState>;
  volunteer: MentorReferralState['volunteer'];
  /** What the ranking matches programs on. */
  criteria: Pick<MentorReferralState['volunteer'], 'county' | 'languages' | 'youthAges' | 'format'>;
  /** The offer a task belongs to. */
  offerOfTask: (task: TaskRecord) => Offer;
  /** A function, not a narrowed field: the case may close while an activity is awaited. */
  closed: () => boolean;
  /** Offered, or contacted with no outcome yet. */
  isOpen: (o: Offer) => boolean;
  /** An e-mail to an offer's program, linking to the case. */
  tellProgram: (o: Offer, what: string, message: EmailTemplateRef) => TemplatedEmail;
}

function initialState(input: MentorReferralInput): MentorReferralState {
  return {
    ...newCase({
      caseId: input.caseId,
      type: 'mentor_referral',
      stage: 'referring',
      // No personal data in the subject: it is listed to everyone who may see the case.
      subject: `Mentor referral ${input.caseId.slice(0, 8)} (${input.volunteer.county}${input.campaign ? `, ${input.campaign}` : ''})`,
      viewers: [roleToken(COORDINATOR)],
      // The volunteer has no account: a staff member with the volunteer's e-mail is the volunteer.
      parties: { ids: [], emails: [input.volunteer.email] },
    }),
    volunteer: input.volunteer,
    ...(input.campaign ? { campaign: input.campaign } : {}),
    ...(input.language ? { language: input.language } : {}),
    offers: [],
    placeable: [],
  };
}

/** The referral's state and runtime: a new one's, or the one carried over a continue-as-new. */
export function openReferral(input: MentorReferralInput): Referral {
  const state = input.state ?? initialState(input);
  const rules = input.policy.referral;
  const short = state.caseId.slice(0, 8);
  const rt = new CaseRuntime(state, input.policy, (s) => ({
    volunteer: s.volunteer,
    county: s.volunteer.county,
    ...(s.campaign ? { campaign: s.campaign } : {}),
    ...(s.language ? { language: s.language } : {}),
    offers: s.offers.map(({ contactEmail: _mailbox, ...o }) => o),
    ...(s.confirmedAt ? { confirmedAt: s.confirmedAt } : {}),
    ...(s.firstContactedAt ? { firstContactedAt: s.firstContactedAt } : {}),
    ...(s.outcome ? { outcome: s.outcome } : {}),
    ...(s.stage === 'awaiting_placement'
      ? { placeable: s.placeable.map(({ programId, name }) => ({ programId, name })) }
      : {}),
  }));
  const { volunteer } = state;
  const criteria = {
    county: volunteer.county,
    languages: volunteer.languages,
    youthAges: volunteer.youthAges,
    format: volunteer.format,
  };
  const offerOfTask = (task: TaskRecord): Offer =>
    state.offers.find((o) => o.taskId === task.id) ??
    state.offers.find((o) => o.programId === task.ref && o.status === 'contacted' && !o.outcome)!;
  const closed = () => state.status === 'closed';
  const isOpen = (o: Offer) => o.status === 'offered' || (o.status === 'contacted' && !o.outcome);
  const tellProgram = (o: Offer, what: string, message: EmailTemplateRef) =>
    rt.email(`${state.caseId}:${o.programId}:${what}`, [o.contactEmail], message, rt.caseLink());
  return { input, state, rules, short, rt, volunteer, criteria, offerOfTask, closed, isOpen, tellProgram };
}
