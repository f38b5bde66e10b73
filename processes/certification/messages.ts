import { defineUpdate } from '@temporalio/workflow';
import type { ActingUser } from '../../platform/workflow/records';
import type { Answer, CompleteWorkPlanItemInput, SaveAssessmentInput, WorkPlanItem } from './types';

export const saveAssessmentUpdate = defineUpdate<{ answers: Answer[]; questions: number }, [SaveAssessmentInput]>(
  'saveAssessment',
);
export const submitAssessmentUpdate = defineUpdate<{ submittedAt: string }, [{ actor: ActingUser }]>(
  'submitAssessment',
);
export const completeWorkPlanItemUpdate = defineUpdate<WorkPlanItem, [CompleteWorkPlanItemInput]>(
  'completeWorkPlanItem',
);
