/** Messages every case workflow answers: the human-task core and case creation. */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActingUser, TaskRecord } from './records';

export interface CompleteTaskInput {
  taskId: string;
  outcome: string;
  comment?: string;
  data?: Record<string, unknown>;
  actor: ActingUser;
  /**
   * Facts the API read for the rule's sake (the caller a coordinator assigns, as the read
   * model has them), for the workflow's validator to decide on; never from the client.
   */
  context?: Record<string, unknown>;
}
export interface ClaimTaskInput {
  taskId: string;
  actor: ActingUser;
}
/** A release; `heldBy` when an admin gives back the task of a person deactivated in the directory. */
export interface ReleaseTaskInput extends ClaimTaskInput {
  heldBy?: string;
}
export interface AssignTaskInput {
  taskId: string;
  assigneeId: string;
  /** The assignee as the people directory knows them (roles and scope decide eligibility). */
  assignee?: ActingUser;
  actor: ActingUser;
}
export interface TaskResult {
  task: TaskRecord;
}
export interface CaseRecordedResult {
  caseId: string;
}

export const completeTaskUpdate = defineUpdate<TaskResult, [CompleteTaskInput]>('completeTask');
export const claimTaskUpdate = defineUpdate<TaskResult, [ClaimTaskInput]>('claimTask');
export const assignTaskUpdate = defineUpdate<TaskResult, [AssignTaskInput]>('assignTask');
/** The holder gives a task back to its candidates (or it goes back when they lost the role to complete it). */
export const releaseTaskUpdate = defineUpdate<TaskResult, [ReleaseTaskInput]>('releaseTask');
/** Answers once the case's first read-model row is written, so a creating POST can return it. */
export const caseRecordedUpdate = defineUpdate<CaseRecordedResult, []>('caseRecorded');
export const stageQuery = defineQuery<string>('stage');
/** The case's open tasks, straight from the workflow (operators, history recording). */
export const openTasksQuery = defineQuery<TaskRecord[]>('openTasks');
/** The process-specific view of the case, as the read model gets it. */
export const caseDetailsQuery = defineQuery<Record<string, unknown>>('caseDetails');
/**
 * Whether a commit of the case waits on an incident (or is retrying one): an incident row
 * of a case that answers false is left over (the doctor's check, lib/doctor).
 */
export const incidentWaitingQuery = defineQuery<boolean>('incidentWaiting');
/** An admin retries a case's incident once its cause is fixed. */
export const retryIncidentUpdate = defineUpdate<{ retrying: true }, [{ actor: ActingUser }]>('retryIncident');
