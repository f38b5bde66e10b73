/** The workflows the wellness check-in process runs (its descriptor's `workflows`), for the bundle's entry. */
export { wellnessCheckinWorkflow } from './workflow';
