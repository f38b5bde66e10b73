/**
 * Nothing stuck, nothing lost: a transition the read model refuses puts the case
 * into an incident while the workflow stays healthy, and an admin's retry moves it on; a
 * request never waits more than 10 s; e-mail is its own step, swept while SMTP is down and
 * delivered once when it is back; a permanent refusal is recorded, not retried.
 * Real Temporal dev server, PostgreSQL and SMTP; faults are injected at the activity's edge.
 */
import { ApplicationFailure } from '@temporalio/common';
import { startSmtpCatcher, type SmtpCatcher } from '../../scripts/provision/smtp-catcher';
import { as, eventually, startStack, type Stack } from '../support/stack';
import { activeEnrollment, admin, certifiedProgram, employee, enrollmentBody, hr, today } from './fixtures';

describe('incidents', () => {
  let stack: Stack;
  let broken = false;
  /** While set, the incident's activity waits (its row written) until the admin's retry is in. */
  let holdIncident: Promise<void> | undefined;
  beforeAll(async () => {
    stack = await startStack({
      hooks: {
        afterIncidentOpened: () => holdIncident,
        // A value the read model refuses for good, standing in for a constraint or a byte PostgreSQL will not store.
        beforeRecord: (input) => {
          if (broken && input.events?.some((e) => e.event === 'personal_time_logged')) {
            throw ApplicationFailure.nonRetryable('value too long for type character varying(10)', 'bad_data');
          }
        },
      },
    });
  });
  afterAll(async () => stack?.stop());

  test('a transition that cannot be written opens an incident; the request answers 202 within 10 s; an admin retry moves the case on', async () => {
    const programId = await certifiedProgram(stack);
    const emp = employee(501);
    const caseId = await activeEnrollment(stack, emp, programId);
    broken = true;
    const started = Date.now();
    const logged = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/personal-time`, {
      date: today,
      hours: 2,
      kind: 'off_duty',
      description: 'Tutoring',
    });
    const waited = Date.now() - started;
    expect(logged.status).toBe(202);
    expect(logged.headers.get('location')).toBe(`/api/v1/cases/${caseId}`);
    expect(waited).toBeLessThan(13_000);

    const listed = await eventually(async () => {
      const items = (await as(stack, admin).get('/incidents')).body.items as { caseId: string; reason: string }[];
      return items.find((i) => i.caseId === caseId);
    }, 'the incident');
    expect(listed.reason).toMatch(/too long/);
    expect((await as(stack, emp).get(`/cases/${caseId}`)).body.incident).toMatchObject({
      reason: expect.stringMatching(/too long/),
    });
    expect((await as(stack, hr).get('/incidents')).status).toBe(403);

    // The workflow stays healthy: it answers queries and refuses what it should.
    const row = await stack.db
      .selectFrom('cases')
      .select('workflow_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const described = await stack.client.workflow.getHandle(row.workflow_id).describe();
    expect(described.status.name).toBe('RUNNING');

    broken = false;
    const retried = await as(stack, admin).post(`/incidents/${caseId}/retry`);
    expect(retried.status).toBe(202);
    const c = await eventually(async () => {
      const body = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
      return body.personalTime.length === 1 && !body.incident ? body : undefined;
    }, 'the case moved on after the retry');
    expect(c.ledger.pendingPersonalHours).toBe(2);
    expect(
      (await as(stack, admin).get('/incidents')).body.items.map((i: { caseId: string }) => i.caseId),
    ).not.toContain(caseId);
    expect((await as(stack, admin).post(`/incidents/${caseId}/retry`)).status).toBe(404);
    // Nothing the employee entered was lost, and the case takes the next entry at once.
    const next = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/personal-time`, {
      date: today,
      hours: 1,
      kind: 'cto',
      description: 'Lunch',
    });
    expect(next.status).toBe(201);
  }, 120_000);

  test("an admin's retry that lands while the incident is still being recorded is not lost", async () => {
    const programId = await certifiedProgram(stack);
    const emp = employee(502);
    const caseId = await activeEnrollment(stack, emp, programId);
    let release!: () => void;
    holdIncident = new Promise((r) => {
      release = r;
    });
    broken = true;
    const logging = as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/personal-time`, {
      date: today,
      hours: 2,
      kind: 'off_duty',
      description: 'Tutoring',
    });
    // The incident's row is in (an admin can see it) while the workflow still waits on its activity.
    await eventually(
      async () =>
        (await as(stack, admin).get('/incidents')).body.items.some((i: { caseId: string }) => i.caseId === caseId),
      'the incident',
    );
    broken = false;
    expect((await as(stack, admin).post(`/incidents/${caseId}/retry`)).status).toBe(202);
    release();
    holdIncident = undefined;
    expect([201, 202]).toContain((await logging).status);
    // The one retry is enough: the case moves on without a second.
    const c = await eventually(async () => {
      const body = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
      return body.personalTime.length === 1 && !body.incident ? body : undefined;
    }, 'the case moved on after the one retry');
    expect(c.ledger.pendingPersonalHours).toBe(2);
  }, 120_000);
});

describe('e-mail is its own step', () => {
  let stack: Stack;
  const catchers: SmtpCatcher[] = [];
  let port: number;
  const refuse = (address: string) => address.startsWith('nobody@');
  /** Messages the SMTP server received since it came back (the first one was taken down). */
  const received = async (to: string) => {
    const all = [];
    for (const c of catchers.slice(1))
      all.push(
        ...((await (await fetch(`http://127.0.0.1:${c.webPort}/messages`)).json()) as {
          to: string[];
          subject: string;
        }[]),
      );
    return all.filter((m) => m.to.includes(to));
  };

  beforeAll(async () => {
    const first = await startSmtpCatcher({ smtpPort: 0, webPort: 0, refuse });
    catchers.push(first);
    port = first.smtpPort;
    stack = await startStack({ smtpUrl: `smtp://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await stack?.stop();
    for (const c of catchers) await c.close().catch(() => undefined);
  });

  test('with SMTP down, requests still answer fast; every mail arrives once after it is back', async () => {
    const programId = await certifiedProgram(stack);
    await catchers[0].close();
    const people = [employee(511), employee(512), employee(513)];
    const slowest: number[] = [];
    for (const emp of people) {
      const t = Date.now();
      const r = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
      expect(r.status).toBe(201);
      const approved = await as(stack, hr).post(`/tasks/${r.body.openTasks[0].id}/complete`, { outcome: 'approve' });
      expect(approved.status).toBe(200);
      slowest.push(Date.now() - t);
    }
    expect(Math.max(...slowest)).toBeLessThan(5000);
    // Down long enough for the delivery steps to give up and the sweep to find nothing it can send.
    await new Promise((r) => setTimeout(r, 12_000));
    const unsent = await stack.db.selectFrom('email_outbox').select('key').where('sent_at', 'is', null).execute();
    expect(unsent.length).toBeGreaterThanOrEqual(people.length);

    catchers.push(await startSmtpCatcher({ smtpPort: port, webPort: 0, refuse }));
    for (const emp of people) {
      const mails = await eventually(
        async () => {
          const m = await received(emp.email);
          return m.length >= 1 ? m : undefined;
        },
        `the approval e-mail to ${emp.email}`,
        30_000,
      );
      expect(mails.filter((m) => m.subject.includes('enrollment approved'))).toHaveLength(1);
    }
    await new Promise((r) => setTimeout(r, 3000));
    for (const emp of people)
      expect((await received(emp.email)).filter((m) => m.subject.includes('enrollment approved'))).toHaveLength(1);
  }, 120_000);

  test('a permanent SMTP refusal is recorded on the message and not retried', async () => {
    const programId = await certifiedProgram(stack);
    const emp = { ...employee(514), email: 'nobody@example.gov' };
    const r = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
    await as(stack, hr).post(`/tasks/${r.body.openTasks[0].id}/complete`, { outcome: 'approve' });
    const failed = await eventually(
      async () => {
        const rows = await stack.db.selectFrom('email_outbox').selectAll().where('case_id', '=', r.body.id).execute();
        const row = rows.find((m) => m.recipients.includes('nobody@example.gov'));
        return row?.failed_at ? row : undefined;
      },
      'the refusal on the message',
      30_000,
    );
    expect(failed.failure).toMatch(/^550/);
    expect(failed.sent_at).toBeNull();
  }, 60_000);
});
