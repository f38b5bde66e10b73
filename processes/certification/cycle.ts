/**
 * What every part of a certification cycle's workflow shares: its state (new, or carried over
 * a continue-as-new), the case runtime that records it, and the two helpers every stage uses
 * (a task for the quality reviewers, an e-mail to the program's contact). The workflow
 * (workflow.ts) opens it once and hands it to each part.
 */
import type { EmailTemplateRef } from '../../platform/emails/messages';
import { roleToken } from '../../platform/workflow/access';
import { CaseRuntime, newCase, type Change } from '../../platform/workflow/case-runtime';
import type { Policy } from '../../platform/workflow/policy';
import type { TemplatedEmail } from '../../platform/workflow/records';
import { QUESTION_BANK_V1, type QuestionBank } from './questions';
import type { CertificationInput, CertificationState } from './types';

export const REVIEWERS = ['quality_reviewer'];

export interface Cycle {
  input: CertificationInput;
  policy: Policy;
  state: CertificationState;
  /** The question bank of this case's self-assessment (its input's, or version 1). */
  bank: QuestionBank;
  program: CertificationState['program'];
  rt: CaseRuntime<CertificationState>;
  /** An e-mail to the program's contact, linking to the case. */
  tellContact: (key: string, message: EmailTemplateRef) => TemplatedEmail;
  /** A task for the quality reviewers of this program. */
  reviewerTask: (type: string, title: string, outcomes: string[], ref?: string) => Change;
  /** Whether this run's partner window is waiting (not carried over: a new run starts it again). */
  windowRunning: boolean;
}

function initialState(input: CertificationInput): CertificationState {
  const renewal = input.levelSought === 'partner' && input.program.levelAtApplication === 'partner';
  return {
    ...newCase({
      caseId: input.caseId,
      type: 'certification',
      stage: 'application_review',
      subject: `${renewal ? 'Renewal of Partner' : input.levelSought === 'partner' ? 'Partner' : 'Affiliate'} certification: ${input.program.name}`,
      viewers: [
        roleToken('program_staff', { programId: input.program.id }),
        roleToken('quality_reviewer'),
        roleToken('review_lead'),
      ],
      programId: input.program.id,
      // The program's own staff act on none of its review's tasks.
      parties: { ids: [], programId: input.program.id },
    }),
    program: input.program,
    levelSought: input.levelSought,
    renewal,
    selfAssessment: { answers: [] },
    workPlan: [],
    windowRemindersSent: 0,
  };
}

/** The cycle's state and runtime: a new case's, or the one carried over a continue-as-new. */
export function openCycle(input: CertificationInput): Cycle {
  const policy = input.policy;
  const state = input.state ?? initialState(input);
  const program = state.program;
  const bank = input.questionBank ?? QUESTION_BANK_V1;
  const rt = new CaseRuntime(state, policy, (s) => ({
    programId: s.program.id,
    levelSought: s.levelSought,
    renewal: s.renewal,
    questionBankVersion: bank.version,
    selfAssessment: s.selfAssessment,
    ...(s.findings ? { findings: s.findings } : {}),
    workPlan: s.workPlan,
    ...(s.deadline ? { deadline: s.deadline } : {}),
    ...(s.certifiedUntil ? { certifiedUntil: s.certifiedUntil } : {}),
  }));
  const tellContact = (key: string, message: EmailTemplateRef) =>
    rt.email(key, [program.contactEmail], message, rt.caseLink());
  const reviewerTask = (type: string, title: string, outcomes: string[], ref?: string) =>
    rt.openTask({ type, title, candidateRoles: REVIEWERS, scope: { programId: program.id }, outcomes, ref });
  return { input, policy, state, bank, program, rt, tellContact, reviewerTask, windowRunning: false };
}
