/** People and steps the foster suites share. */
import { laDate } from '../../platform/workflow/calendar';
import { as, eventually, mailbox, type Person, type Stack } from '../support/stack';

export const cw1: Person = { sub: 'cw-1', roles: ['case_worker'], name: 'Casey Worker' };
export const cw2: Person = { sub: 'cw-2', roles: ['case_worker'], name: 'Cory Worker' };
export const caseSup: Person = { sub: 'csup-1', roles: ['case_supervisor'], name: 'Chris Supervisor' };
export const sw1: Person = { sub: 'sw-1', roles: ['social_worker'], name: 'Sol Social', email: 'sol@county.example' };
export const sw2: Person = { sub: 'sw-2', roles: ['social_worker'], name: 'Sage Social', email: 'sage@county.example' };

type Task = { id: string; type: string; status: string; candidateRoles: string[] };
const yearsAgo = (n: number, extraDays = 0) => laDate(Date.now() - (n * 365.25 + extraDays) * 86_400_000);
// Unique across test files: the SMTP catcher is shared by the whole run.
const run = Math.random().toString(36).slice(2, 7);
let seq = 0;

export function mentorApplication(overrides: Record<string, unknown> = {}) {
  const n = `${run}${++seq}`;
  return {
    applicant: {
      name: `Morgan Mentor${n}`,
      email: `morgan${n}@mail.example`,
      phone: '+1 213 555 0100',
      dateOfBirth: yearsAgo(30),
      languages: ['English', 'Spanish'],
      interests: ['soccer'],
      formerFosterYouth: true,
    },
    references: [
      { name: `Rae Reference${n}`, email: `rae${n}@mail.example`, relationship: 'coworker' },
      { name: `Ray Reference${n}`, email: `ray${n}@mail.example`, relationship: 'former coach' },
    ],
    ...overrides,
  };
}

export function youthReferral(overrides: Record<string, unknown> = {}) {
  const n = `${run}${++seq}`;
  return {
    youth: {
      name: `Jordan Youthname${n}`,
      dateOfBirth: yearsAgo(14),
      county: 'Los Angeles',
      languages: ['English'],
      interests: ['art'],
      needs: `Needs${n}: support with school attendance`,
    },
    socialWorker: { id: sw1.sub, name: sw1.name, email: sw1.email },
    caregiver: { name: 'Casey Caregiver', email: 'caregiver@mail.example' },
    caseWorkerId: cw1.sub,
    ...overrides,
  };
}

/** The one-time link's token from the newest e-mail to an address. */
export async function referenceToken(email: string): Promise<string> {
  const m = await eventually(
    async () => (await mailbox(email)).reverse().find((x) => /\/references\/[A-Za-z0-9_-]+/.test(x.text)),
    `a reference e-mail to ${email}`,
  );
  return /\/references\/([A-Za-z0-9_-]+)/.exec(m.text)![1];
}

async function completeAll(
  stack: Stack,
  who: Person,
  caseBody: { openTasks: Task[] },
  type: string,
  outcome: string,
  extra: Record<string, unknown> = {},
) {
  // The tasks of this type the person is a candidate for (by role).
  for (const t of caseBody.openTasks.filter(
    (x) => x.type === type && x.candidateRoles.some((r) => who.roles.includes(r)),
  )) {
    const r = await as(stack, who).post(`/tasks/${t.id}/complete`, { outcome, ...extra });
    if (r.status !== 200) throw new Error(`${type}: ${r.status} ${r.text}`);
  }
}

/** A mentor through screening to the pool (`applicant` overrides the application's); returns the case id. */
export async function approvedMentor(stack: Stack, applicant: Record<string, unknown> = {}): Promise<string> {
  const app = mentorApplication();
  app.applicant = { ...app.applicant, ...applicant };
  const created = await as(stack, cw1).post('/foster/mentors', app);
  if (created.status !== 201) throw new Error(`mentor: ${created.status} ${created.text}`);
  const id = created.body.id;
  await completeAll(stack, cw1, created.body, 'background_check', 'clear');
  await completeAll(stack, cw1, created.body, 'interview', 'pass');
  for (const r of app.references)
    await as(stack).post(`/foster/references/${await referenceToken(r.email)}`, { recommendation: 'yes' });
  await as(stack, cw1).post(`/foster/mentors/${id}/training`, {
    date: laDate(Date.now()),
    hours: 6,
    module: 'Trauma-informed mentoring',
  });
  const c = (await as(stack, caseSup).get(`/foster/mentors/${id}`)).body;
  if (c.stage !== 'decision')
    throw new Error(
      `mentor screening not complete: ${JSON.stringify({ stage: c.stage, checks: c.checks, references: c.references, interview: c.interview, trainingHours: c.trainingHours })}`,
    );
  await completeAll(stack, caseSup, c, 'screening_decision', 'approve');
  return id;
}

/** A youth referral through consents and intake to ready; returns the case id. */
export async function readyYouth(stack: Stack, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await as(stack, sw1).post('/foster/youth', youthReferral(overrides));
  if (created.status !== 201) throw new Error(`youth: ${created.status} ${created.text}`);
  const id = created.body.id;
  const cw = overrides.caseWorkerId === cw2.sub ? cw2 : cw1;
  await completeAll(stack, sw1, created.body, 'consent', 'accept');
  const c = (await as(stack, cw).get(`/foster/youth/${id}`)).body;
  await completeAll(stack, cw, c, 'consent', 'accept', { data: { how: 'signed form' } });
  await completeAll(stack, cw, (await as(stack, cw).get(`/foster/youth/${id}`)).body, 'intake', 'done');
  return id;
}

/** A proposed match through its three consents and the first meeting; returns the match. */
export async function activeMatch(stack: Stack, mentorCaseId: string, youthCaseId: string) {
  const created = await as(stack, cw1).post('/foster/matches', {
    mentorCaseId,
    youthCaseId,
    rationale: 'Shared love of art; both bilingual',
  });
  if (created.status !== 201) throw new Error(`match: ${created.status} ${created.text}`);
  await completeAll(stack, cw1, created.body, 'consent', 'accept', { data: { how: 'phone' } });
  await completeAll(
    stack,
    sw1,
    (await as(stack, sw1).get(`/foster/matches/${created.body.id}`)).body,
    'consent',
    'accept',
  );
  await completeAll(
    stack,
    cw1,
    (await as(stack, cw1).get(`/foster/matches/${created.body.id}`)).body,
    'first_meeting',
    'done',
  );
  return (await as(stack, cw1).get(`/foster/matches/${created.body.id}`)).body;
}

/**
 * A structured closure by the case worker (unplanned, started by the caregiver) through the
 * youth's rematch decision and the closure meeting; answers the meeting's completion, which closes it.
 */
export async function closeStructured(stack: Stack, matchId: string, reason: string) {
  const closing = await as(stack, cw1).post(`/foster/matches/${matchId}/close`, {
    reason,
    kind: 'unplanned',
    initiatedBy: 'caregiver',
    notes: 'Placement moved to Riverside County',
  });
  expect(closing.body.stage).toBe('closing');
  const open = (type: string) => closing.body.openTasks.find((t: { type: string }) => t.type === type);
  const decided = await as(stack, cw1).post(`/tasks/${open('rematch_decision').id}/complete`, {
    outcome: 'done',
    data: { decision: 'rematch' },
  });
  expect(decided.body.case.stage).toBe('closing');
  return as(stack, cw1).post(`/tasks/${open('closure_meeting').id}/complete`, {
    outcome: 'done',
    data: { held: true, with: ['mentor', 'youth', 'caregiver'], notes: 'Goodbye letter exchanged' },
  });
}
