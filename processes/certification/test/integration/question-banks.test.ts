/**
 * The question bank as versioned data, on the dev server and PostgreSQL: a self-assessment
 * keeps the version it started with while a newer one is published, and one started after
 * asks the new questions; a bad bank is refused whole (400, each problem at its path, nothing
 * saved); only administrators publish; each publication is in the audit log.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { as, startStack, type Person, type Stack } from '../../../../test/support/stack';
import { registerProgram, reviewer, staffOf } from '../../../../test/integration/fixtures';
import { STANDARDS } from '../../questions';
import { questionsOfCase } from './case-questions';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

// This file's own people: its audit rows are found by their ids.
const bankAdmin: Person = { sub: 'qb-admin-1', roles: ['admin'], name: 'Quinn Bank' };
const otherAdmin: Person = { sub: 'qb-admin-2', roles: ['admin'], name: 'Quincy Bank' };

/** A bank of three questions a standard (as many as other suites sharing the database expect), ids unique to it. */
function bankOf(tag: string) {
  return STANDARDS.flatMap((standard) =>
    [1, 2, 3].map((n) => ({
      id: `${tag}-${standard.slice(0, 3)}-${n}`,
      standard,
      text: `Question ${n} on ${standard} (${tag})?`,
      answerType: 'yes_partially_no',
    })),
  );
}

/** The versions holding a question with this id (other suites may publish meanwhile: counts would not do). */
const versionsWith = async (questionId: string) =>
  (
    await stack.db
      .selectFrom('question_banks')
      .select('version')
      .where(sql<boolean>`questions @> ${JSON.stringify([{ id: questionId }])}::jsonb`)
      .execute()
  ).map((r) => r.version);

async function startedCase(): Promise<{ caseId: string; staff: Person; version: number }> {
  const { id: programId } = await registerProgram(stack);
  const staff = staffOf(programId);
  const created = await as(stack, staff).post(`/programs/${programId}/certifications`, { level: 'partner' });
  expect(created.status).toBe(201);
  const review = created.body.openTasks.find((t: { type: string }) => t.type === 'application_review');
  const approved = await as(stack, reviewer).post(`/tasks/${review.id}/complete`, { outcome: 'approve' });
  expect(approved.body.case.stage).toBe('self_assessment');
  return { caseId: created.body.id, staff, version: approved.body.case.questionBankVersion };
}

const yesTo = (ids: string[]) => ids.map((questionId) => ({ questionId, response: 'yes' }));

test('the product ships its full bank: version 2, at least 50 questions, every standard', async () => {
  const r = await as(stack).get('/certifications/questions?version=2');
  expect(r.status).toBe(200);
  expect(r.body.version).toBe(2);
  expect(r.body.items.length).toBeGreaterThanOrEqual(50);
  for (const s of STANDARDS) expect(r.body.items.some((q: { standard: string }) => q.standard === s)).toBe(true);
  const v1 = await as(stack).get('/certifications/questions?version=1');
  expect(v1.body.items).toHaveLength(18);
  expect((await as(stack).get('/certifications/questions?version=999999')).status).toBe(404);
});

test('a self-assessment begun before a new version keeps its questions; one begun after asks the new ones', async () => {
  const before = await startedCase();
  const oldIds = (await questionsOfCase(stack, before.staff, before.caseId)).map((q) => q.id);
  expect(oldIds.length).toBeGreaterThanOrEqual(18);

  const tag = `qb${randomUUID().slice(0, 8)}`;
  const published = await as(stack, bankAdmin).post('/certifications/question-banks', {
    questions: bankOf(tag),
    reason: 'Plainer wording for the closure standard',
  });
  expect(published.status).toBe(201);
  expect(published.body.version).toBeGreaterThan(before.version);
  expect(published.body).toMatchObject({
    createdBy: bankAdmin.sub,
    reason: 'Plainer wording for the closure standard',
  });
  const newest = await as(stack).get('/certifications/questions');
  expect(newest.body.version).toBeGreaterThanOrEqual(published.body.version);
  const audit = await stack.db
    .selectFrom('audit_events')
    .selectAll()
    .where('kind', '=', 'question_bank_published')
    .where('actor_id', '=', bankAdmin.sub)
    .execute();
  expect(audit.map((a) => a.target)).toContain(`question_bank:${published.body.version}`);
  expect(await versionsWith(`${tag}-rec-1`)).toEqual([published.body.version]);

  const after = await startedCase();
  expect(after.version).toBe(published.body.version);
  const newIds = (await questionsOfCase(stack, after.staff, after.caseId)).map((q) => q.id);
  expect(newIds).toEqual(bankOf(tag).map((q) => q.id));

  // The case begun before: its own questions, not the new ones; it submits on them alone.
  const wrongForOld = await as(stack, before.staff).put(`/certifications/${before.caseId}/self-assessment`, {
    answers: yesTo(newIds.slice(0, 1)),
  });
  expect(wrongForOld.status).toBe(422);
  expect(wrongForOld.body.code).toBe('unknown_question');
  const savedOld = await as(stack, before.staff).put(`/certifications/${before.caseId}/self-assessment`, {
    answers: yesTo(oldIds),
  });
  expect(savedOld.status).toBe(200);
  expect(savedOld.body.questions).toBe(oldIds.length);
  const submittedOld = await as(stack, before.staff).post(`/certifications/${before.caseId}/self-assessment/submit`);
  expect(submittedOld.status).toBe(200);
  expect(submittedOld.body).toMatchObject({ stage: 'review', questionBankVersion: before.version });

  // The case begun after: the new questions only.
  const wrongForNew = await as(stack, after.staff).put(`/certifications/${after.caseId}/self-assessment`, {
    answers: yesTo(oldIds.slice(0, 1)),
  });
  expect(wrongForNew.status).toBe(422);
  expect(wrongForNew.body.code).toBe('unknown_question');
  await as(stack, after.staff).put(`/certifications/${after.caseId}/self-assessment`, {
    answers: yesTo(newIds.slice(0, 5)),
  });
  const early = await as(stack, after.staff).post(`/certifications/${after.caseId}/self-assessment/submit`);
  expect(early.status).toBe(422);
  expect(early.body.code).toBe('assessment_incomplete');
  await as(stack, after.staff).put(`/certifications/${after.caseId}/self-assessment`, { answers: yesTo(newIds) });
  const submittedNew = await as(stack, after.staff).post(`/certifications/${after.caseId}/self-assessment/submit`);
  expect(submittedNew.status).toBe(200);
  expect(submittedNew.body.questionBankVersion).toBe(published.body.version);
});

test('a bad bank is refused whole: 400 problem+json with each problem at its path, nothing saved', async () => {
  const questions = bankOf(`bad${randomUUID().slice(0, 6)}`).filter((q) => q.standard !== 'closure');
  questions[1] = { ...questions[1], id: questions[0].id };
  questions[2] = { ...questions[2], answerType: 'scale_1_to_5' };
  const r = await as(stack, otherAdmin).post('/certifications/question-banks', { questions, reason: 'Broken' });
  expect(r.status).toBe(400);
  expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
  const paths = r.body.errors.map((e: { path: string }) => e.path);
  expect(paths).toEqual(expect.arrayContaining(['body.questions.1.id', 'body.questions.2.answerType']));
  expect(r.body.errors.some((e: { message: string }) => /closure/.test(e.message))).toBe(true);
  expect(await versionsWith(questions[0].id)).toEqual([]);
  const audit = await stack.db.selectFrom('audit_events').select('id').where('actor_id', '=', otherAdmin.sub).execute();
  expect(audit).toHaveLength(0);
});

test('only administrators publish or list versions', async () => {
  const body = { questions: bankOf(`na${randomUUID().slice(0, 6)}`), reason: 'Not mine to change' };
  for (const who of [reviewer, staffOf('qb-program')]) {
    expect((await as(stack, who).post('/certifications/question-banks', body)).status).toBe(403);
    expect((await as(stack, who).get('/certifications/question-banks')).status).toBe(403);
  }
  expect((await as(stack).post('/certifications/question-banks', body)).status).toBe(401);
  expect(await versionsWith(body.questions[0].id)).toEqual([]);
  const list = await as(stack, bankAdmin).get('/certifications/question-banks');
  expect(list.status).toBe(200);
  expect(list.body.items.map((v: { version: number }) => v.version)).toEqual(expect.arrayContaining([1, 2]));
  expect(list.body.items.find((v: { version: number }) => v.version === 2)).toMatchObject({ createdBy: 'mentorflow' });
});

test('the shipped banks are worded in Spanish too; a bank written only in English reads in English', async () => {
  for (const version of [1, 2]) {
    const r = await as(stack).get(`/certifications/questions?version=${version}`);
    const lacking = r.body.items.filter((q: { translations?: { es?: string } }) => !q.translations?.es);
    expect({ version, lacking }).toEqual({ version, lacking: [] });
  }
  // A database that installed version 2 before it had its Spanish wording: the row as it was then.
  await sql`UPDATE question_banks SET questions = (SELECT jsonb_agg(q - 'translations') FROM jsonb_array_elements(questions) q)
            WHERE version = 2 AND created_by = 'mentorflow'`.execute(stack.db);
  const installedBefore = await as(stack).get('/certifications/questions?version=2');
  expect(installedBefore.body.items[0].translations.es).toMatch(/^¿Tiene el programa un plan de reclutamiento/);

  const questions = bankOf(`es${randomUUID().slice(0, 6)}`);
  questions[0] = { ...questions[0], translations: { es: '¿Pregunta en español?' } } as (typeof questions)[number];
  const published = await as(stack, bankAdmin).post('/certifications/question-banks', {
    questions,
    reason: 'One question worded in Spanish',
  });
  expect(published.status).toBe(201);
  const read = await as(stack).get(`/certifications/questions?version=${published.body.version}`);
  expect(read.body.items[0].translations).toEqual({ es: '¿Pregunta en español?' });
  expect(read.body.items[1].translations).toBeUndefined();
  expect(read.body.items[1].text).toBe(questions[1].text);
});
