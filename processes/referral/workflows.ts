/** The workflows the volunteer-referral process runs (its descriptor's `workflows`), for the bundle's entry. */
export { mentorReferralWorkflow } from './workflow';
