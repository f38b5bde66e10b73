/**
 * The platform's view of the registered processes (processes/index.ts): the case and task
 * types as literal unions and arrays, and each type's descriptor. Every list that would name
 * the processes is derived here or from these, so the platform itself names none.
 */
import { PROCESSES } from '../../processes';
import type { CaseTypeDescriptor, Process, TaskTypeDescriptor } from './process-descriptor';

export type RegisteredProcess = (typeof PROCESSES)[number];
type CaseTypeOf<P> = P extends Process<infer C, string, unknown> ? C : never;
type TaskTypeOf<P> = P extends Process<string, infer T, unknown> ? T : never;
export type CaseType = CaseTypeOf<RegisteredProcess>;
export type TaskType = TaskTypeOf<RegisteredProcess>;

export { PROCESSES };

/** Every case type, in the registry's order (feeds the API's zod enum). */
export const CASE_TYPES = PROCESSES.flatMap((p) => Object.keys(p.caseTypes)) as unknown as readonly [
  CaseType,
  ...CaseType[],
];

/** Every task type, in the registry's order. */
export const TASK_TYPES = PROCESSES.flatMap((p) => Object.keys(p.tasks)) as unknown as readonly [
  TaskType,
  ...TaskType[],
];

const caseTypes = new Map<string, CaseTypeDescriptor>(
  PROCESSES.flatMap((p) => Object.entries<CaseTypeDescriptor>(p.caseTypes)),
);
const taskTypes = new Map<string, TaskTypeDescriptor>(
  PROCESSES.flatMap((p) => Object.entries<TaskTypeDescriptor>(p.tasks)),
);

/** What a case type's process declares about it (undefined for a type no process declares). */
export function caseTypeDescriptor(type: string): CaseTypeDescriptor | undefined {
  return caseTypes.get(type);
}

/** What a task type's process declares about it (undefined for a type no process declares). */
export function taskTypeDescriptor(type: string): TaskTypeDescriptor | undefined {
  return taskTypes.get(type);
}
