/**
 * The foster process's workflow IDs: the case id only (no person's details name a workflow).
 * A pure module, so activities and routes take an ID without importing a workflow's code.
 */
export const mentorScreeningWorkflowId = (caseId: string): string => `mentor-screening-${caseId}`;
export const callerScreeningWorkflowId = (caseId: string): string => `caller-screening-${caseId}`;
export const youthReferralWorkflowId = (caseId: string): string => `youth-referral-${caseId}`;
export const matchWorkflowId = (caseId: string): string => `match-${caseId}`;
