/**
 * The seed's foster pipeline, made by the demo case worker, case supervisor and social
 * worker: a mentor approved and matched with a youth, the match active since its first
 * meeting today with its contact schedule running (the rules refuse a first meeting dated
 * before the match was accepted, so a seed cannot backdate one); matches at every health band
 * and a planned and an unplanned closure; and a second approved mentor and a ready youth
 * waiting to be paired. References answer through the one-time links
 * they were e-mailed (read from the SMTP catcher `npm start` runs). Invented people only.
 */
import { randomUUID } from 'node:crypto';
import { laDate } from '../../platform/workflow/calendar';
import type { Api, Person } from '../chaos/client';
import { caseIdOf, complete, reach, taskOn } from '../chaos/stories';
import { caughtReferenceToken } from '../provision/smtp-catcher';
import { surveyedMatch } from './surveys';

const yearsAgo = (n: number) => laDate(Date.now() - n * 365.25 * 86_400_000);

export interface FosterPeople {
  casey: Person & { name: string };
  chris: Person;
  sol: Person & { name: string; email: string };
}

export async function approvedMentor(
  api: Api,
  p: FosterPeople,
  catcherPort: number,
  name: string,
  interests: string[],
): Promise<string> {
  const slug = name.toLowerCase().replace(/\W+/g, '.');
  const refs = [`${slug}.ref1`, `${slug}.ref2`].map((r, i) => ({
    name: `${i ? 'Dana' : 'Robin'} ${name.split(' ')[1]}-Ref`,
    email: `${r}@mail.example`,
    relationship: i ? 'neighbor' : 'coworker',
  }));
  const id = caseIdOf(
    await api.post(
      p.casey,
      '/foster/mentors',
      {
        applicant: {
          name,
          email: `${slug}@mail.example`,
          phone: '+1 916 555 0142',
          dateOfBirth: yearsAgo(41),
          languages: ['English'],
          interests,
          formerFosterYouth: false,
        },
        references: refs,
      },
      { key: randomUUID() },
    ),
  );
  for (const check of ['doj_live_scan', 'fbi', 'child_abuse_central_index', 'sex_offender_registry']) {
    await complete(api, p.casey, await taskOn(api, p.casey, id, 'background_check'), {
      outcome: 'clear',
      data: { check },
    });
  }
  await complete(api, p.casey, await taskOn(api, p.casey, id, 'interview'), {
    outcome: 'pass',
    comment: 'Warm, steady, realistic about the commitment',
  });
  for (const r of refs)
    await api.post(undefined, `/foster/references/${await caughtReferenceToken(catcherPort, r.email, 60_000)}`, {
      recommendation: 'yes',
      comments: 'Dependable and patient.',
    });
  await api.post(
    p.casey,
    `/foster/mentors/${id}/training`,
    { date: laDate(Date.now()), hours: 6, module: 'Trauma-informed mentoring' },
    { key: randomUUID() },
  );
  await complete(api, p.chris, await taskOn(api, p.chris, id, 'screening_decision'), { outcome: 'approve' });
  await reach(api, p.casey, id, 'approved');
  return id;
}

export async function readyYouth(api: Api, p: FosterPeople, interests: string[], needs: string): Promise<string> {
  const id = caseIdOf(
    await api.post(
      p.sol,
      '/foster/youth',
      {
        youth: {
          name: `Demo Youth ${randomUUID().slice(0, 4)}`,
          dateOfBirth: yearsAgo(13),
          county: 'Los Angeles',
          languages: ['English', 'Spanish'],
          interests,
          needs,
        },
        socialWorker: { id: p.sol.sub, name: p.sol.name, email: p.sol.email },
        caregiver: { name: 'Alex Caregiver', email: 'caregiver@mail.example' },
        caseWorkerId: p.casey.sub,
      },
      { key: randomUUID() },
    ),
  );
  await complete(api, p.sol, await taskOn(api, p.sol, id, 'consent', 'social_worker'), { outcome: 'accept' });
  await complete(api, p.casey, await taskOn(api, p.casey, id, 'consent', 'case_worker'), {
    outcome: 'accept',
    data: { how: 'signed form' },
  });
  await complete(api, p.casey, await taskOn(api, p.casey, id, 'intake'), { outcome: 'done' });
  await reach(api, p.casey, id, 'ready');
  return id;
}

/** A match through its consents to its first meeting: active, its first contact due within 48 hours. */
async function activeMatch(api: Api, p: FosterPeople, mentorCaseId: string, youthCaseId: string): Promise<string> {
  const id = caseIdOf(
    await api.post(
      p.casey,
      '/foster/matches',
      { mentorCaseId, youthCaseId, rationale: 'Both love drawing and speak Spanish at home' },
      { key: randomUUID() },
    ),
  );
  for (let i = 0; i < 2; i++)
    await complete(api, p.casey, await taskOn(api, p.casey, id, 'consent', 'case_worker'), {
      outcome: 'accept',
      data: { how: 'phone' },
    });
  await complete(api, p.sol, await taskOn(api, p.sol, id, 'consent', 'social_worker'), { outcome: 'accept' });
  await complete(api, p.casey, await taskOn(api, p.casey, id, 'first_meeting'), {
    outcome: 'done',
    data: { meetingDate: laDate(Date.now()) },
  });
  await reach(api, p.casey, id, 'active');
  return id;
}

/** The first contact logged: how satisfied mentor and youth are, and any safety concern. */
async function firstContact(api: Api, p: FosterPeople, id: string, satisfaction: number, safetyConcern: boolean) {
  await complete(api, p.casey, await taskOn(api, p.casey, id, 'match_contact'), {
    outcome: 'done',
    data: { reached: ['mentor', 'youth'], how: 'in_person', satisfaction, safetyConcern, concerns: 'Seeded contact' },
  });
}

/** A structured closure through its meeting and the youth's rematch decision. */
async function closedMatch(api: Api, p: FosterPeople, id: string, planned: boolean): Promise<void> {
  const closing = planned
    ? { reason: 'planned', kind: 'planned', initiatedBy: 'program', notes: 'Commitment completed' }
    : { reason: 'mentor_moved', kind: 'unplanned', initiatedBy: 'mentor', notes: 'The mentor moved away' };
  await api.post(p.casey, `/foster/matches/${id}/close`, closing);
  await complete(api, p.casey, await taskOn(api, p.casey, id, 'rematch_decision'), {
    outcome: 'done',
    data: { decision: planned ? 'not_now' : 'rematch' },
  });
  await complete(api, p.casey, await taskOn(api, p.casey, id, 'closure_meeting'), {
    outcome: 'done',
    data: { held: planned, with: planned ? ['mentor', 'youth', 'caregiver'] : [] },
  });
  await reach(api, p.casey, id, 'closed');
}

/**
 * Matches at every health band and both kinds of closure, for the caseload and the outcome
 * report: healthy (a satisfied first contact), watch (an unsatisfied one), at risk (a safety
 * concern: a support task opens), a planned and an unplanned closure. Relationship surveys come
 * at 3 months, so a seed of today has none answered or missed yet.
 */
async function supportedMatches(api: Api, p: FosterPeople, catcherPort: number, log: (m: string) => void) {
  const stories: [string, string, (id: string) => Promise<void>][] = [
    ['Avery Lane', 'healthy', (id) => firstContact(api, p, id, 5, false)],
    ['Blake Moss', 'watch', (id) => firstContact(api, p, id, 1, false)],
    ['Cameron Dunn', 'at risk, with a support task', (id) => firstContact(api, p, id, 1, true)],
    ['Drew Park', 'closed as planned', (id) => closedMatch(api, p, id, true)],
    ['Emery Cruz', 'closed unplanned (the mentor moved)', (id) => closedMatch(api, p, id, false)],
  ];
  for (const [mentor, band, story] of stories) {
    const mentorId = await approvedMentor(api, p, catcherPort, mentor, ['hiking']);
    const id = await activeMatch(api, p, mentorId, await readyYouth(api, p, ['hiking'], 'A steady adult'));
    await story(id);
    log(`a match ${band}`);
  }
}

export async function seedFoster(
  api: Api,
  p: FosterPeople,
  catcherPort: number,
  log: (m: string) => void,
  admin?: Person,
): Promise<void> {
  if ((await api.get(p.casey, '/cases?type=match')).body.items.length) return;
  const matched = await approvedMentor(api, p, catcherPort, 'Jamie Fox', ['drawing', 'museums']);
  const youth = await readyYouth(api, p, ['art'], 'Someone steady to talk to about school');
  await activeMatch(api, p, matched, youth);
  log('a mentor and a youth matched: first meeting today, the first contact due within 48 hours');
  await supportedMatches(api, p, catcherPort, log);
  if (admin) await surveyedMatch(api, p, admin, catcherPort, log);
  await approvedMentor(api, p, catcherPort, 'Taylor Brooks', ['basketball', 'coding']);
  await readyYouth(api, p, ['basketball'], 'Help finding an after-school program');
  log('an approved mentor and a ready youth waiting to be matched');
}
