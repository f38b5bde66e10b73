import { defineUpdate } from '@temporalio/workflow';
import type { Answer, CompleteWorkPlanItemInput, SaveAssessmentInput, WorkPlanItem } from './types';

export const saveAssessmentUpdate = defineUpdate<{ answers: Answer[] }, [SaveAssessmentInput]>('saveAssessment');
export const submitAssessmentUpdate = defineUpdate<{ submittedAt: string }, [{ actor: { id: string; name?: string } }]>('submitAssessment');
export const completeWorkPlanItemUpdate = defineUpdate<WorkPlanItem, [CompleteWorkPlanItemInput]>('completeWorkPlanItem');
