/** The foster-youth mentor match pipeline through HTTP, on the dev server and PostgreSQL. */
import { sql } from 'kysely';
import { laDate } from '../../../../platform/workflow/calendar';
import { as, eventually, mailbox, startStack, type Stack } from '../../../../test/support/stack';
import {
  activeMatch,
  approvedMentor,
  caseSup,
  cw1,
  cw2,
  mentorApplication,
  readyYouth,
  referenceToken,
  sw1,
  youthReferral,
  closeStructured,
} from '../../../../test/integration/foster-fixtures';

let stack: Stack;
beforeAll(async () => {
  // Reference links expire after 8 seconds here, so that expiry can be tested.
  stack = await startStack({ policy: { foster: { referenceLinkValidity: 'PT8S' } } });
});
afterAll(async () => stack?.stop());

type Task = { id: string; type: string; status: string };

describe('mentor screening', () => {
  test('400 with fewer than two references, 422 under 18 or a relative as reference', async () => {
    const one = mentorApplication();
    const r = await as(stack, cw1).post('/foster/mentors', { ...one, references: one.references.slice(0, 1) });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toContain('body.references');
    const young = mentorApplication();
    young.applicant.dateOfBirth = laDate(Date.now() - 17 * 365.25 * 86_400_000);
    expect((await as(stack, cw1).post('/foster/mentors', young)).body.code).toBe('applicant_under_age');
    const rel = mentorApplication();
    rel.references[1].relationship = 'sister';
    expect((await as(stack, cw1).post('/foster/mentors', rel)).body.code).toBe('reference_is_relative');
    expect((await as(stack, sw1).post('/foster/mentors', mentorApplication())).status).toBe(403);
  });

  test('checks, references, interview and training in parallel, then the supervisor decides', async () => {
    const app = mentorApplication();
    const created = await as(stack, cw1).post('/foster/mentors', app);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'mentor_screening', stage: 'screening' });
    const id = created.body.id;
    const checks = created.body.openTasks.filter((t: Task) => t.type === 'background_check');
    expect(checks).toHaveLength(4);
    expect(Date.parse(created.body.screeningDueAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    // A flag needs the supervisor's reasoning before approval.
    await as(stack, cw1).post(`/tasks/${checks[0].id}/complete`, {
      outcome: 'flagged',
      comment: 'Old misdemeanour, 2009',
    });
    for (const t of checks.slice(1))
      expect((await as(stack, cw1).post(`/tasks/${t.id}/complete`, { outcome: 'clear' })).status).toBe(200);
    const interview = created.body.openTasks.find((t: Task) => t.type === 'interview');
    await as(stack, cw1).post(`/tasks/${interview.id}/complete`, { outcome: 'pass', comment: 'Warm, reliable' });
    await as(stack, cw1).post(`/foster/mentors/${id}/training`, {
      date: laDate(Date.now()),
      hours: 4,
      module: 'Orientation',
    });
    let c = (await as(stack, cw1).get(`/foster/mentors/${id}`)).body;
    expect(c).toMatchObject({ stage: 'screening', trainingHours: 4 });

    // References answer through their one-time links, without an account.
    for (const ref of app.references) {
      const answered = await as(stack).post(`/foster/references/${await referenceToken(ref.email)}`, {
        recommendation: 'yes',
        comments: 'Dependable',
      });
      expect(answered.status).toBe(200);
    }
    c = (await as(stack, cw1).get(`/foster/mentors/${id}`)).body;
    expect(c.references.map((r: { status: string; recommendation: string }) => [r.status, r.recommendation])).toEqual([
      ['answered', 'yes'],
      ['answered', 'yes'],
    ]);
    expect(JSON.stringify(c.references)).not.toMatch(/token/i);
    expect(c.stage).toBe('screening'); // 4 of 6 training hours

    await as(stack, cw1).post(`/foster/mentors/${id}/training`, {
      date: laDate(Date.now()),
      hours: 2,
      module: 'Safety and reporting',
    });
    c = (await as(stack, caseSup).get(`/foster/mentors/${id}`)).body;
    expect(c.stage).toBe('decision');
    const decision = c.openTasks.find((t: Task) => t.type === 'screening_decision');
    expect((await as(stack, cw1).post(`/tasks/${decision.id}/complete`, { outcome: 'approve' })).status).toBe(403);
    const noReason = await as(stack, caseSup).post(`/tasks/${decision.id}/complete`, { outcome: 'approve' });
    expect(noReason.body.code).toBe('flag_decision_required');
    const approved = await as(stack, caseSup).post(`/tasks/${decision.id}/complete`, {
      outcome: 'approve',
      comment: 'Flag is old and unrelated to children',
    });
    expect(approved.body.case.stage).toBe('approved');
    await eventually(
      async () => (await mailbox(app.applicant.email)).some((m) => m.subject.includes('approved as a mentor')),
      'the e-mail',
    );
  });

  test('reference links: single use, expiring, 404 for unknown; the token is kept only as a hash', async () => {
    const app = mentorApplication();
    const created = await as(stack, cw1).post('/foster/mentors', app);
    const token = await referenceToken(app.references[0].email);
    const page = await as(stack).raw('GET', `/references/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post">');
    // The form on the page posts like a browser would.
    const form = await as(stack).raw(
      'POST',
      `/references/${token}`,
      'recommendation=with_reservations&comments=Sometimes+late',
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(form.status).toBe(200);
    expect((await as(stack).post(`/foster/references/${token}`, { recommendation: 'yes' })).status).toBe(404);
    expect((await as(stack).post('/foster/references/not-a-real-token', { recommendation: 'yes' })).status).toBe(404);
    const c = (await as(stack, cw1).get(`/foster/mentors/${created.body.id}`)).body;
    expect(c.references[0]).toMatchObject({
      status: 'answered',
      recommendation: 'with_reservations',
      answeredVia: 'link',
    });

    const stored = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM email_outbox WHERE body LIKE ${'%' + token + '%'})
           + (SELECT count(*) FROM timeline WHERE detail::text LIKE ${'%' + token + '%'})
           + (SELECT count(*) FROM cases WHERE details::text LIKE ${'%' + token + '%'})
           + (SELECT count(*) FROM reference_links WHERE token_hash = ${token}) AS n`.execute(stack.db);
    expect(Number(stored.rows[0].n)).toBe(0);

    const second = await referenceToken(app.references[1].email);
    await new Promise((r) => setTimeout(r, 9000));
    expect((await as(stack).post(`/foster/references/${second}`, { recommendation: 'yes' })).status).toBe(404);
  });
});

test('an applicant may withdraw; the open screening tasks are cancelled', async () => {
  const created = await as(stack, cw1).post('/foster/mentors', mentorApplication());
  const w = await as(stack, cw1).post(`/foster/mentors/${created.body.id}/withdraw`, { reason: 'Moving out of state' });
  expect(w.status).toBe(200);
  const c = (await as(stack, cw1).get(`/foster/mentors/${created.body.id}`)).body;
  expect(c).toMatchObject({ stage: 'withdrawn', status: 'closed', openTasks: [] });
  expect((await as(stack, cw1).post(`/foster/mentors/${created.body.id}/withdraw`, { reason: 'again' })).status).toBe(
    409,
  );
});

describe('youth referral, match, closure and rematch', () => {
  test('422 youth_age_out_of_range below 8 and above 21', async () => {
    for (const years of [7, 22]) {
      const body = youthReferral();
      body.youth.dateOfBirth = laDate(Date.now() - (years + 0.5) * 365.25 * 86_400_000);
      const r = await as(stack, sw1).post('/foster/youth', body);
      expect(r.status).toBe(422);
      expect(r.body.code).toBe('youth_age_out_of_range');
    }
  });

  test('the full story: approved mentor and ready youth, consents, first meeting, active, closure, rematch', async () => {
    const mentorId = await approvedMentor(stack);
    const youthId = await readyYouth(stack);
    const y = (await as(stack, cw1).get(`/foster/youth/${youthId}`)).body;
    expect(y).toMatchObject({
      stage: 'ready',
      consents: { social_worker: { status: 'accepted' }, caregiver: { status: 'accepted', how: 'signed form' } },
    });

    const match = await activeMatch(stack, mentorId, youthId);
    expect(match).toMatchObject({ stage: 'active', mentorCaseId: mentorId, youthCaseId: youthId });
    const first = Date.parse(match.firstMeetingAt);
    expect(Date.parse(match.nextContactDue) - first).toBe(2 * 86_400_000);
    expect((await as(stack, cw1).get(`/foster/mentors/${mentorId}`)).body.activeMatchId).toBe(match.id);

    // Either party is taken while the match lives.
    const other = await readyYouth(stack);
    const taken = await as(stack, cw1).post('/foster/matches', {
      mentorCaseId: mentorId,
      youthCaseId: other,
      rationale: 'x',
    });
    expect(taken.status).toBe(422);
    expect(taken.body.code).toBe('mentor_not_available');
    const otherMentor = await approvedMentor(stack);
    const youthTaken = await as(stack, cw1).post('/foster/matches', {
      mentorCaseId: otherMentor,
      youthCaseId: youthId,
      rationale: 'x',
    });
    expect(youthTaken.body.code).toBe('youth_not_available');
    // The refused proposal did not keep the other mentor: the release is handled in turn after the
    // mentor record's Updates, so a proposal made in the same instant may still find them held.
    await eventually(
      async () =>
        (
          await as(stack, cw1).post('/foster/matches', {
            mentorCaseId: otherMentor,
            youthCaseId: other,
            rationale: 'ok',
          })
        ).status === 201,
      'the other mentor free again',
    );

    // A structured closure: the closure meeting and the youth's rematch decision, then closed.
    const closed = await closeStructured(stack, match.id, 'other');
    expect(closed.body.case).toMatchObject({ stage: 'closed', status: 'closed' });
    await eventually(
      async () => !(await as(stack, cw1).get(`/foster/mentors/${mentorId}`)).body.activeMatchId,
      'the mentor back in the pool',
    );

    // Closed by mistake: a case worker may not reopen it, a case supervisor may; both are held again.
    expect((await as(stack, cw1).post(`/foster/matches/${match.id}/reopen`, {})).status).toBe(403);
    const reopened = await as(stack, caseSup).post(`/foster/matches/${match.id}/reopen`, { notes: 'Wrong match' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ stage: 'active', status: 'open' });
    expect(reopened.body.openTasks.map((t: Task) => t.type)).toContain('match_contact');
    await eventually(
      async () => (await as(stack, cw1).get(`/foster/mentors/${mentorId}`)).body.activeMatchId === match.id,
      'the mentor held by the reopened match',
    );
    expect((await as(stack, caseSup).post(`/foster/matches/${match.id}/reopen`, {})).status).toBe(409);

    expect((await closeStructured(stack, match.id, 'youth_moved')).body.case).toMatchObject({
      stage: 'closed',
      status: 'closed',
    });
    await eventually(
      async () => !(await as(stack, cw1).get(`/foster/mentors/${mentorId}`)).body.activeMatchId,
      'the mentor back in the pool',
    );
    await eventually(
      async () => !(await as(stack, cw1).get(`/foster/youth/${youthId}`)).body.activeMatchId,
      'the youth back in the pool',
    );

    // The closed match stays readable, and both can be matched again.
    const history = (await as(stack, cw1).get(`/foster/matches/${match.id}`)).body;
    expect(history.closure).toMatchObject({
      reason: 'youth_moved',
      kind: 'unplanned',
      initiatedBy: 'caregiver',
      meeting: { held: true, with: ['mentor', 'youth', 'caregiver'] },
      rematch: { decision: 'rematch' },
    });
    const again = await as(stack, cw1).post('/foster/matches', {
      mentorCaseId: mentorId,
      youthCaseId: youthId,
      rationale: 'Rematch after the move settled',
    });
    expect(again.status).toBe(201);
    expect(
      (await as(stack, cw1).post(`/foster/matches/${again.body.id}/close`, { reason: 'other', notes: 'x' })).status,
    ).toBe(409);
  });

  test('any decline cancels the proposal and frees both', async () => {
    const mentorId = await approvedMentor(stack);
    const youthId = await readyYouth(stack);
    const proposed = await as(stack, cw1).post('/foster/matches', {
      mentorCaseId: mentorId,
      youthCaseId: youthId,
      rationale: 'Both love music',
    });
    const swConsent = proposed.body.openTasks.find(
      (t: Task) =>
        t.type === 'consent' &&
        t.status === 'open' &&
        (t as unknown as { candidateRoles: string[] }).candidateRoles.includes('social_worker'),
    );
    const declined = await as(stack, sw1).post(`/tasks/${swConsent.id}/complete`, {
      outcome: 'decline',
      comment: 'Youth needs time to settle',
    });
    expect(declined.body.case).toMatchObject({ stage: 'cancelled', openTasks: [] });
    await eventually(
      async () =>
        (
          await as(stack, cw1).post('/foster/matches', {
            mentorCaseId: mentorId,
            youthCaseId: youthId,
            rationale: 'Try again',
          })
        ).status === 201,
      'a new proposal',
    );
  });

  test('two case workers proposing the same mentor at once: exactly one succeeds', async () => {
    const mentorId = await approvedMentor(stack);
    const [y1, y2] = [await readyYouth(stack), await readyYouth(stack, { caseWorkerId: cw2.sub })];
    const [a, b] = await Promise.all([
      as(stack, cw1).post('/foster/matches', { mentorCaseId: mentorId, youthCaseId: y1, rationale: 'A' }),
      as(stack, cw2).post('/foster/matches', { mentorCaseId: mentorId, youthCaseId: y2, rationale: 'B' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 422]);
    expect([a, b].find((r) => r.status === 422)!.body.code).toBe('mentor_not_available');
    const matches = (await stack.db.selectFrom('cases').select('details').where('type', '=', 'match').execute()).filter(
      (m) => (m.details as { mentorCaseId?: string }).mentorCaseId === mentorId,
    );
    expect(matches).toHaveLength(1);
  });
});
