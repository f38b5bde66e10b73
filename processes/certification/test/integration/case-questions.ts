/**
 * The questions a certification case asks, as its tests read them: the version of the bank the
 * case started with (its `questionBankVersion`), not the newest, which another suite sharing
 * the database may publish at any moment.
 */
import { as, type Person, type Stack } from '../../../../test/support/stack';

export interface CaseQuestion {
  id: string;
  standard: string;
  text: string;
}

/** The case's questions, read by `who` (one who may see the case). */
export async function questionsOfCase(stack: Stack, who: Person, caseId: string): Promise<CaseQuestion[]> {
  const c = await as(stack, who).get(`/certifications/${caseId}`);
  if (c.status !== 200) throw new Error(`GET /certifications/${caseId}: ${c.status}`);
  const bank = await as(stack).get(`/certifications/questions?version=${c.body.questionBankVersion}`);
  return bank.body.items as CaseQuestion[];
}

/** Every question of the case answered yes, with evidence. */
export async function allYesOfCase(stack: Stack, who: Person, caseId: string) {
  return (await questionsOfCase(stack, who, caseId)).map((q) => ({
    questionId: q.id,
    response: 'yes' as const,
    evidence: `Policy manual, section ${q.id}`,
  }));
}
