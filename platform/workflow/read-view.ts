/**
 * The shape of a declared read view (docs/security.md, "What each role reads"): which case fields,
 * process details, task answers and timeline a kind of reader gets. Each process declares
 * its case types' views and how a reader's kind follows from who they are and the case
 * (CaseTypeDescriptor.readViews and readerKind); platform/api/read-views.ts applies them.
 * Types and constants only, so descriptors (workflow code) can import it.
 */
import type { ActingUser } from './records';
import type { CaseForRules } from './who-may-act';

/** The fields every case answer may carry besides its process details. */
export const CASE_FIELDS = [
  'id',
  'type',
  'status',
  'stage',
  'subject',
  'createdAt',
  'updatedAt',
  'openTasks',
  'historyUrl',
  'incident',
] as const;
export type CaseField = (typeof CASE_FIELDS)[number];

/**
 * Which process details a view returns: all of them, the listed ones (a list of keys picks
 * those keys of an object field), or all but the listed ones.
 */
export type DetailFields = '*' | { pick: Record<string, true | readonly string[]> } | { omit: readonly string[] };

export interface View {
  /** The reader kind's name, as the docs and tests call it. */
  kind: string;
  /** Who reads this way (for the docs). */
  who: string;
  case: readonly CaseField[];
  details: DetailFields;
  /** Task answers (`data`, `comment`) of the case's tasks: check results, notes, reference comments. */
  taskAnswers: boolean;
  /** The timeline: every event with its detail, the events without detail, or none (404). */
  timeline: 'full' | 'events' | 'none';
}

/** The case as a reader's kind is decided on: the read-model row's facts. */
export interface CaseFacts extends CaseForRules {
  stage: string;
  status: string;
  details: unknown;
}

/** The reader as a process's `readerKind` sees them: effective roles, and the platform's rules on this case. */
export interface Reader {
  user: ActingUser;
  has: (role: string) => boolean;
  /** Whose case it is (nobody reads their own checks or references). */
  ownCase: () => boolean;
  /** A listed viewer (or an admin, for a case that is no youth's). */
  canSeeCase: () => boolean;
  /** The case's process details, as an object. */
  details: Record<string, unknown>;
}

export const EVERYTHING: Omit<View, 'kind' | 'who'> = {
  case: CASE_FIELDS,
  details: '*',
  taskAnswers: true,
  timeline: 'full',
};
export const LISTING: readonly CaseField[] = ['id', 'type', 'status', 'stage', 'subject', 'createdAt', 'updatedAt'];

/** The one view of a case type that declares none: its listed viewers read everything. */
export const VIEWER: View = { kind: 'viewer', who: 'the listed viewers of the case', ...EVERYTHING };
