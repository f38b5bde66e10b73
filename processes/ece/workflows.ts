/** The workflows the ECE process runs (its descriptor's `workflows`), for the bundle's entry. */
export { eceCertificationWorkflow } from './certification';
export { ecePlacementWorkflow } from './placement';
