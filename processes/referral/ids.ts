/** The referral workflow's ID: the case id only (the volunteer's details never name a workflow). */
export const mentorReferralWorkflowId = (caseId: string): string => `mentor-referral-${caseId}`;
