/** The workflows the program registry runs (its descriptor's `workflows`), for the bundle's entry. */
export { programRecordWorkflow } from './workflow';
