/**
 * Match support's other recordings. A match started under the code before match support, on
 * monthly check-ins, woken by today's code at its first check-in date: it moves to the contact
 * schedule there (`moveToContacts`). And the reopenings a supervisor may make: of a match
 * closed before it ever met (back to awaiting its first meeting), and of one closed half a day
 * before a contact fell due (the schedule resumes with that contact).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { caseRecordedUpdate, caseDetailsQuery } from '../../platform/workflow/messages';
import type { Policy } from '../../platform/workflow/policy';
import { matchWorkflowId } from '../../processes/foster/ids';
import { closeMatchUpdate, reopenMatchUpdate, reserveForMatchUpdate } from '../../processes/foster/messages';
import { complete, csup, fosterParties, matchInputOf } from './foster-parties';
import { ownQueue, todaysBundle } from './one-task-stories';
import { bundleOf } from './older-run-story';
import { cw1, type Save } from './shared';

const DAY = 86_400_000;
/** The last commit before match support. */
const BEFORE_SUPPORT = 'd8a4df5';

export type Parties = Awaited<ReturnType<typeof fosterParties>>;

export async function reserve(parties: Parties, id: string): Promise<void> {
  for (const h of [parties.mentor, parties.youth])
    await h.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: id }] });
}

/** Closes with the structured closure's two tasks done. */
export async function closeFully(h: WorkflowHandle) {
  const closing = { reason: 'other', notes: 'n', kind: 'unplanned', initiatedBy: 'youth', actor: cw1 } as const;
  await h.executeUpdate(closeMatchUpdate, { args: [closing] });
  await complete(h, 'rematch_decision', 'done', cw1, { data: { decision: 'declined' } });
  await complete(h, 'closure_meeting', 'done', cw1, { data: { held: false, with: [] } });
}

/**
 * A match begun on the code before match support and met there; its case worker's worker then
 * goes away with that code and comes back with today's (the match's own task queue, `q`).
 */
export async function matchMetOnOlderCode(
  env: TestWorkflowEnvironment,
  policy: Policy,
  parties: Parties,
  n: number,
  id: string,
  queue: string,
) {
  await reserve(parties, id);
  const q = await ownQueue(env, queue, await bundleOf(BEFORE_SUPPORT));
  await q.start();
  const match = await env.client.workflow.start('matchWorkflow', {
    taskQueue: q.taskQueue,
    workflowId: matchWorkflowId(id),
    args: [matchInputOf(id, n, parties, policy)],
  });
  await match.executeUpdate(caseRecordedUpdate);
  await complete(match, 'consent', 'accept', cw1, { data: { how: 'phone' } });
  await complete(match, 'first_meeting', 'done', cw1);
  await q.stop();
  q.useBundle(await todaysBundle());
  await q.start();
  return { match, q };
}

export async function matchMovedToContactsStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const parties = await fosterParties(env, taskQueue, policy, 42);
  const id = 'match-history-moved-to-contacts';
  const { match, q } = await matchMetOnOlderCode(env, policy, parties, 42, id, 'match-older');
  await env.sleep(15 * DAY);
  await complete(match, 'match_contact', 'done', cw1, {
    data: { reached: ['mentor', 'youth', 'caregiver'], how: 'phone', satisfaction: 3, safetyConcern: false },
  });
  await match.terminate('history recorded');
  await q.close();
  await save('match-moved-to-contacts', match);
  for (const h of [parties.mentor, parties.youth]) await h.terminate('history recorded');
}

export async function matchReopenStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const parties = await fosterParties(env, taskQueue, policy, 43);
  const id = 'match-history-reopened';
  await reserve(parties, id);
  const match = await env.client.workflow.start('matchWorkflow', {
    taskQueue,
    workflowId: matchWorkflowId(id),
    args: [matchInputOf(id, 43, parties, policy)],
  });
  await match.executeUpdate(caseRecordedUpdate);
  await complete(match, 'consent', 'accept', cw1, { data: { how: 'phone' } });
  // Closed before it ever met, reopened: it awaits its first meeting again.
  await closeFully(match);
  await reserve(parties, id);
  await match.executeUpdate(reopenMatchUpdate, { args: [{ actor: csup }] });
  await complete(match, 'first_meeting', 'done', cw1);
  await complete(match, 'match_contact', 'done', cw1, {
    data: { reached: ['mentor', 'youth'], how: 'text', satisfaction: 4, safetyConcern: false },
  });
  // Closed half a day before the month's contact falls due, reopened at once: that contact opens.
  const due = Date.parse((await match.query(caseDetailsQuery)).nextContactDue as string);
  await env.sleep(due - Number(await env.currentTimeMs()) - DAY / 2);
  await closeFully(match);
  await reserve(parties, id);
  await match.executeUpdate(reopenMatchUpdate, { args: [{ notes: 'by mistake', actor: csup }] });
  await match.terminate('history recorded');
  await save('match-reopened', match);
  for (const h of [parties.mentor, parties.youth]) await h.terminate('history recorded');
}
