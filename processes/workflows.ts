/** Every workflow the worker runs (the bundle entry point). */
export { mentoringLeaveWorkflow } from './mentoring-leave/workflow';
export { programRecordWorkflow } from './programs/workflow';
export { certificationWorkflow } from './certification/workflow';
export { mentorScreeningWorkflow } from './foster/mentor-screening';
export { youthReferralWorkflow } from './foster/youth-referral';
export { matchWorkflow } from './foster/match';
export { outboxSweeperWorkflow } from '../platform/outbox/sweeper';
export { mentorReferralWorkflow } from './referral/workflow';
export { callerScreeningWorkflow } from './foster/mentor-screening';
export { wellnessCheckinWorkflow } from './wellness/workflow';
export { eceCertificationWorkflow } from './ece/certification';
export { ecePlacementWorkflow } from './ece/placement';
