/**
 * The online mentor referral (docs/processes/mentor-referral.md): a volunteer's public form, offered to up to
 * three member programs at a time, each of which must contact the volunteer within five
 * business days or the offer passes to the next ranked program (at most three rounds),
 * then reports the outcome within 60 days. The volunteer's details are shown only to the
 * partnership's coordinators and the programs they were referred to; they never appear in
 * workflow IDs, search attributes, task titles or staff e-mails.
 */
import type { CaseCore } from '../../platform/workflow/case-core';
import type { EmailLanguage } from '../../platform/emails/messages';
import type { Policy } from '../../platform/workflow/policy';
import type { Actor } from '../../platform/workflow/records';
import type { Volunteer } from './inputs';

/** `unconfirmed` until the volunteer confirms the e-mail address; `lapsed` if they never do. */
export type ReferralStage =
  | 'unconfirmed'
  | 'lapsed'
  | 'referring'
  | 'contacted'
  | 'awaiting_placement'
  | 'enrolled'
  | 'withdrawn'
  | 'not_placed';

/** A program as the ranking offered it (ids, names and reasons: no scores of people). */
export interface RankedProgram {
  programId: string;
  name: string;
  contactEmail: string;
  reasons: string[];
}

export interface Offer {
  programId: string;
  programName: string;
  contactEmail: string;
  round: number;
  status: 'offered' | 'contacted' | 'declined' | 'expired' | 'cancelled';
  /** What the program reported once it had contacted the volunteer. */
  outcome?: 'enrolled' | 'not_a_fit' | 'withdrew' | 'no_response';
  offeredAt: string;
  dueAt: string;
  contactedAt?: string;
  reasons: string[];
  /** Picked by a partnership coordinator rather than the ranking. */
  manual?: boolean;
  taskId: string;
  endedReason?: string;
}

export interface MentorReferralState extends CaseCore {
  stage: ReferralStage;
  volunteer: Volunteer;
  campaign?: string;
  /** The language the volunteer chose (absent: English, and cases from before languages). */
  language?: EmailLanguage;
  offers: Offer[];
  /** Programs a coordinator may pick by hand while a place_referral task is open. */
  placeable: { programId: string; name: string; contactEmail: string }[];
  /** When the volunteer confirmed the address (cases started before confirmation existed: absent). */
  confirmedAt?: string;
  firstContactedAt?: string;
  outcome?: string;
  closedAt?: string;
}

export interface MentorReferralInput {
  caseId: string;
  volunteer: Volunteer;
  campaign?: string;
  /** The volunteer's language: their e-mails are in it (absent: English). */
  language?: EmailLanguage;
  policy: Policy;
  submittedBy: Actor;
  state?: MentorReferralState;
}
