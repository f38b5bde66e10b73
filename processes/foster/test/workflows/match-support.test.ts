/**
 * Match support on the time-skipping server with fake activities: the contact schedule from
 * the first meeting (48 hours, one month with the caregiver, then monthly), a missed contact
 * and a worrying one lowering the match's health until its case worker gets a support task,
 * a match still on monthly check-ins moving to the schedule at its next check-in, and the
 * structured closure with its reopening by a case supervisor.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import {
  caseDetailsQuery,
  completeTaskUpdate,
  openTasksQuery,
  stageQuery,
} from '../../../../platform/workflow/messages';
import { calls, env, person, taskQueue } from '../../../../test/workflows/harness';
import { matchWorkflow, matchWorkflowId } from '../../match';
import { closeMatchUpdate, reopenMatchUpdate } from '../../messages';
import type { MatchFactsRow, MatchHealth } from '../../match/support-types';
import { continued, cw, DAY, task } from './match-fixtures';

const supervisor = person('cs-support', ['case_supervisor']);
const HOUR = 3_600_000;

async function now(): Promise<number> {
  return Number(await env.currentTimeMs());
}

async function startAwaitingFirstMeeting() {
  const meeting = task(randomUUID(), 'first_meeting', await now(), false, ['done']);
  const input = continued(await now(), 'awaiting_first_meeting', [meeting]);
  input.risks = { youthAgeAtMatch: 15, monthsWaiting: 2 };
  const h = await env.client.workflow.start(matchWorkflow, {
    taskQueue,
    workflowId: matchWorkflowId(input.caseId),
    args: [input],
  });
  await h.executeUpdate(completeTaskUpdate, { args: [{ taskId: meeting.id, outcome: 'done', actor: cw }] });
  return h;
}

const openOf = async (h: WorkflowHandle) => (await h.query(openTasksQuery)).map((t) => t.type).sort();

function lastFacts(): MatchFactsRow {
  const rows = calls.transitions.flatMap((t) => t.projections ?? []).filter((p) => p.kind === 'match_facts');
  return rows[rows.length - 1].row as MatchFactsRow;
}

test('contacts follow the schedule; missed and worrying ones lower the health until a support task opens', async () => {
  const met = await now();
  const h = await startAwaitingFirstMeeting();
  // The first contact opens at the meeting, due within 48 hours.
  let open = await h.query(openTasksQuery);
  const first = open.find((t) => t.type === 'match_contact')!;
  expect(Date.parse(first.dueAt) - met).toBeGreaterThanOrEqual(48 * HOUR - 60_000);
  expect(Date.parse(first.dueAt) - met).toBeLessThanOrEqual(48 * HOUR + 60_000);
  expect(lastFacts()).toMatchObject({ stage: 'active', healthScore: 95, healthBand: 'healthy' });

  // Missed: at 48 hours the second contact opens (the caregiver too: it falls in the first month).
  await env.sleep(49 * HOUR);
  open = await h.query(openTasksQuery);
  const contacts = open.filter((t) => t.type === 'match_contact');
  expect(contacts).toHaveLength(2);
  expect(contacts[1].title).toMatch(/mentor, youth and caregiver/);
  expect(contacts[0].title).not.toMatch(/caregiver/);
  let health = (await h.query(caseDetailsQuery)).health as MatchHealth;
  expect(health.reasons).toEqual(['overdue_contact:15', 'adolescent_youth:5']);
  expect(health.score).toBe(80);

  // Logged late, very unsatisfied, with a safety concern: an urgent review, and the health falls below 50.
  await h.executeUpdate(completeTaskUpdate, {
    args: [
      {
        taskId: contacts[0].id,
        outcome: 'done',
        data: { reached: ['mentor', 'youth'], how: 'phone', satisfaction: 1, safetyConcern: true, concerns: 'x' },
        actor: cw,
      },
    ],
  });
  health = (await h.query(caseDetailsQuery)).health as MatchHealth;
  expect(health.band).toBe('at_risk');
  expect(health.reasons).toEqual(
    expect.arrayContaining(['low_satisfaction:30', 'open_safety_review:30', 'recent_safety_concern:15']),
  );
  expect(await openOf(h)).toEqual(['match_contact', 'match_support', 'safety_review']);
  expect(lastFacts()).toMatchObject({ healthBand: 'at_risk', healthScore: health.score });
}, 120_000);

test('a match on monthly check-ins moves to the contact schedule at its next check-in date', async () => {
  const input = continued(await now(), 'active', []);
  input.state!.anniversaryAt = new Date((await now()) + 200 * DAY).toISOString();
  const h = await env.client.workflow.start(matchWorkflow, {
    taskQueue,
    workflowId: matchWorkflowId(input.caseId),
    args: [input],
  });
  await env.sleep(11 * DAY);
  const open = await h.query(openTasksQuery);
  expect(open.map((t) => t.type)).toEqual(['match_contact']);
  const details = await h.query(caseDetailsQuery);
  expect(details.nextCheckInDue).toBeUndefined();
  expect(Date.parse(details.nextContactDue as string)).toBeGreaterThan(await now());
}, 120_000);

test('a structured closure waits for its meeting and the rematch decision; a case supervisor reopens it', async () => {
  const h = await startAwaitingFirstMeeting();
  await h.executeUpdate(closeMatchUpdate, {
    args: [{ reason: 'mentor_moved', notes: 'moving away', kind: 'unplanned', initiatedBy: 'mentor', actor: cw }],
  });
  expect(await openOf(h)).toEqual(['closure_meeting', 'rematch_decision']);
  const [meeting, rematch] = ['closure_meeting', 'rematch_decision'].map(
    async (type) => (await h.query(openTasksQuery)).find((t) => t.type === type)!,
  );
  await h.executeUpdate(completeTaskUpdate, {
    args: [{ taskId: (await meeting).id, outcome: 'done', data: { held: true, with: ['mentor', 'youth'] }, actor: cw }],
  });
  expect(await h.query(stageQuery)).toBe('closing');
  await h.executeUpdate(completeTaskUpdate, {
    args: [{ taskId: (await rematch).id, outcome: 'done', data: { decision: 'rematch' }, actor: cw }],
  });
  expect(await h.query(stageQuery)).toBe('closed');
  expect(lastFacts()).toMatchObject({ stage: 'closed', closureKind: 'unplanned', closureReason: 'mentor_moved' });

  // Not a case supervisor: refused; a case supervisor within 30 days: active again, a contact due.
  await expect(h.executeUpdate(reopenMatchUpdate, { args: [{ actor: cw }] })).rejects.toBeInstanceOf(
    WorkflowUpdateFailedError,
  );
  await env.sleep(10 * DAY);
  await h.executeUpdate(reopenMatchUpdate, { args: [{ notes: 'closed by mistake', actor: supervisor }] });
  expect(await h.query(stageQuery)).toBe('active');
  expect(await openOf(h)).toEqual(['match_contact']);
  expect((await h.query(caseDetailsQuery)).pastClosures).toHaveLength(1);
}, 120_000);

test('a closed match stays reopenable for 30 days, then its workflow completes', async () => {
  const h = await startAwaitingFirstMeeting();
  await h.executeUpdate(closeMatchUpdate, { args: [{ reason: 'planned', notes: 'done', actor: cw }] });
  for (const t of await h.query(openTasksQuery)) {
    const data = t.type === 'closure_meeting' ? { held: false, with: [] } : { decision: 'not_now' };
    await h.executeUpdate(completeTaskUpdate, { args: [{ taskId: t.id, outcome: 'done', data, actor: cw }] });
  }
  expect(lastFacts()).toMatchObject({ closureKind: 'planned', stage: 'closed' });
  await env.sleep(29 * DAY);
  expect((await h.describe()).status.name).toBe('RUNNING');
  await env.sleep(2 * DAY);
  await h.result();
  expect((await h.describe()).status.name).toBe('COMPLETED');
}, 120_000);
