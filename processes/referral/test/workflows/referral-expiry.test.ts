/**
 * An offer that expires passes to the next program (its hook asks the read model for one);
 * if the volunteer withdraws while that question is out, the expiry is still written before
 * the case finishes: the program's task does not stay open in the read model for ever.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { confirmReferralAddressUpdate, withdrawReferralUpdate } from '../../messages';
import { mentorReferralWorkflowId } from '../../ids';
import { mentorReferralWorkflow } from '../../workflow';
import { caseRecordedUpdate, openTasksQuery } from '../../../../platform/workflow/messages';
import { calls, env, eventually, faults, policy, taskQueue, within } from '../../../../test/workflows/harness';
import { businessCalendarOf } from '../../../../platform/workflow/jurisdiction';
import { spreadInstant } from '../../../../platform/workflow/mass-instants';
import { renderEmail } from '../../../../platform/emails/render';
import { program, referralInput } from './referral-fixtures';

test('a withdrawal while an expired offer looks for the next program does not leave the expired task open', async () => {
  faults.programs = [program(1)];
  const caseId = randomUUID();
  const h = await env.client.workflow.start(mentorReferralWorkflow, {
    taskQueue,
    workflowId: mentorReferralWorkflowId(caseId),
    args: [referralInput(caseId, policy)],
  });
  await h.executeUpdate(caseRecordedUpdate);
  await h.executeUpdate(confirmReferralAddressUpdate);
  const [offer] = (await h.query(openTasksQuery)).filter((t) => t.type === 'contact_volunteer');
  expect(offer).toBeDefined();
  // The next program's look-up hangs until released; meanwhile the offer expires and the volunteer withdraws.
  let release: () => void = () => undefined;
  faults.programsGate = new Promise<void>((r) => {
    release = r;
  });
  faults.programs = [program(2)];
  // Just past the instant this case acts on its due time (spread after a close of day): while
  // the hook's look-up is out, time moves only as fast as the clock.
  const expiresAt = spreadInstant(
    Date.parse(offer.dueAt),
    h.workflowId,
    policy.midnightSpread!,
    businessCalendarOf(policy),
  );
  await env.sleep(expiresAt - Number(await env.currentTimeMs()) + 2_000);
  await eventually(
    async () => !(await h.query(openTasksQuery)).some((t) => t.id === offer.id),
    'the offer expired in the workflow',
  );
  await h.startUpdate(withdrawReferralUpdate, {
    args: [{ actor: { id: 'volunteer' } }],
    waitForStage: WorkflowUpdateStage.ACCEPTED,
  });
  // Give the case every chance to finish before the look-up answers (it must not).
  const finished = h.result();
  await Promise.race([finished, new Promise((r) => setTimeout(r, 3_000))]);
  release();
  await within(finished, 20_000, 'the case to finish');
  const written = calls.transitions
    .flatMap((t) => t.tasks ?? [])
    .filter((t) => t.id === offer.id)
    .at(-1);
  expect(written).toMatchObject({ status: 'expired' });
  // The program is told the referral ended, not that it went to another program.
  const told = calls.transitions.flatMap((t) => t.emails ?? []).find((m) => m.key.endsWith(':offer_expired'))!;
  expect(renderEmail(told).text).toMatch(/has since withdrawn it/);
  expect(renderEmail(told).text).not.toMatch(/passed to another program/);
});
