/** The workflows the certification process runs (its descriptor's `workflows`), for the bundle's entry. */
export { certificationWorkflow } from './workflow';
