/**
 * Need to know (domain.md, "What each role reads"): every answer that carries a case — one
 * case, lists, search, task lists, timelines — is cut to the declared view of its reader.
 * This file is the one place that says, per case type, which kinds of reader there are,
 * how a reader's kind follows from who they are and the case, and which fields each kind
 * gets. Routes never pick fields themselves: they build the whole answer and pass it
 * through `projectCase`, `projectTask` and `projectEvent`. Pure (no I/O), so the
 * generated test in test/unit/read-views.test.ts runs it on thousands of made-up cases.
 */
import { effectiveRoles } from '../workflow/access';
import { canSeeCase, ownCase, type CaseForRules } from '../workflow/who-may-act';
import type { ActingUser, CaseType } from '../workflow/records';

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

const EVERYTHING: Omit<View, 'kind' | 'who'> = { case: CASE_FIELDS, details: '*', taskAnswers: true, timeline: 'full' };
const LISTING: readonly CaseField[] = ['id', 'type', 'status', 'stage', 'subject', 'createdAt', 'updatedAt'];

const viewer: View = { kind: 'viewer', who: 'the listed viewers of the case', ...EVERYTHING };

/** Every reader kind of every case type, and what each reads. */
export const READ_VIEWS: { readonly [T in CaseType]: readonly View[] } = {
  mentor_screening: [
    { kind: 'screening', who: 'the assigned case worker and case supervisors', ...EVERYTHING },
    {
      kind: 'pool',
      who: 'other case workers, while the mentor is approved (to propose a match)',
      case: LISTING,
      details: {
        pick: {
          applicant: ['name', 'county', 'languages', 'interests', 'availability', 'formerFosterYouth'],
          activeMatchId: true,
        },
      },
      taskAnswers: false,
      timeline: 'none',
    },
  ],
  caller_screening: [
    { kind: 'screening', who: 'the assigned case worker and case supervisors', ...EVERYTHING },
    {
      kind: 'pool',
      who: 'partnership coordinators, while the caller is approved (to assign a caller)',
      case: LISTING,
      details: { pick: { applicant: ['name', 'county', 'languages', 'availability'] } },
      taskAnswers: false,
      timeline: 'none',
    },
  ],
  wellness_checkin: [
    {
      kind: 'record',
      who: 'the referrer, the assigned caller, the coordinator who assigned the caller, case supervisors',
      ...EVERYTHING,
    },
    {
      // Enough to pick a caller (language, county, source); no name, birth date or contact details.
      kind: 'triage',
      who: 'partnership coordinators, while no caller is assigned',
      case: [...LISTING, 'openTasks'],
      details: { pick: { youth: ['county', 'languages'], source: true, plannedCalls: true, calls: true } },
      taskAnswers: false,
      timeline: 'events',
    },
  ],
  youth_referral: [{ ...viewer, who: "the assigned case worker, case supervisors, the youth's social worker" }],
  match: [{ ...viewer, who: "the assigned case worker, case supervisors, the youth's social worker" }],
  mentor_referral: [
    {
      kind: 'contact',
      who: 'partnership coordinators and the staff of a program the volunteer was offered to',
      ...EVERYTHING,
    },
    {
      kind: 'outline',
      who: 'other viewers (admins, reviewers): offers and outcome',
      ...EVERYTHING,
      details: { omit: ['volunteer'] },
    },
  ],
  mentoring_leave: [viewer],
  certification: [viewer],
  ece_certification: [viewer],
  ece_placement: [viewer],
};

/** Case types whose task answers reach only a view that lists them (not every candidate of a task). */
export const SENSITIVE_CASE_TYPES: readonly string[] = [
  'mentor_screening',
  'caller_screening',
  'wellness_checkin',
  'youth_referral',
  'match',
];

const REFERRER_ROLES = ['social_worker', 'case_worker', 'school_counselor'];
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The kind of reader `r` is of case `c`, or undefined: they read nothing of it (404). */
export function readerKind(r: ActingUser, c: CaseFacts): string | undefined {
  const roles = effectiveRoles({ ...r, roles: r.roles });
  const has = (role: string) => roles.includes(role);
  const d = obj(c.details);
  switch (c.type) {
    case 'mentor_screening':
    case 'caller_screening': {
      const caseWorkerId = typeof d.caseWorkerId === 'string' ? d.caseWorkerId : c.ownerId;
      // An applicant who is staff never reads their own checks or references.
      const own = !!ownCase({ ...r, roles }, c);
      if (!own && (has('case_supervisor') || (has('case_worker') && r.id === caseWorkerId))) return 'screening';
      const poolReader = c.type === 'mentor_screening' ? has('case_worker') : has('partnership_coordinator');
      return poolReader && c.stage === 'approved' && c.status === 'open' ? 'pool' : undefined;
    }
    case 'wellness_checkin': {
      const caller = d.caller === undefined ? undefined : obj(d.caller);
      const referrer = r.id === c.ownerId && REFERRER_ROLES.some(has);
      const theCaller = !!caller && r.id === caller.userId && has('caller');
      const assigner = !!caller && r.id === caller.assignedBy && has('partnership_coordinator');
      if (referrer || theCaller || assigner || has('case_supervisor')) return 'record';
      return !caller && c.stage === 'awaiting_caller' && has('partnership_coordinator') ? 'triage' : undefined;
    }
    case 'mentor_referral': {
      if (!canSeeCase({ ...r, roles }, c)) return undefined;
      const offers = (d.offers as { programId?: string }[] | undefined) ?? [];
      const offered = offers.some((o) => !!r.programId && o?.programId === r.programId);
      return has('partnership_coordinator') || (has('program_staff') && offered) ? 'contact' : 'outline';
    }
    default:
      return canSeeCase({ ...r, roles }, c) ? READ_VIEWS[c.type as CaseType]?.[0]?.kind : undefined;
  }
}

/** The declared view of reader `r` on case `c`, or undefined (nothing: 404). */
export function viewOf(r: ActingUser, c: CaseFacts): View | undefined {
  const kind = readerKind(r, c);
  return kind === undefined ? undefined : READ_VIEWS[c.type as CaseType]?.find((v) => v.kind === kind);
}

function pickKeys(value: unknown, keys: readonly string[]): unknown {
  const o = obj(value);
  return Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
}

/** The details a view lets through, from a case answer's process fields. */
function projectDetails(fields: DetailFields, details: Record<string, unknown>): Record<string, unknown> {
  if (fields === '*') return details;
  if ('omit' in fields) return Object.fromEntries(Object.entries(details).filter(([k]) => !fields.omit.includes(k)));
  const out: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(fields.pick)) {
    if (!(k in details)) continue;
    out[k] = spec === true ? details[k] : pickKeys(details[k], spec);
  }
  return out;
}

/** A task as its reader may see it: answers only through a view that lists them, or to whoever gave them. */
export function projectTask<T extends Record<string, unknown>>(task: T, answers: boolean): T {
  if (answers) return task;
  const { data: _data, comment: _comment, ...rest } = task;
  return rest as T;
}

/** Whether reader `r` gets the answers of a task of case `c` (with view `v`, if any). */
export function seesTaskAnswers(
  r: Pick<ActingUser, 'id'>,
  c: Pick<CaseFacts, 'type'>,
  v: View | undefined,
  completedBy?: string | null,
): boolean {
  if (v) return v.taskAnswers;
  return !SENSITIVE_CASE_TYPES.includes(c.type) || (!!completedBy && completedBy === r.id);
}

/**
 * A whole case answer (case fields, open tasks, incident and process details side by
 * side, as the routes build it) cut to a view.
 */
export function projectCase(v: View, whole: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const details: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(whole)) {
    if ((CASE_FIELDS as readonly string[]).includes(k)) {
      if (v.case.includes(k as CaseField)) out[k] = value;
    } else details[k] = value;
  }
  if (Array.isArray(out.openTasks)) {
    out.openTasks = out.openTasks.map((t: Record<string, unknown>) => projectTask(t, v.taskAnswers));
  }
  // The shape stays a case's: a view without the open tasks lists none.
  if (!v.case.includes('openTasks') && 'openTasks' in whole) out.openTasks = [];
  return { ...projectDetails(v.details, details), ...out };
}

/** A timeline event as a view lets it through (undefined views and 'none' get nothing). */
export function projectEvent<E extends { detail: unknown }>(v: View, e: E): E {
  return v.timeline === 'full' ? e : { ...e, detail: {} };
}
