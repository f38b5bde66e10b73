/**
 * Relationship surveys through HTTP, on the dev server and PostgreSQL: a match's first round
 * (two seconds after the first meeting here) sends the mentor their link in Spanish, their
 * language, and the youth's through the caregiver in English; the instrument is read and
 * answered once through the link (bad answers refused with nothing changed), the match is
 * told, the token is kept only as a hash; and the admins' instrument routes.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { hashToken } from '../../../../platform/activities/one-time-links';
import { as, eventually, mailbox, startStack, type Stack } from '../../../../test/support/stack';
import { admin } from '../../../../test/integration/fixtures';
import {
  activeMatch,
  approvedMentor,
  caseSup,
  cw1,
  cw2,
  readyYouth,
} from '../../../../test/integration/foster-fixtures';
import { SHIPPED_INSTRUMENT } from '../../surveys/relationship-quality';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ policy: { foster: { surveyRounds: ['PT2S'] } } });
});
afterAll(async () => stack?.stop());

async function surveyMail(email: string) {
  return eventually(
    async () => (await mailbox(email)).find((m) => /\/surveys\/[A-Za-z0-9_-]+/.test(m.text)),
    `a survey e-mail to ${email}`,
  );
}
const tokenOf = (text: string) => /\/surveys\/([A-Za-z0-9_-]+)/.exec(text)![1];
const every = (value: number) => SHIPPED_INSTRUMENT.items.map((i) => ({ itemId: i.id, value }));
const responses = async (matchId: string) =>
  stack.db.selectFrom('survey_responses').selectAll().where('match_case_id', '=', matchId).execute();

test('a round: the mentor answers in Spanish once, bad answers change nothing, the youth answers on the page', async () => {
  const n = Date.now().toString(36);
  const mentorEmail = `mentor-es-${n}@mail.example`;
  const carerEmail = `carer-${n}@mail.example`;
  const mentorId = await approvedMentor(stack, { email: mentorEmail, language: 'es' });
  const youthId = await readyYouth(stack, { caregiver: { name: 'Casey Caregiver', email: carerEmail } });
  const match = await activeMatch(stack, mentorId, youthId);
  const youthName = (await as(stack, cw1).get(`/foster/youth/${youthId}`)).body.youth.name as string;

  // The mentor's e-mail and instrument are Spanish; the caregiver's English; no youth name anywhere.
  const toMentor = await surveyMail(mentorEmail);
  const toCarer = await surveyMail(carerEmail);
  expect(toMentor.subject).toContain('¿Cómo va su relación de mentoría?');
  expect(toCarer.subject).toContain('A short survey about mentoring');
  for (const m of [toMentor, toCarer]) expect(`${m.subject}\n${m.text}`).not.toContain(youthName.split(' ')[1]);
  const mentorToken = tokenOf(toMentor.text);
  const got = await as(stack).get(`/surveys/${mentorToken}`);
  expect(got.status).toBe(200);
  expect(got.body.instrument).toMatchObject({ id: 'relationship-quality', version: 1, language: 'es' });
  expect(got.body.instrument.items[0]).toEqual({
    id: 'trust',
    text: 'Mi aprendiz y yo nos tenemos confianza.',
    scale: { min: 1, max: 5, minLabel: 'Muy en desacuerdo', maxLabel: 'Muy de acuerdo' },
  });

  // Bad answers: refused as problems, nothing recorded, the link still good.
  const bad = [
    [...every(4), { itemId: 'not-an-item', value: 3 }],
    every(4).map((a, i) => (i === 0 ? { ...a, value: 9 } : a)),
    every(4).slice(1),
  ];
  for (const answers of bad) {
    const r = await as(stack).post(`/surveys/${mentorToken}`, { answers });
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.code).toBe('invalid_answers');
  }
  expect((await as(stack).post(`/surveys/${mentorToken}`, { answers: 'all good' })).status).toBe(400);
  expect(await responses(match.id)).toEqual([]);
  expect((await as(stack).get(`/surveys/${mentorToken}`)).status).toBe(200);

  // Answered once: recorded with its score, the match told, then the link is not found.
  const answers = every(4).map((a) => (['awkward', 'giving_up'].includes(a.itemId) ? { ...a, value: 2 } : a));
  const ok = await as(stack).post(`/surveys/${mentorToken}`, { answers });
  expect(ok.status).toBe(200);
  expect(ok.body).toEqual({ status: 'answered' });
  expect((await as(stack).post(`/surveys/${mentorToken}`, { answers })).status).toBe(404);
  expect((await as(stack).get(`/surveys/${mentorToken}`)).status).toBe(404);
  expect((await as(stack).get('/surveys/not-a-real-token')).status).toBe(404);
  const [row] = await responses(match.id);
  expect(row).toMatchObject({ respondent: 'mentor', language: 'es', collected: 'link', instrument_version: 1 });
  expect(Number(row.score)).toBe(75);
  await eventually(
    async () =>
      (
        await stack.db
          .selectFrom('timeline')
          .select('detail')
          .where('case_id', '=', match.id)
          .where('event', '=', 'survey_answered')
          .execute()
      ).length === 1,
    'the match records the answer',
  );

  // The token is kept only as a hash.
  const stored = await sql<{ n: number }>`
    SELECT (SELECT count(*) FROM email_outbox WHERE body LIKE ${'%' + mentorToken + '%'})
         + (SELECT count(*) FROM timeline WHERE detail::text LIKE ${'%' + mentorToken + '%'})
         + (SELECT count(*) FROM reference_links WHERE token_hash = ${mentorToken}) AS n`.execute(stack.db);
  expect(Number(stored.rows[0].n)).toBe(0);
  const hashed = await stack.db
    .selectFrom('reference_links')
    .select('used_at')
    .where('token_hash', '=', hashToken(mentorToken))
    .executeTakeFirstOrThrow();
  expect(hashed.used_at).not.toBeNull();
  // A survey's link is no reference's answer link.
  const carerToken = tokenOf(toCarer.text);
  expect((await as(stack).post(`/foster/references/${carerToken}`, { recommendation: 'yes' })).status).toBe(404);

  // The youth answers on the page behind the caregiver's link, in English, in the youth's words.
  const page = await as(stack).raw('GET', `/surveys/${carerToken}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain('<html lang="en"');
  expect(page.text).toContain('My mentor and I trust each other.');
  const form = await as(stack).raw(
    'POST',
    `/surveys/${carerToken}`,
    SHIPPED_INSTRUMENT.items.map((i) => `${i.id}=5`).join('&'),
    { 'content-type': 'application/x-www-form-urlencoded' },
  );
  expect(form.status).toBe(200);
  expect(form.text).toContain('Your answers were recorded');
  const youthRow = (await responses(match.id)).find((r) => r.respondent === 'youth')!;
  // Agreeing with the two reversed statements takes their points away: 6 of 8 items at the top.
  expect(Number(youthRow.score)).toBe(75);
});

test('an answer after the match closed is kept; the closed match is told nothing', async () => {
  const n = Date.now().toString(36);
  const mentorEmail = `mentor-late-${n}@mail.example`;
  const mentorId = await approvedMentor(stack, { email: mentorEmail });
  const youthId = await readyYouth(stack, {
    caregiver: { name: 'Casey Caregiver', email: `carer-late-${n}@mail.example` },
  });
  const match = await activeMatch(stack, mentorId, youthId);
  const token = tokenOf((await surveyMail(mentorEmail)).text);
  const closing = await as(stack, cw1).post(`/foster/matches/${match.id}/close`, { reason: 'other', notes: 'Moved' });
  const open = (type: string) => closing.body.openTasks.find((t: { type: string }) => t.type === type);
  const decided = { outcome: 'done', data: { decision: 'not_now' } };
  await as(stack, cw1).post(`/tasks/${open('rematch_decision').id}/complete`, decided);
  const met = { outcome: 'done', data: { held: false, with: [] } };
  const closed = await as(stack, cw1).post(`/tasks/${open('closure_meeting').id}/complete`, met);
  expect(closed.body.case).toMatchObject({ status: 'closed' });

  const ok = await as(stack).post(`/surveys/${token}`, { answers: every(3) });
  expect(ok.status).toBe(200);
  const [row] = await responses(match.id);
  expect(row).toMatchObject({ respondent: 'mentor', collected: 'link' });
  expect(Number(row.score)).toBe(50);
  expect((await as(stack).post(`/surveys/${token}`, { answers: every(3) })).status).toBe(404);
});

test('instrument versions: read and published by admins only, a bad version refused whole', async () => {
  const list = await as(stack, admin).get('/survey-instruments');
  expect(list.status).toBe(200);
  // Other files of the suite share the database and may publish instruments of their own.
  const shipped = (l: { body: { items: { id: string }[] } }) =>
    l.body.items.filter((i) => i.id === 'relationship-quality');
  expect(shipped(list)[0]).toMatchObject({ id: 'relationship-quality', version: 1, createdBy: 'mentorflow' });
  expect((await as(stack, cw1).get('/survey-instruments')).status).toBe(403);

  // Versions of an instrument of the test's own: the shipped one stays as other files send it.
  const { scale, items, bands } = SHIPPED_INSTRUMENT;
  const id = `pilot-${randomUUID().slice(0, 8)}`;
  const first = { id, reason: 'A pilot', scale, items, bands };
  expect((await as(stack, admin).post('/survey-instruments', first)).body).toMatchObject({ id, version: 1 });
  const next = { id, reason: 'Shorter: six items', scale, items: items.slice(0, 6), bands };
  expect((await as(stack, cw1).post('/survey-instruments', next)).status).toBe(403);
  const refused = await as(stack, admin).post('/survey-instruments', {
    ...next,
    items: [...next.items, next.items[0]],
    bands: [{ band: 'all', from: 10 }],
  });
  expect(refused.status).toBe(400);
  expect(refused.headers.get('content-type')).toContain('application/problem+json');
  expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(
    expect.arrayContaining(['body.items', 'body.bands']),
  );
  expect(shipped(await as(stack, admin).get('/survey-instruments'))).toHaveLength(1);
  const pilot = (await as(stack, admin).get('/survey-instruments')).body.items.filter(
    (i: { id: string }) => i.id === id,
  );
  expect(pilot).toHaveLength(1);

  const published = await as(stack, admin).post('/survey-instruments', next);
  expect(published.status).toBe(201);
  expect(published.body).toMatchObject({ id, version: 2, createdBy: admin.sub, reason: 'Shorter: six items' });
  expect(published.body.items).toHaveLength(6);
});

test("the match's read shows its rounds: the mentor's answer and score, the youth's still waiting", async () => {
  const n = Date.now().toString(36);
  const mentorEmail = `mentor-read-${n}@mail.example`;
  const mentorId = await approvedMentor(stack, { email: mentorEmail });
  const youthId = await readyYouth(stack, {
    caregiver: { name: 'Casey Caregiver', email: `carer-read-${n}@mail.example` },
  });
  const match = await activeMatch(stack, mentorId, youthId);
  const token = tokenOf((await surveyMail(mentorEmail)).text);
  expect((await as(stack).post(`/surveys/${token}`, { answers: every(5) })).status).toBe(200);

  const rounds = await eventually(async () => {
    const r = await as(stack, cw1).get(`/foster/matches/${match.id}/surveys`);
    return r.body.rounds?.[0]?.surveys[0]?.status === 'answered' ? r.body.rounds : undefined;
  }, "the mentor's answer on the match");
  expect(rounds).toHaveLength(1);
  expect(rounds[0]).toMatchObject({ round: 'r1' });
  const [mentor, youth] = rounds[0].surveys;
  // All 5s: the six plain items at the top, the two reversed ones at the bottom.
  expect(mentor).toMatchObject({ respondent: 'mentor', status: 'answered', collected: 'link', score: 75 });
  expect(Date.parse(mentor.answeredAt)).toBeGreaterThanOrEqual(Date.parse(mentor.sentAt));
  expect(youth).toMatchObject({ respondent: 'youth', status: 'sent', answeredAt: null, score: null });
  // Those who read the match read its surveys; another case worker finds no such match.
  expect((await as(stack, caseSup).get(`/foster/matches/${match.id}/surveys`)).body).toEqual({ rounds });
  expect((await as(stack, cw2).get(`/foster/matches/${match.id}/surveys`)).status).toBe(404);
});
