/**
 * What the early-childhood cases' read-model `details` hold (the workflows' views), as zod
 * schemas the descriptor declares: the API (placements, the stipend export) reads details
 * through them, and a unit test parses every recorded transition with them, so a workflow's
 * shape and its readers cannot drift apart unnoticed. Pure data, loaded by workflow code.
 */
import { z } from 'zod';
import { ECE_ROLES, MENTEE_KINDS } from './inputs';

const person = z.object({ id: z.string(), name: z.string(), email: z.string() }).passthrough();

export const eceCertificationDetails = z.object({
  collegeId: z.string(),
  person,
  role: z.enum(ECE_ROLES),
  site: z.string(),
  yearsExperience: z.number(),
  permitLevel: z.string(),
  evidence: z.string(),
  votes: z.array(z.object({ vote: z.string(), at: z.string() })),
  certifiedUntil: z.string().optional(),
  certifiedAt: z.string().optional(),
  periodStart: z.string().optional(),
  development: z.array(z.object({ date: z.string(), hours: z.number(), topic: z.string() }).passthrough()),
  developmentHoursInPeriod: z.number(),
  openPlacements: z.array(z.string()),
});

export const ecePlacementDetails = z.object({
  collegeId: z.string(),
  mentorCaseId: z.string(),
  mentor: person.extend({ role: z.enum(ECE_ROLES) }),
  mentee: person.extend({ kind: z.enum(MENTEE_KINDS) }),
  term: z.object({ start: z.string(), end: z.string() }),
  course: z.string().optional(),
  hours: z.array(z.object({ id: z.string(), hours: z.number(), status: z.string() }).passthrough()),
  hoursConfirmed: z.number(),
  evaluations: z.record(z.unknown()),
  stipend: z.number().optional(),
  closedAt: z.string().optional(),
});
