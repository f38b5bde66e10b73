/** Every workflow the worker runs (the bundle entry point). */
export { mentoringLeaveWorkflow } from './mentoring-leave/workflow';
export { programRecordWorkflow } from './programs/workflow';
export { certificationWorkflow } from './certification/workflow';
