/**
 * The volunteer referral the workflow tests start (the volunteer form's input, as the public
 * form sends it) and the programs its offers go to.
 */
import { randomUUID } from 'node:crypto';
import type { Policy } from '../../../../platform/workflow/policy';
import type { MentorReferralInput } from '../../types';

/** A referral's input as the volunteer form sends it. */
export const referralInput = (caseId: string, policy: Policy): MentorReferralInput => ({
  caseId,
  policy,
  submittedBy: { id: 'public', name: 'volunteer form' },
  volunteer: {
    name: 'Val Volunteer',
    email: 'val@example.org',
    phone: '916-555-0100',
    county: 'Sacramento',
    ageBand: '35-54',
    languages: ['English'],
    interests: ['chess'],
    youthAges: { min: 10, max: 14 },
    hoursPerMonth: 8,
    format: 'in_person',
  },
});

/** A program the directory finds for the referral (its id unique to the test). */
export const program = (n: number) => ({
  programId: `prog-${n}-${randomUUID().slice(0, 6)}`,
  name: `Program ${n}`,
  contactEmail: `p${n}@example.org`,
  reasons: ['county'],
});
