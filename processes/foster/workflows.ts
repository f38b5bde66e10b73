/** The workflows the foster process runs (its descriptor's `workflows`), for the bundle's entry. */
export { mentorScreeningWorkflow, callerScreeningWorkflow } from './mentor-screening';
export { youthReferralWorkflow } from './youth-referral';
export { matchWorkflow } from './match';
