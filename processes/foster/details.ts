/**
 * What the foster cases' read-model `details` hold (the workflows' `CaseRuntime` views), as
 * zod schemas the descriptor declares: the API reads details through them (readDetails), and
 * a unit test parses every recorded transition with them, so a workflow that changes its
 * details and a reader that still expects the old shape disagree in a test, not in production.
 * Pure data, loaded by workflow code with the descriptor.
 */
import { z } from 'zod';

const at = z.object({ at: z.string(), by: z.string() }).passthrough();
const applicant = z
  .object({
    id: z.string().optional(),
    name: z.string(),
    email: z.string(),
    phone: z.string(),
    dateOfBirth: z.string(),
    languages: z.array(z.string()),
    interests: z.array(z.string()),
    formerFosterYouth: z.boolean(),
    county: z.string().optional(),
  })
  .passthrough();

/** A screening's details: a mentor's, and a wellness caller's on the shorter track. */
export const screeningDetails = z.object({
  applicant,
  caseWorkerId: z.string(),
  checks: z.array(z.object({ name: z.string(), status: z.string() }).passthrough()),
  references: z.array(z.object({ id: z.string(), name: z.string(), status: z.string() }).passthrough()),
  interview: z.object({ status: z.string() }).passthrough().optional(),
  training: z.array(z.object({ date: z.string(), hours: z.number() }).passthrough()),
  trainingHours: z.number(),
  screeningDueAt: z.string().optional(),
  screeningOverdue: z.boolean().optional(),
  decision: at.extend({ outcome: z.string() }).optional(),
  activeMatchId: z.string().optional(),
  pastMatchIds: z.array(z.string()),
});

export const youthReferralDetails = z.object({
  youth: z
    .object({
      name: z.string(),
      dateOfBirth: z.string(),
      county: z.string(),
      languages: z.array(z.string()),
      interests: z.array(z.string()),
    })
    .passthrough(),
  mentorPreferences: z.object({ formerFosterYouth: z.boolean() }).passthrough().optional(),
  socialWorker: z.object({ id: z.string(), email: z.string() }).passthrough(),
  caregiver: z.object({ name: z.string() }).passthrough(),
  caseWorkerId: z.string(),
  consents: z.record(z.unknown()),
  intake: at.optional(),
  activeMatchId: z.string().optional(),
  pastMatchIds: z.array(z.string()),
});

export const matchDetails = z.object({
  mentorCaseId: z.string(),
  youthCaseId: z.string(),
  caseWorkerId: z.string(),
  // Matches started before the social worker was a named party of their own have none.
  socialWorkerId: z.string().optional(),
  rationale: z.string(),
  consents: z.record(z.unknown()),
  firstMeetingAt: z.string().optional(),
  checkIns: z.array(z.object({ dueOn: z.string() }).passthrough()),
  nextCheckInDue: z.string().optional(),
  anniversaryAt: z.string().optional(),
  closure: at.extend({ reason: z.string(), closedAt: z.string().optional() }).passthrough().optional(),
  contacts: z.array(z.object({ dueOn: z.string() }).passthrough()).optional(),
  nextContactDue: z.string().optional(),
  surveys: z.array(z.object({ id: z.string() }).passthrough()).optional(),
  health: z
    .object({ score: z.number(), band: z.string(), reasons: z.array(z.string()) })
    .passthrough()
    .optional(),
  // Closures a case supervisor undid by reopening the match.
  pastClosures: z.array(at.extend({ reason: z.string() }).passthrough()).optional(),
});
