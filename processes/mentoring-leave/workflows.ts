/** The workflows the mentoring-leave process runs (its descriptor's `workflows`), for the bundle's entry. */
export { mentoringLeaveWorkflow } from './workflow';
