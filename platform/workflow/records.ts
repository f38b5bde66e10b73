/**
 * What a workflow hands its activities to mirror into the read model. Types only: the
 * workflow owns the state, the read model is a copy written at every status change.
 */
import type { Scope } from './access';
import { DEFAULT_LANGUAGE, type EmailLanguage, type EmailTemplateRef } from '../emails/messages';

/** The case types are the registered processes' (processes/index.ts): one array feeds the union and the API's enum. */
export { CASE_TYPES } from './registry';
export type { CaseType } from './registry';
import type { CaseType } from './registry';
import type { ProjectionRow } from './projections';
export type TaskStatus = 'open' | 'completed' | 'cancelled' | 'expired';

export interface Actor {
  id: string;
  name?: string;
}

/**
 * The person acting through an Update, as their bearer token describes them: the
 * workflow's validators decide with these claims who may act (who-may-act.ts).
 */
export interface ActingUser extends Actor {
  roles: string[];
  email?: string;
  department?: string;
  programId?: string;
  collegeId?: string;
  /**
   * The people this one stands in for while they are out of office (docs/administration.md,
   * "Absence"): tasks named for them or held by them are this person's to act on meanwhile.
   */
  onBehalfOf?: string[];
}

/**
 * Whose case it is: nobody acts on their own case. People by user id or e-mail (a mentor
 * applicant has no account), a program by id (its staff, under certification review).
 */
export interface CaseParties {
  ids: string[];
  emails?: string[];
  programId?: string;
}

/** The system itself, for transitions no person made (timers, year end). */
export const SYSTEM: Actor = { id: 'system', name: 'mentorflow' };

export interface TaskRecord {
  id: string;
  caseId: string;
  type: string;
  title: string;
  status: TaskStatus;
  candidateRoles: string[];
  /** Access tokens of who may complete it (see access.ts). */
  candidates: string[];
  /** Tokens of who the task was escalated to: they see it and may reassign it. */
  escalatedTo: string[];
  /** Tokens of who may be handed the task (defaults to `candidates`). */
  assignable?: string[];
  /** Two-person rule: people who may not act on it (they gave the step before). */
  excludedActors?: string[];
  /** Expires at its due time instead of escalating (an offer that passes to the next program). */
  expiresAtDue?: boolean;
  scope: Scope;
  /** The named person's e-mail, when the task is for a person rather than a role. */
  notifyEmail?: string;
  assigneeId?: string;
  createdAt: string;
  dueAt: string;
  remindAt: string;
  reminded: boolean;
  escalated: boolean;
  escalateTo: string;
  /** A named person alerted too when it escalates. */
  escalateAlso?: { id: string; email?: string };
  outcomes: string[];
  outcome?: string;
  comment?: string;
  data?: Record<string, unknown>;
  completedBy?: string;
  completedAt?: string;
  /** What the task is about inside its case, e.g. a leave request's id. */
  ref?: string;
}

/** What a case is and who may see it: in the workflow's state and in every snapshot of it. */
export interface CaseHeader {
  type: CaseType;
  status: 'open' | 'closed';
  stage: string;
  subject: string;
  /** Access tokens of who may see the case. */
  viewers: string[];
  ownerId?: string;
  /** Whose case it is (nobody acts on their own case); absent on cases started before it existed. */
  parties?: CaseParties;
  department?: string;
  programId?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CaseSnapshot extends CaseHeader {
  id: string;
  workflowId: string;
  /** Process-specific view (ledger, requests …) served by the API as is. */
  details: Record<string, unknown>;
  /** Monotonic per case: an older snapshot never overwrites a newer one. */
  version: number;
}

export interface TimelineEvent {
  id: string;
  caseId: string;
  at: string;
  actor: Actor;
  event: string;
  detail: Record<string, unknown>;
}

interface EmailEnvelope {
  /** Unique per message: the outbox never sends the same key twice. */
  key: string;
  to: string[];
  link: string;
}

/** A message with its wording (how workflows handed e-mails over before templates). */
export interface RenderedEmail extends EmailEnvelope {
  subject: string;
  text: string;
  /** The language the words are in (absent: a message recorded before templates, English). */
  language?: EmailLanguage;
}

/** A message by template and variables, rendered when the outbox row is written (platform/emails). */
export interface TemplatedEmail extends EmailEnvelope, EmailTemplateRef {
  /**
   * The language the case knows for its recipients (a volunteer's choice, a reference's
   * applicant's); absent means English. A recipient in the people directory gets their own
   * language instead (platform/emails/recipients.ts).
   */
  language?: EmailLanguage;
}

/** Both shapes: histories and outboxes still hold rendered messages from before templates. */
export type EmailMessage = RenderedEmail | TemplatedEmail;

/**
 * A templated message to these recipients (blanks and repeats dropped): English unless the
 * case knows another language for them; people in the directory get theirs when it is written.
 */
export function templatedEmail(
  key: string,
  to: (string | undefined)[],
  message: EmailTemplateRef,
  link: string,
): TemplatedEmail {
  const recipients = [...new Set(to.filter((x): x is string => !!x))];
  return { key, to: recipients, ...message, link, language: DEFAULT_LANGUAGE };
}

export interface TransitionInput {
  /** Absent for records that are not cases (a program in the registry). */
  case?: CaseSnapshot;
  tasks?: TaskRecord[];
  events?: TimelineEvent[];
  emails?: EmailMessage[];
  /** The process's own rows (platform/workflow/projections.ts), each written by its kind's writer. */
  projections?: ProjectionRow[];
}

export interface TransitionResult {
  emailsSent: number;
}
