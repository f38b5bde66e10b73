/**
 * Match suggestions for a ready youth through HTTP on real services: approved
 * mentors without a match, ranked by language, county, interests, former-foster-youth
 * status when the social worker asked for it, with the reasons; who may ask; a youth not
 * ready is refused.
 */
import { as, startStack, truncateAll, type Stack } from '../../../../test/support/stack';
import { admin } from '../../../../test/integration/fixtures';
import {
  activeMatch,
  approvedMentor,
  caseSup,
  cw1,
  cw2,
  readyYouth,
  sw1,
  youthReferral,
} from '../../../../test/integration/foster-fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
});
afterAll(async () => stack?.stop());

type Suggestion = { mentorCaseId: string; rank: number; reasons: string[]; name: string };

test('approved, unmatched mentors ranked by language, county, interests and former foster youth, with reasons', async () => {
  const both = await approvedMentor(stack, {
    languages: ['English', 'Spanish'],
    county: 'Los Angeles',
    interests: ['art'],
    formerFosterYouth: false,
  });
  const vietnamese = await approvedMentor(stack, {
    languages: ['Vietnamese'],
    county: 'Los Angeles',
    interests: ['art'],
    formerFosterYouth: true,
  });
  const orange = await approvedMentor(stack, {
    languages: ['English'],
    county: 'Orange',
    interests: ['art', 'music'],
    formerFosterYouth: true,
  });
  const ffy = await approvedMentor(stack, {
    languages: ['english'],
    county: 'Los Angeles',
    interests: ['soccer'],
    formerFosterYouth: true,
  });
  const noFfy = await approvedMentor(stack, {
    languages: ['English'],
    county: 'Los Angeles',
    interests: ['soccer'],
    formerFosterYouth: false,
  });
  // A mentor already in a match is not suggested.
  const matched = await approvedMentor(stack, { languages: ['English'], county: 'Los Angeles', interests: ['art'] });
  await activeMatch(stack, matched, await readyYouth(stack));

  const youth = await readyYouth(stack, {
    mentorPreferences: { formerFosterYouth: true },
    youth: { ...youthReferral().youth, languages: ['English'], interests: ['Art'] },
  });
  const r = await as(stack, cw1).get(`/foster/youth/${youth}/suggestions`);
  expect(r.status).toBe(200);
  const ids = (r.body.items as Suggestion[]).map((s) => s.mentorCaseId);
  expect(ids).not.toContain(matched);
  // Same language, county and no shared interest: the former foster youth comes first, as asked.
  expect(ids).toEqual([both, ffy, noFfy, orange, vietnamese]);
  const first = (r.body.items as Suggestion[])[0];
  expect(first.rank).toBe(1);
  expect(first.reasons).toEqual(
    expect.arrayContaining(['speaks English', 'lives in Los Angeles County', 'shares interests: art']),
  );
  expect((r.body.items as Suggestion[])[1].reasons).toContain('former foster youth, as the social worker asked');
  expect((await as(stack, cw1).get(`/foster/youth/${youth}/suggestions?limit=2`)).body.items).toHaveLength(2);

  // Without the preference, former foster youth counts for nothing: the longer wait decides.
  const plain = await readyYouth(stack, {
    youth: { ...youthReferral().youth, languages: ['English'], interests: ['chess'] },
  });
  const order = ((await as(stack, caseSup).get(`/foster/youth/${plain}/suggestions`)).body.items as Suggestion[]).map(
    (s) => s.mentorCaseId,
  );
  expect(order.indexOf(ffy)).toBeLessThan(order.indexOf(noFfy));
  expect(order.slice(0, 3)).toEqual([both, ffy, noFfy]);
});

test('only those who propose matches may ask, for a youth they may see, who is ready', async () => {
  const youth = await readyYouth(stack);
  expect((await as(stack, cw2).get(`/foster/youth/${youth}/suggestions`)).status).toBe(404);
  expect((await as(stack, sw1).get(`/foster/youth/${youth}/suggestions`)).status).toBe(403);
  expect((await as(stack, admin).get(`/foster/youth/${youth}/suggestions`)).status).toBe(403);
  const pending = await as(stack, sw1).post('/foster/youth', youthReferral());
  const notReady = await as(stack, cw1).get(`/foster/youth/${pending.body.id}/suggestions`);
  expect([notReady.status, notReady.body.code]).toEqual([422, 'youth_not_available']);
  expect((await as(stack, cw1).get(`/foster/youth/${youth}/suggestions?limit=0`)).status).toBe(400);
});
