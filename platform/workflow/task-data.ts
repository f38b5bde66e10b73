/**
 * Every task type, and the schema of the `data` a person sends when completing it, as the
 * registered processes declare them (processes/<name>/descriptor.ts). The schemas are checked
 * by the API (400 with `errors`) and again by the workflow's Update validator, so a bad value
 * is refused before it can reach a handler, and they are published per task type in
 * /openapi.json. Dates are bounded by today (the API and the validator pass it in); what
 * depends on the case (a first meeting not before the last acceptance) the process checks in
 * its own validator.
 */
import { z, type ZodTypeAny } from 'zod';
import { issuesAt } from './input';
import type { DataBounds } from './process-descriptor';
import { PROCESSES, TASK_TYPES, type TaskType } from './registry';

export { TASK_TYPES, type TaskType };
export type { DataBounds };
export const taskTypeSchema = z.enum(TASK_TYPES);

/** The schema of each task type's `data`; `bounds` adds the checks against today. */
export const TASK_DATA = Object.fromEntries(
  PROCESSES.flatMap((p) => Object.entries(p.tasks).map(([type, t]) => [type, t.data])),
) as { [T in TaskType]: (b?: DataBounds) => ZodTypeAny };

export function isTaskType(t: string): t is TaskType {
  return (TASK_TYPES as readonly string[]).includes(t);
}

/** Problems with a completion's `data` for a task type: empty when it is valid. */
export function taskDataProblems(type: string, data: unknown, bounds: DataBounds): { path: string; message: string }[] {
  if (!isTaskType(type)) return [{ path: 'data', message: `unknown task type ${type}` }];
  const r = TASK_DATA[type](bounds).safeParse(data ?? {});
  return r.success ? [] : issuesAt(r.error, 'data');
}
