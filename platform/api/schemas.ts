/** Shared response shapes of the API (docs/api-guide.md), for validation of inputs and the OpenAPI document. */
import { z } from 'zod';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { CASE_TYPES } from '../workflow/records';
import { TASK_DATA, TASK_TYPES } from '../workflow/task-data';
import { text } from '../workflow/input';
import './http'; // extends zod with .openapi()

export { calendarDate, quarterHours } from '../workflow/input';

const taskDataName = (type: string) => `TaskData_${type}`;

/** Each task type's `data` schema as its own component of /openapi.json. */
export function registerTaskDataSchemas(registry: OpenAPIRegistry): void {
  for (const type of TASK_TYPES)
    registry.register(taskDataName(type), TASK_DATA[type]().openapi({ description: `data of a ${type} task` }));
}

/** `POST /tasks/:id/complete`: `data` is checked against the task type's schema in the handler. */
export const completeTaskBody = z
  .object({
    outcome: z.string().min(1).max(100),
    comment: text(5000).optional(),
    data: z
      .record(z.unknown())
      .optional()
      .openapi({
        description: 'Per task type: see the TaskData_<type> schemas',
        anyOf: TASK_TYPES.map((t) => ({ $ref: `#/components/schemas/${taskDataName(t)}` })),
      }),
  })
  .strict();

export const taskSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    type: z.string(),
    title: z.string(),
    status: z.enum(['open', 'completed', 'cancelled', 'expired']),
    candidateRoles: z.array(z.string()),
    assigneeId: z.string().optional(),
    dueAt: z.string(),
    escalated: z.boolean(),
    outcomes: z.array(z.string()),
    outcome: z.string().optional(),
    completedBy: z.string().optional(),
    completedAt: z.string().optional(),
    // On a case read by a person: whether they may complete it, and if not, the rule that stops them.
    mayComplete: z.boolean().optional(),
    refusal: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .openapi('Task');

export const caseSchema = z
  .object({
    id: z.string(),
    type: z.enum(CASE_TYPES),
    status: z.string(),
    stage: z.string(),
    subject: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    openTasks: z.array(taskSchema),
    historyUrl: z
      .string()
      .url()
      .optional()
      .openapi({ description: "The case's workflow history in the Temporal Web UI (when TEMPORAL_UI_URL is known)" }),
  })
  .passthrough()
  .openapi('Case');
