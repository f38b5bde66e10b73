/**
 * What the online-referral suites (referrals.test.ts, referral-offers.test.ts) share: the
 * shapes of an offer and a task as the API answers them, a county of a test's own (so only
 * its programs receive its volunteers), a referral as a coordinator reads it, and the open
 * offer task of a referral for a program.
 */
import { as, type Stack } from '../../../../test/support/stack';
import { coordinator } from '../../../../test/integration/referral-fixtures';

export type Offer = { programId: string; round: number; status: string; reasons: string[]; manual?: boolean };
export type Task = { id: string; type: string; candidateRoles: string[] };
export const county = (name: string) => `${name} ${Math.random().toString(36).slice(2, 6)}`;
export const referralOf = async (stack: Stack, id: string) =>
  (await as(stack, coordinator).get(`/referrals/${id}`)).body;

export async function offerTask(stack: Stack, id: string, programId: string): Promise<string> {
  const tasks = await stack.db
    .selectFrom('tasks')
    .select(['id', 'type'])
    .where('case_id', '=', id)
    .where('status', '=', 'open')
    .where('ref', '=', programId)
    .execute();
  return tasks[0].id;
}
