/** A certification case: a program's application for Affiliate or Partner, and its review. */
import type { CaseCore } from '../../platform/workflow/case-runtime';
import type { Policy } from '../../platform/workflow/policy';
import type { ActingUser, Actor } from '../../platform/workflow/records';
import type { QuestionBank, Standard } from './questions';

export type LevelSought = 'affiliate' | 'partner';
export type CertificationStage =
  | 'application_review'
  | 'self_assessment'
  | 'review'
  | 'work_plan'
  | 'partner'
  | 'affiliate'
  | 'denied'
  | 'expired';

/**
 * The stages of a case still in progress: a program has at most one such case, and the
 * 4-month window runs only while its case is in one of them.
 */
export const IN_PROGRESS_STAGES: readonly string[] = ['application_review', 'self_assessment', 'review', 'work_plan'];

export interface ProgramSummary {
  id: string;
  name: string;
  contactEmail: string;
  /** The level when the application was made; `partner` makes this a renewal. */
  levelAtApplication: 'none' | 'affiliate' | 'associate_partner' | 'partner';
  certifiedUntilAtApplication?: string | null;
}

export interface Answer {
  questionId: string;
  response: 'yes' | 'partially' | 'no';
  evidence?: string;
}

export interface WorkPlanItem {
  id: string;
  standard: Standard;
  description: string;
  dueDate: string;
  status: 'open' | 'submitted' | 'verified' | 'rejected';
  evidence?: string;
  reason?: string;
}

export interface CertificationState extends CaseCore {
  stage: CertificationStage;
  program: ProgramSummary;
  levelSought: LevelSought;
  renewal: boolean;
  selfAssessment: { answers: Answer[]; submittedAt?: string };
  findings?: Record<string, unknown>;
  workPlan: WorkPlanItem[];
  /** Who wrote the work plan: they may not verify its items (two-person rule). */
  workPlanSetBy?: string;
  /** End of the 4-month window to become Partner. */
  deadline?: string;
  windowRemindersSent: number;
  certifiedUntil?: string;
}

export interface CertificationInput {
  caseId: string;
  program: ProgramSummary;
  levelSought: LevelSought;
  policy: Policy;
  appliedBy: Actor;
  /**
   * The question bank the self-assessment asks, the newest when the program applied; kept for
   * the whole case (a continue-as-new hands the input on). Absent on cases started before banks
   * were versioned: they ask version 1.
   */
  questionBank?: QuestionBank;
  state?: CertificationState;
}

export interface CertificationResult {
  caseId: string;
  stage: CertificationStage;
  certifiedUntil?: string;
}

export interface SaveAssessmentInput {
  answers: Answer[];
  actor: ActingUser;
}

export interface CompleteWorkPlanItemInput {
  itemId: string;
  evidence: string;
  actor: ActingUser;
}
