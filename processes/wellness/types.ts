/**
 * Wellness check-in calls (docs/processes/wellness-check-ins.md): a screened caller makes 3 weekly calls (up to 5)
 * to an isolated youth referred by a social worker, school counselor or case worker. The
 * youth's details are as sensitive as in the match pipeline: the referrer, the assigned
 * caller, the coordinator who assigned them and case supervisors read them (coordinators
 * see a referral without contact details until a caller is assigned); never admins, never
 * in IDs, titles or e-mails.
 */
import type { CaseCore } from '../../platform/workflow/case-core';
import type { EmailLanguage } from '../../platform/emails/messages';
import type { Policy } from '../../platform/workflow/policy';
import type { Actor } from '../../platform/workflow/records';
import type { NEEDS, YOUTH_SOURCES } from './inputs';

export type WellnessStage = 'awaiting_caller' | 'calling' | 'deciding' | 'closing' | 'closed';
export type Need = (typeof NEEDS)[number];

export interface WellnessYouth {
  name: string;
  dateOfBirth: string;
  county: string;
  languages: string[];
  /** The language of anything written to the youth, recorded at referral (absent: English). */
  language?: EmailLanguage;
}

/** A caller as the API found them in the read model when the coordinator assigned them. */
export interface CallerFacts {
  caseId: string;
  userId?: string;
  name: string;
  email: string;
  languages: string[];
  stage: string;
}

export interface CallRecord {
  n: number;
  /** The call's date (the day it was planned for). */
  plannedFor: string;
  loggedAt: string;
  by: string;
  reached: boolean;
  minutes: number;
  mood?: number;
  needs: Need[];
  notes?: string;
}

export interface WellnessState extends CaseCore {
  stage: WellnessStage;
  youth: WellnessYouth;
  source: (typeof YOUTH_SOURCES)[number];
  contact: { phone: string; preferredTimes: string };
  guardianConsent: { how: string };
  referrer: { id: string; name?: string; email?: string };
  /** The assigned caller; `assignedBy` (and their e-mail) is the coordinator who assigned them (need to know). */
  caller?: {
    caseId: string;
    userId: string;
    name: string;
    email: string;
    assignedAt: string;
    assignedBy?: string;
    assignerEmail?: string;
  };
  plannedCalls: number;
  calls: CallRecord[];
  /** When the next call is planned (an instant). */
  nextCallAt?: string;
  extended: boolean;
  outcome?: string;
}

export interface WellnessInput {
  caseId: string;
  youth: WellnessYouth;
  source: WellnessState['source'];
  contact: WellnessState['contact'];
  guardianConsent: WellnessState['guardianConsent'];
  referrer: WellnessState['referrer'];
  policy: Policy;
  referredBy: Actor;
  state?: WellnessState;
}
