/**
 * A wellness caller's screening (`caller-screening-<caseId>`, docs/processes/README.md): the mentor
 * screening's shorter track, run by the mentor screening's workflow (mentor-screening.ts).
 */
import { mentorScreeningWorkflow } from './mentor-screening';
import type { FosterResult, MentorScreeningInput } from './types';

export { callerScreeningWorkflowId } from './ids';

/**
 * A wellness caller's screening (`caller-screening-<caseId>`, docs/processes/README.md): the mentor
 * screening's shorter track — identity and registry checks, one reference through the same
 * one-time link, two training hours, no interview — then the case supervisor's decision;
 * an approved caller's case stays open as their record in the callers' pool.
 */
export async function callerScreeningWorkflow(input: MentorScreeningInput): Promise<FosterResult> {
  return mentorScreeningWorkflow({ ...input, track: 'caller' });
}
