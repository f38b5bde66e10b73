/** The read model's tables, as kysely sees them. Written only by activities. */
import type {
  MatchFactsTable,
  SurveyInstrumentsTable,
  SurveyInvitationsTable,
  SurveyResponsesTable,
} from './match-support-schema';
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T extends object | null = Record<string, unknown>> = JSONColumnType<T, T, T>;

export interface CasesTable {
  id: string;
  workflow_id: string;
  type: string;
  status: string;
  stage: string;
  subject: string;
  viewers: string[];
  owner_id: string | null;
  parties: Json<{ ids: string[]; emails?: string[]; programId?: string }> | null;
  department: string | null;
  program_id: string | null;
  details: Json;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TasksTable {
  id: string;
  case_id: string;
  workflow_id: string;
  type: string;
  title: string;
  status: string;
  candidate_roles: string[];
  candidates: string[];
  escalated_to: string[];
  scope: Json;
  assignee_id: string | null;
  due_at: Timestamp;
  remind_at: Timestamp;
  escalated: boolean;
  outcomes: string[];
  outcome: string | null;
  comment: string | null;
  data: Json | null;
  completed_by: string | null;
  completed_at: Timestamp | null;
  ref: string | null;
  created_at: Timestamp;
  case_version: number;
  assignable: string[] | null;
  excluded_actors: Generated<string[]>;
  barred: Generated<string[]>;
}

export interface TimelineTable {
  id: string;
  seq: Generated<string>;
  /** A case's id, or a program's id for the program registry's own timeline. */
  case_id: string;
  at: Timestamp;
  actor_id: string;
  actor_name: string | null;
  event: string;
  detail: Json;
}

export interface ProgramsTable {
  id: string;
  name: string;
  organization: string;
  contact_email: string;
  county: string;
  started_on: string;
  minimum_match_months: number;
  level: string;
  certified_until: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The program record's version of the last write (writes of older versions change nothing). */
  version: Generated<number>;
}

export interface LeaveLedgersTable {
  case_id: string;
  year: number;
  employee_id: string;
  department: string;
  cap: string | number;
  verified_personal_hours: string | number;
  pending_personal_hours: string | number;
  approved_leave_hours: string | number;
  pending_leave_hours: string | number;
  available_leave_hours: string | number;
  lapsed_hours: string | number;
  version: number;
  updated_at: Timestamp;
}

export interface IdempotencyKeysTable {
  principal: string;
  route: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: Json<object | null>;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface PeopleTable {
  id: string;
  name: string | null;
  email: string | null;
  roles: string[];
  department: string | null;
  program_id: string | null;
  college_id: Generated<string | null>;
  /** The latest sign-in (null: a person added to the directory who has not signed in yet). */
  seen_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  /** Set for the demo people of `npm run seed` (shown on the development sign-in page). */
  demo_label: Generated<string | null>;
  /** Kept by an administrator, a CSV import or SCIM (migration 0019); false: known from a sign-in only. */
  in_directory: Generated<boolean>;
  language: Generated<string>;
  /** The directory's roles with their scopes; roles, department, program_id, college_id are their projection. */
  grants: ColumnType<DirectoryGrant[], string | undefined, string>;
  supervisor_id: Generated<string | null>;
  active: Generated<boolean>;
  /** SCIM's userName (unique, case-insensitive). */
  user_name: Generated<string | null>;
  external_id: Generated<string | null>;
  /** When the identity provider deleted the person through SCIM (migration 0020): SCIM answers 404 for them. */
  scim_deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  version: Generated<number>;
}

/** A timestamp the database fills in when an insert leaves it out. */
export type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** One role of a person in the directory, with the scope it acts in. */
export interface DirectoryGrant {
  role: string;
  department?: string;
  programId?: string;
  collegeId?: string;
  county?: string;
}

/** A person's absence and who stands in for them (migration 0022). */
export interface AbsencesTable {
  person_id: string;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  substitute_id: string;
  set_by: string;
  created_at: DefaultedTimestamp;
}

/** An admin's words for one message in one language (migration 0025); the newest version is used. */
export interface EmailTemplatesTable {
  id: string;
  language: string;
  version: number;
  /** Both null: a reset to the file's words. */
  subject: string | null;
  body: string | null;
  updated_by: string;
  updated_at: DefaultedTimestamp;
}

/** One administrative change (migration 0019): who, when, what before and after. */
export interface AuditEventsTable {
  id: Generated<string>;
  at: DefaultedTimestamp;
  actor_id: string;
  actor_name: string | null;
  kind: string;
  target: string;
  before: ColumnType<unknown, string | null, string | null>;
  after: ColumnType<unknown, string | null, string | null>;
  reason: string | null;
}

export interface EmailOutboxTable {
  key: string;
  recipients: string[];
  subject: string;
  body: string;
  case_id: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  message_id: string | null;
  failed_at: Timestamp | null;
  failure: string | null;
  /** Until when a worker holds the message to hand it to SMTP. */
  claimed_until: Timestamp | null;
  /** The language of the words sent (migration 0026; rows from before are English). */
  language: Generated<string>;
}

export interface IncidentsTable {
  case_id: string;
  workflow_id: string;
  case_type: string;
  since: Timestamp;
  reason: string;
}

export interface ReferenceLinksTable {
  token_hash: string;
  case_id: string;
  reference_id: string;
  workflow_id: string;
  outbox_key: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface Database {
  cases: CasesTable;
  tasks: TasksTable;
  timeline: TimelineTable;
  programs: ProgramsTable;
  leave_ledgers: LeaveLedgersTable;
  idempotency_keys: IdempotencyKeysTable;
  email_outbox: EmailOutboxTable;
  reference_links: ReferenceLinksTable;
  people: PeopleTable;
  audit_events: AuditEventsTable;
  absences: AbsencesTable;
  email_templates: EmailTemplatesTable;
  incidents: IncidentsTable;
  rate_limits: RateLimitsTable;
  task_inbox: TaskInboxTable;
  payroll_exports: PayrollExportsTable;
  payroll_export_lines: PayrollExportLinesTable;
  program_referral_settings: ProgramReferralSettingsTable;
  referral_submissions: ReferralSubmissionsTable;
  organisation_settings: OrganisationSettingsTable;
  question_banks: QuestionBanksTable;
  policy_versions: PolicyVersionsTable;
  match_facts: MatchFactsTable;
  survey_responses: SurveyResponsesTable;
  survey_instruments: SurveyInstrumentsTable;
  survey_invitations: SurveyInvitationsTable;
}

/** A published version of the certification question bank (migration 0024); never updated. */
export interface QuestionBanksTable {
  version: number;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  created_by: string;
  reason: string;
  questions: ColumnType<unknown, string, never>;
}

/** Every saved version of the policy (migration 0023); the highest number is the one new cases take. */
export interface PolicyVersionsTable {
  version: number;
  created_at: DefaultedTimestamp;
  created_by: string;
  created_by_name: string | null;
  reason: string;
  policy: ColumnType<unknown, string, never>;
}

/** The organisation settings running cases were last told (migration 0017); one row. */
export interface OrganisationSettingsTable {
  id: number;
  fingerprint: string;
  settings: ColumnType<unknown, string, string>;
  cases_told: number;
  told_at: ColumnType<Date, Date | string, Date | string>;
}

/** A program's referral settings (migration 0012); no row: it accepts no referrals. */
export interface ProgramReferralSettingsTable {
  program_id: string;
  accepting: boolean;
  counties: string[];
  virtual: boolean;
  languages: string[];
  youth_min: number;
  youth_max: number;
  updated_by: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** One payroll export of a department's approved leave (migration 0011). */
export interface PayrollExportsTable {
  id: string;
  department: string;
  period: string;
  exported_at: ColumnType<Date, Date | string | undefined, Date | string>;
  exported_by: string;
}

/** An approved leave request as an export carried it; each request is exported once. */
export interface PayrollExportLinesTable {
  case_id: string;
  request_id: string;
  export_id: string;
  employee_id: string;
  employee_name: string;
  date: string;
  period: string;
  hours: string | number;
  supervisor_id: string | null;
  supervisor_name: string | null;
  hr_officer_id: string | null;
  hr_officer_name: string | null;
  approved_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  correction: boolean;
}

/** Open unassigned tasks by candidate token in due order (kept by a trigger on tasks; migration 0010). */
export interface TaskInboxTable {
  token: string;
  task_id: string;
  due_at: Timestamp;
}

/** One public referral form each (migration 0014): the per-address limits count these. */
export interface ReferralSubmissionsTable {
  case_id: string;
  /** SHA-256 of the trimmed, lower-cased e-mail address. */
  address_hash: string;
  submitted_at: Timestamp;
}

/** Public endpoints' request counters per client, shared by all API processes. */
export interface RateLimitsTable {
  key: string;
  hits: number;
  resets_at: Date;
}
