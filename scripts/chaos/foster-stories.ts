/**
 * The chaos run's foster stories: a mentor screened and approved (references answering
 * through their e-mailed links), a youth referred to ready, and a match between them
 * proposed, active and closed. Shared people and helpers are in stories.ts.
 */
import { randomUUID } from 'node:crypto';
import { laDate } from '../../platform/workflow/calendar';
import type { Api } from './client';
import { caseIdOf, caseSup, complete, cw, reach, sw, taskOn, yearsAgo, type Outcome } from './stories';

/** `tokenOf(email)` finds the one-time link a reference was e-mailed (at the SMTP catcher). */
export async function mentorStory(api: Api, n: number, tokenOf: (email: string) => Promise<string>): Promise<Outcome> {
  const refs = [1, 2].map((i) => ({
    name: `Rae Reference${n}x${i}`,
    email: `chaos-ref${n}x${i}@mail.example`,
    relationship: i === 1 ? 'coworker' : 'former coach',
  }));
  const created = await api.post(
    cw,
    '/foster/mentors',
    {
      applicant: {
        name: `Morgan Mentor${n}`,
        email: `chaos-mentor${n}@mail.example`,
        phone: '+1 213 555 0100',
        dateOfBirth: yearsAgo(30),
        languages: ['English'],
        interests: ['soccer'],
        formerFosterYouth: false,
      },
      references: refs,
    },
    { key: randomUUID() },
  );
  const id = caseIdOf(created);
  for (let i = 0; i < 4; i++)
    await complete(api, cw, await taskOn(api, cw, id, 'background_check'), { outcome: 'clear' });
  await complete(api, cw, await taskOn(api, cw, id, 'interview'), { outcome: 'pass' });
  for (const r of refs) {
    const token = await tokenOf(r.email);
    await api
      .post(
        undefined,
        `/foster/references/${token}`,
        { recommendation: 'yes' },
        {
          done: async () =>
            (await api.once(cw, 'GET', `/cases/${id}`)).body?.references?.find(
              (x: { name: string }) => x.name === r.name,
            )?.status === 'answered',
        },
      )
      .catch(async (err: Error) => {
        // Answered by an attempt whose reply was lost: the link is spent (404) and the answer is in.
        const c = await api.once(cw, 'GET', `/cases/${id}`);
        if (c.body?.references?.find((x: { name: string }) => x.name === r.name)?.status !== 'answered') throw err;
      });
  }
  await api.post(
    cw,
    `/foster/mentors/${id}/training`,
    { date: laDate(Date.now()), hours: 6, module: 'Trauma-informed mentoring' },
    { key: randomUUID() },
  );
  await complete(api, caseSup, await taskOn(api, caseSup, id, 'screening_decision'), { outcome: 'approve' });
  await reach(api, cw, id, 'approved');
  return {
    caseId: id,
    story: 'mentor',
    stage: 'approved',
    status: 'open',
    events: {
      applied: 1,
      task_created: 6,
      task_completed: 6,
      background_check_recorded: 4,
      interview_recorded: 1,
      reference_answered: 2,
      training_logged: 1,
      screening_complete: 1,
      mentor_approved: 1,
      proposed_for_match: 1,
      match_started: 1,
      returned_to_pool: 1,
    },
  };
}

export async function youthStory(api: Api, n: number): Promise<Outcome> {
  const created = await api.post(
    sw,
    '/foster/youth',
    {
      youth: {
        name: `Jordan Youth${n}`,
        dateOfBirth: yearsAgo(14),
        county: 'Los Angeles',
        languages: ['English'],
        interests: ['art'],
        needs: 'Support with school attendance',
      },
      socialWorker: { id: sw.sub, name: sw.name, email: sw.email },
      caregiver: { name: 'Casey Caregiver', email: 'caregiver@mail.example' },
      caseWorkerId: cw.sub,
    },
    { key: randomUUID() },
  );
  const id = caseIdOf(created);
  await complete(api, sw, await taskOn(api, sw, id, 'consent', 'social_worker'), { outcome: 'accept' });
  await complete(api, cw, await taskOn(api, cw, id, 'consent', 'case_worker'), {
    outcome: 'accept',
    data: { how: 'signed form' },
  });
  await complete(api, cw, await taskOn(api, cw, id, 'intake'), { outcome: 'done' });
  await reach(api, cw, id, 'ready');
  return {
    caseId: id,
    story: 'youth',
    stage: 'ready',
    status: 'open',
    events: {
      referred: 1,
      task_created: 3,
      task_completed: 3,
      consent_given: 2,
      intake_done: 1,
      ready_to_match: 1,
      proposed_for_match: 1,
      match_started: 1,
      returned_to_pool: 1,
    },
  };
}

export async function matchStory(api: Api, mentorCaseId: string, youthCaseId: string): Promise<Outcome> {
  const created = await api.post(
    cw,
    '/foster/matches',
    { mentorCaseId, youthCaseId, rationale: 'Shared love of art' },
    { key: randomUUID() },
  );
  const id = caseIdOf(created);
  for (let i = 0; i < 2; i++)
    await complete(api, cw, await taskOn(api, cw, id, 'consent', 'case_worker'), {
      outcome: 'accept',
      data: { how: 'phone' },
    });
  await complete(api, sw, await taskOn(api, sw, id, 'consent', 'social_worker'), { outcome: 'accept' });
  await complete(api, cw, await taskOn(api, cw, id, 'first_meeting'), { outcome: 'done' });
  await reach(api, cw, id, 'active');
  await api.post(
    cw,
    `/foster/matches/${id}/close`,
    { reason: 'youth_moved', notes: 'Placement moved' },
    {
      done: async () => ['closing', 'closed'].includes((await api.once(cw, 'GET', `/cases/${id}`)).body?.stage),
    },
  );
  await complete(api, cw, await taskOn(api, cw, id, 'rematch_decision'), {
    outcome: 'done',
    data: { decision: 'rematch' },
  });
  await complete(api, cw, await taskOn(api, cw, id, 'closure_meeting'), {
    outcome: 'done',
    data: { held: true, with: ['mentor', 'youth'], notes: 'Talked with both' },
  });
  await reach(api, cw, id, 'closed');
  // Both parties are back in the pool before the story ends.
  await api.until(
    cw,
    `/foster/mentors/${mentorCaseId}`,
    (r) => r.status === 200 && !r.body.activeMatchId,
    'mentor back in the pool',
  );
  await api.until(
    cw,
    `/foster/youth/${youthCaseId}`,
    (r) => r.status === 200 && !r.body.activeMatchId,
    'youth back in the pool',
  );
  return {
    caseId: id,
    story: 'match',
    stage: 'closed',
    status: 'closed',
    // Three consents, the first meeting, the first contact (cancelled by the closing), the
    // closure meeting and the rematch decision; the exit surveys to mentor and caregiver.
    events: {
      proposed: 1,
      task_created: 7,
      task_completed: 6,
      task_cancelled: 1,
      consent_given: 3,
      first_meeting_held: 1,
      closing: 1,
      survey_sent: 2,
      closure_meeting_recorded: 1,
      rematch_decided: 1,
      match_closed: 1,
    },
  };
}
