/**
 * The failure paths (incidents, retries, mail outages) at the workflow level, the way Temporal's samples test
 * workflows: the real workflow code on the time-skipping test server, activities replaced
 * by fakes that fail on cue and remember what they were asked. What a user would notice:
 * a case that cannot be written waits on an incident (and moves on once an admin retries),
 * retries are bounded, a mail server that refuses does not hold a case, and a reference
 * who answers through the link ends the phone follow-up.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { calls, env, eventsOf, eventually, faults, person, policy, taskQueue, within } from './harness';
import { laDate, laYear } from '../../platform/workflow/calendar';
import {
  caseRecordedUpdate,
  completeTaskUpdate,
  openTasksQuery,
  retryIncidentUpdate,
  stageQuery,
} from '../../platform/workflow/messages';
import { logPersonalTimeUpdate } from '../../processes/mentoring-leave/messages';
import { mentoringLeaveWorkflow } from '../../processes/mentoring-leave/workflow';
import { mentorScreeningWorkflow, mentorScreeningWorkflowId } from '../../processes/foster/mentor-screening';
import { referenceAnswerUpdate } from '../../processes/foster/messages';
import { certificationWorkflow } from '../../processes/certification/workflow';
import {
  programLevelSignal,
  programRecordWorkflow,
  programWorkflowId,
  setProgramLevelUpdate,
} from '../../processes/programs/workflow';

const DAY = 86_400_000;
const employee = person('emp-wf', ['employee'], { department: 'CDT' });
const hr = person('hr-wf', ['hr_officer'], { department: 'CDT' });
const admin = person('admin-wf', ['admin']);
const cw = person('cw-wf', ['case_worker']);

async function enrolledAndApproved() {
  const now = Number(await env.currentTimeMs());
  const year = laYear(now);
  const h = await env.client.workflow.start(mentoringLeaveWorkflow, {
    taskQueue,
    workflowId: `wf-leave-${randomUUID()}`,
    args: [
      {
        caseId: randomUUID(),
        policy,
        enrolledBy: employee,
        enrollment: {
          year,
          employee: {
            id: employee.id,
            name: 'Employee',
            email: 'emp@example.gov',
            department: 'CDT',
            bargainingUnit: 1,
            appointment: 'permanent',
          },
          supervisor: { id: 'sup-wf', name: 'Supervisor', email: 'sup@example.gov' },
          program: { programId: 'prog-wf', name: 'Program' },
          commitment: { startDate: `${year}-01-15`, endDate: `${year + 1}-06-15` },
        },
      },
    ],
  });
  await h.executeUpdate(caseRecordedUpdate);
  const review = (await h.query(openTasksQuery)).find((t) => t.type === 'eligibility_review')!;
  await h.executeUpdate(completeTaskUpdate, { args: [{ taskId: review.id, outcome: 'approve', actor: hr }] });
  return { h, today: laDate(now) };
}

test("a transition the read model refuses puts the case in an incident; an admin's retry writes it and clears it", async () => {
  const { h, today } = await enrolledAndApproved();
  faults.refuseNext = 1;
  calls.transitions = [];
  const logging = await h.startUpdate(logPersonalTimeUpdate, {
    args: [{ date: today, hours: 2, kind: 'off_duty', description: 'Tutoring', actor: employee }],
    waitForStage: WorkflowUpdateStage.ACCEPTED,
  });
  await eventually(async () => calls.incidents.length > 0, 'the incident on the case');
  expect(calls.incidents).toEqual([
    expect.objectContaining({ open: expect.objectContaining({ reason: expect.stringMatching(/22001/) }) }),
  ]);
  // Not retried by itself: a bad value stays bad (one attempt, then the incident).
  expect(calls.transitions).toHaveLength(1);
  // The workflow is healthy: it answers queries and waits.
  expect((await h.describe()).status.name).toBe('RUNNING');

  await h.executeUpdate(retryIncidentUpdate, { args: [{ actor: admin }] });
  const entry = await logging.result();
  expect(entry).toMatchObject({ hours: 2, status: 'pending_verification' });
  // The same transition written again, once: nothing lost, nothing doubled.
  expect(eventsOf(calls.transitions).filter((e) => e === 'personal_time_logged')).toHaveLength(2);
  expect(calls.transitions[0].events).toEqual(calls.transitions[1].events);
  // The flag is cleared, and a second retry is refused: there is no incident any more.
  expect(calls.incidents.at(-1)).toEqual({ caseId: expect.any(String) });
  await expect(h.executeUpdate(retryIncidentUpdate, { args: [{ actor: admin }] })).rejects.toThrow();
  await h.terminate('done');
});

test('a commit that gets through while another waits on the incident wakes it: nothing is stranded', async () => {
  const { h, today } = await enrolledAndApproved();
  const log = (description: string, hours = 1) =>
    h.startUpdate(logPersonalTimeUpdate, {
      args: [{ date: today, hours, kind: 'off_duty', description, actor: employee }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
  // A is refused while the database is briefly unwell; B gets through before any admin acts.
  faults.refuseNext = 1;
  const a = await log('First entry');
  await eventually(async () => calls.incidents.some((i) => i.open), 'the incident on the case');
  const b = await log('Second entry');
  await expect(b.result()).resolves.toMatchObject({ hours: 1 });
  // A is written too, without an admin, and the incident is cleared once nobody waits on it.
  await expect(
    within(a.result(), 20_000, 'the first entry, stranded behind the cleared incident'),
  ).resolves.toMatchObject({ hours: 1 });
  expect(eventsOf(calls.transitions).filter((e) => e === 'personal_time_logged').length).toBeGreaterThanOrEqual(2);
  expect(calls.incidents.at(-1)).toEqual({ caseId: expect.any(String) });
  await expect(h.executeUpdate(retryIncidentUpdate, { args: [{ actor: admin }] })).rejects.toThrow();

  // A transition that stays refused keeps its incident open however many others get through,
  // and an admin's retry still reaches it once its cause is fixed.
  faults.refuseHours = 0.75;
  const c = await log('Always refused', 0.75);
  await eventually(async () => (calls.incidents.at(-1)?.open ? true : false), 'the second incident');
  await expect(log('Fourth entry').then((u) => u.result())).resolves.toMatchObject({ hours: 1 });
  await eventually(
    async () => (calls.incidents.at(-1)?.open ? true : false),
    'the incident still open for the refused one',
  );
  faults.refuseHours = 0;
  await h.executeUpdate(retryIncidentUpdate, { args: [{ actor: admin }] });
  await expect(c.result()).resolves.toMatchObject({ hours: 0.75 });
  await h.terminate('done');
});

test('a database outage is waited out however long it lasts: no incident, and the entry is written once it is back', async () => {
  const { h, today } = await enrolledAndApproved();
  faults.failAlways = true;
  calls.transitions = [];
  const logging = await h.startUpdate(logPersonalTimeUpdate, {
    args: [{ date: today, hours: 1, kind: 'off_duty', description: 'Tutoring', actor: employee }],
    waitForStage: WorkflowUpdateStage.ACCEPTED,
  });
  // Three hours down: retries back off to one a minute, and nobody is asked to do anything.
  await env.sleep(3 * 60 * 60_000);
  expect(calls.transitions.length).toBeGreaterThan(100);
  expect(calls.incidents).toEqual([]);
  faults.failAlways = false;
  await env.sleep(2 * 60_000);
  await expect(within(logging.result(), 20_000, 'the write after the outage')).resolves.toMatchObject({ hours: 1 });
  expect(calls.incidents).toEqual([]);
  await h.terminate('done');
});

test('a failure that is no outage is tried a few times, then the case waits on an incident', async () => {
  const { h, today } = await enrolledAndApproved();
  faults.bugAlways = true;
  calls.transitions = [];
  const logging = await h.startUpdate(logPersonalTimeUpdate, {
    args: [{ date: today, hours: 1, kind: 'off_duty', description: 'Tutoring', actor: employee }],
    waitForStage: WorkflowUpdateStage.ACCEPTED,
  });
  await env.sleep(10 * 60_000);
  await eventually(async () => calls.incidents.length > 0, 'the incident');
  expect(calls.transitions).toHaveLength(8);
  expect(calls.incidents[0]).toMatchObject({ open: { reason: expect.stringMatching(/failed 8 times/) } });

  faults.bugAlways = false;
  await h.executeUpdate(retryIncidentUpdate, { args: [{ actor: admin }] });
  await expect(logging.result()).resolves.toMatchObject({ hours: 1 });
  expect(calls.incidents.at(-1)).toEqual({ caseId: expect.any(String) });
  await h.terminate('done');
});

test('the program record waits out a database outage: a level change sent during it is written once it is back', async () => {
  const id = `prog-${randomUUID()}`;
  const program = {
    id,
    name: 'Program',
    organization: 'Org',
    contactEmail: 'program@example.org',
    county: 'Sacramento',
    startedOn: '2015-09-01',
    minimumMatchMonths: 12,
    level: 'none' as const,
    createdBy: admin.id,
    createdAt: new Date(Number(await env.currentTimeMs())).toISOString(),
  };
  const h = await env.client.workflow.start(programRecordWorkflow, {
    taskQueue,
    workflowId: programWorkflowId(id),
    args: [{ program, policy, createdBy: admin }],
  });
  await h.executeUpdate(caseRecordedUpdate);
  faults.failAlways = true;
  // A certification case's decision arrives by signal while the database is down for ten minutes.
  await h.signal(programLevelSignal, { level: 'affiliate', note: 'granted during an outage', actor: admin });
  await env.sleep(10 * 60_000);
  expect((await h.describe()).status.name).toBe('RUNNING');
  faults.failAlways = false;
  await env.sleep(6 * 60_000);
  await eventually(async () => ((await h.describe()).raw.pendingActivities ?? []).length === 0, 'the write done');
  const levels = calls.transitions.flatMap((t) => t.events ?? []).filter((e) => e.event === 'level_changed');
  expect(levels.at(-1)?.detail).toMatchObject({ to: { level: 'affiliate' } });
  // And the record still takes changes afterwards.
  await expect(
    h.executeUpdate(setProgramLevelUpdate, {
      args: [{ level: 'partner', certifiedUntil: '2030-06-30', note: 'renewed', actor: admin }],
    }),
  ).resolves.toMatchObject({ level: 'partner' });
  await h.terminate('done');
});

test('a decision that tells a program record that has ended still closes the case, its read model with it', async () => {
  const caseId = randomUUID();
  // No program record runs for this program (an operator terminated it): the signal finds no one.
  const h = await env.client.workflow.start(certificationWorkflow, {
    taskQueue,
    workflowId: `wf-cert-${caseId}`,
    args: [
      {
        caseId,
        levelSought: 'affiliate',
        policy,
        appliedBy: person('staff-wf', ['program_staff'], { programId: 'gone-prog' }),
        program: {
          id: 'gone-prog',
          name: 'Gone Program',
          contactEmail: 'gone@example.org',
          levelAtApplication: 'none',
        },
      },
    ],
  });
  await h.executeUpdate(caseRecordedUpdate);
  const review = (await h.query(openTasksQuery)).find((t) => t.type === 'application_review')!;
  await within(
    h.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: review.id, outcome: 'approve', actor: person('rev-wf', ['quality_reviewer']) }],
    }),
    20_000,
    'the approval',
  );
  await expect(within(h.result(), 20_000, 'the case to finish')).resolves.toMatchObject({ stage: 'affiliate' });
  const last = calls.transitions.at(-1)!;
  expect(last.case).toMatchObject({ stage: 'affiliate', status: 'closed' });
  expect(last.projections?.find((p) => p.kind === 'program_level')?.row).toMatchObject({
    id: 'gone-prog',
    level: 'affiliate',
  });
  expect(last.tasks?.find((t) => t.id === review.id)).toMatchObject({ status: 'completed' });
});

test('a mail server that refuses does not hold the case: its e-mails are left in the outbox for the relay', async () => {
  faults.mailDown = true;
  const { h, today } = await enrolledAndApproved();
  expect(await h.query(stageQuery)).toBe('active');
  await h.executeUpdate(logPersonalTimeUpdate, {
    args: [{ date: today, hours: 1, kind: 'off_duty', description: 'Tutoring', actor: employee }],
  });
  expect(eventsOf(calls.transitions)).toEqual(expect.arrayContaining(['enrollment_approved', 'personal_time_logged']));
  expect(calls.transitions.some((t) => (t.emails ?? []).length > 0)).toBe(true);
  // The case asks nothing of SMTP: the mail worker relays what the write put in the outbox
  // (test/integration/outbox-relay*.test.ts: sent, and sent once SMTP is back). No incident, no stuck case.
  await env.sleep(60_000);
  expect(calls.deliveries).toBe(0);
  expect(calls.incidents).toEqual([]);
  expect((await h.describe()).status.name).toBe('RUNNING');
  await h.terminate('done');
});

test('a reference who answers through the link ends the phone follow-up task', async () => {
  const caseId = `wf-mentor-${randomUUID()}`;
  const h = await env.client.workflow.start(mentorScreeningWorkflow, {
    taskQueue,
    workflowId: mentorScreeningWorkflowId(caseId),
    args: [
      {
        caseId,
        caseWorkerId: cw.id,
        policy,
        appliedBy: cw,
        applicant: {
          name: 'A Mentor',
          email: 'a@example.org',
          phone: '5550100',
          dateOfBirth: '1985-01-01',
          languages: [],
          interests: [],
          formerFosterYouth: false,
        },
        references: [
          { name: 'R1', email: 'r1@example.org', relationship: 'coworker' },
          { name: 'R2', email: 'r2@example.org', relationship: 'neighbor' },
        ],
      },
    ],
  });
  await h.executeUpdate(caseRecordedUpdate);
  await env.sleep(15 * DAY);
  const followups = (await h.query(openTasksQuery)).filter((t) => t.type === 'reference_followup');
  expect(followups).toHaveLength(2);
  const refId = followups[0].ref!;
  await h.executeUpdate(referenceAnswerUpdate, { args: [{ referenceId: refId, recommendation: 'yes' }] });
  const open = (await h.query(openTasksQuery)).filter((t) => t.type === 'reference_followup');
  expect(open.map((t) => t.ref)).toEqual([followups[1].ref]);
  const closed = calls.transitions
    .flatMap((t) => t.tasks ?? [])
    .find((t) => t.id === followups[0].id && t.status !== 'open');
  expect(closed).toMatchObject({ status: 'cancelled' });
  await h.terminate('done');
});
