/** The workflows the foster process runs (its descriptor's `workflows`), for the bundle's entry. */
export { mentorScreeningWorkflow } from './mentor-screening';
export { callerScreeningWorkflow } from './caller-screening';
export { youthReferralWorkflow } from './youth-referral';
export { matchWorkflow } from './match';
