/**
 * The seed's relationship surveys: the shipped rounds come at 3, 6 and 12 months, and a seed
 * cannot backdate a first meeting, so for one match the seed does what an administrator could:
 * it saves a rules version whose first survey round comes a minute after the first meeting
 * (reminder and phone follow-up a minute later), makes the match, answers the mentor's survey
 * through the e-mailed link and records the youth's as unreachable by phone (missed), then
 * saves the shipped rounds back as the newest version. Both versions are in the rules' history.
 */
import { randomUUID } from 'node:crypto';
import type { Api, Person } from '../chaos/client';
import { caseIdOf, complete, reach, taskOn } from '../chaos/stories';
import { caughtLinkToken } from '../provision/smtp-catcher';
import { approvedMentor, readyYouth, type FosterPeople } from './foster';

const MINUTE = 60_000;

async function saveRules(api: Api, admin: Person, change: (foster: Record<string, unknown>) => object, reason: string) {
  const current = (await api.get(admin, '/policy')).body;
  const policy = { ...current.policy, foster: change(current.policy.foster) };
  const saved = await api.once(admin, 'PUT', '/policy', { policy, reason, baseVersion: current.version });
  if (saved.status !== 201) throw new Error(`the rules were not saved: ${JSON.stringify(saved.body)}`);
}

export async function surveyedMatch(
  api: Api,
  p: FosterPeople,
  admin: Person,
  catcherPort: number,
  log: (m: string) => void,
): Promise<void> {
  let shipped: Record<string, unknown> = {};
  await saveRules(
    api,
    admin,
    (foster) => {
      shipped = foster;
      return { ...foster, surveyRounds: ['PT1M'], surveyReminderAfter: 'PT1M', surveyPhoneAfter: 'PT2M' };
    },
    'Demo: the first relationship survey a minute after the first meeting, for the seed',
  );
  try {
    const mentor = await approvedMentor(api, p, catcherPort, 'Frankie Ruiz', ['music']);
    const youth = await readyYouth(api, p, ['music'], 'Someone to play music with');
    const id = caseIdOf(
      await api.post(
        p.casey,
        '/foster/matches',
        { mentorCaseId: mentor, youthCaseId: youth, rationale: 'Both play guitar' },
        { key: randomUUID() },
      ),
    );
    for (let i = 0; i < 2; i++)
      await complete(api, p.casey, await taskOn(api, p.casey, id, 'consent', 'case_worker'), {
        outcome: 'accept',
        data: { how: 'phone' },
      });
    await complete(api, p.sol, await taskOn(api, p.sol, id, 'consent', 'social_worker'), { outcome: 'accept' });
    // Met now (no date given): the first round comes a minute from now.
    await complete(api, p.casey, await taskOn(api, p.casey, id, 'first_meeting'), { outcome: 'done' });
    await reach(api, p.casey, id, 'active');
    const token = await caughtLinkToken(catcherPort, 'frankie.ruiz@mail.example', '/surveys/', 3 * MINUTE);
    const { instrument } = (await api.once(undefined, 'GET', `/surveys/${token}`)).body;
    const answers = instrument.items.map((item: { id: string }) => ({ itemId: item.id, value: 4 }));
    await api.post(undefined, `/surveys/${token}`, { answers });
    log("a match's 3-month survey answered by the mentor (rounds shortened for the demo)");
    // Unanswered, the youth's survey becomes a phone task two minutes after it was sent.
    const open = async () =>
      ((await api.once(p.casey, 'GET', `/cases/${id}`)).body?.openTasks ?? []).find(
        (t: { type: string }) => t.type === 'survey_collection',
      );
    let phone = await open();
    for (const until = Date.now() + 5 * MINUTE; !phone && Date.now() < until; phone = await open())
      await new Promise((r) => setTimeout(r, 2000));
    if (!phone) throw new Error("the youth's survey never became a phone task");
    await complete(api, p.casey, phone, { outcome: 'unreachable' });
    log("the youth's survey missed: unreachable by phone");
  } finally {
    await saveRules(api, admin, () => shipped, 'Demo over: the shipped relationship survey rounds');
  }
}
