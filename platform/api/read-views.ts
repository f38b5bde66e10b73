/**
 * Need to know (docs/security.md, "What each role reads"): every answer that carries a case — one
 * case, lists, search, task lists, timelines — is cut to the declared view of its reader.
 * Each process declares, per case type, which kinds of reader there are, how a reader's
 * kind follows from who they are and the case, and which fields each kind gets (its
 * descriptor's readViews and readerKind); this file applies them. Routes never pick fields themselves: they build the whole answer and pass it
 * through `projectCase`, `projectTask` and `projectEvent`. Pure (no I/O), so the
 * generated test in test/unit/read-views.test.ts runs it on thousands of made-up cases.
 */
import { effectiveRoles } from '../workflow/access';
import {
  CASE_FIELDS,
  VIEWER,
  type CaseFacts,
  type CaseField,
  type DetailFields,
  type View,
} from '../workflow/read-view';
import type { CaseTypeDescriptor } from '../workflow/process-descriptor';
import { caseTypeDescriptor, PROCESSES, type CaseType } from '../workflow/registry';
import { canSeeCase, ownCase } from '../workflow/who-may-act';
import type { ActingUser } from '../workflow/records';

export { CASE_FIELDS, type CaseFacts, type CaseField, type DetailFields, type View };

const declared = PROCESSES.flatMap((p) => Object.entries<CaseTypeDescriptor>(p.caseTypes));

/** Every reader kind of every case type, and what each reads (each process declares its own). */
export const READ_VIEWS = Object.fromEntries(declared.map(([type, d]) => [type, d.readViews ?? [VIEWER]])) as {
  readonly [T in CaseType]: readonly View[];
};

/** Case types whose task answers reach only a view that lists them (not every candidate of a task). */
export const SENSITIVE_CASE_TYPES: readonly string[] = declared.flatMap(([type, d]) =>
  d.sensitiveTaskAnswers ? [type] : [],
);

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The kind of reader `r` is of case `c`, or undefined: they read nothing of it (404). */
export function readerKind(r: ActingUser, c: CaseFacts): string | undefined {
  const roles = effectiveRoles({ ...r, roles: r.roles });
  const reader = {
    user: r,
    has: (role: string) => roles.includes(role),
    ownCase: () => !!ownCase({ ...r, roles }, c),
    canSeeCase: () => canSeeCase({ ...r, roles }, c),
    details: obj(c.details),
  };
  const byProcess = caseTypeDescriptor(c.type)?.readerKind;
  if (byProcess) return byProcess(reader, c);
  return reader.canSeeCase() ? READ_VIEWS[c.type as CaseType]?.[0]?.kind : undefined;
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
