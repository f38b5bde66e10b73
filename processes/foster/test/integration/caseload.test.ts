/**
 * The match facts row and the caseload it feeds (docs/processes/foster.md, "Match support"):
 * a late write of an older transition leaves the newer facts in place; a case worker reads
 * their own open matches, weakest health first, with the mentor's name and the youth's first
 * name from the parties' cases; another worker's caseload is refused; a supervisor reads any.
 * Against the real read model in PostgreSQL and the API over HTTP.
 */
import { randomUUID } from 'node:crypto';
import { createReadModelActivities } from '../../../../platform/activities/read-model';
import type { CaseSnapshot } from '../../../../platform/workflow/records';
import { as, startStack, type Person, type Stack } from '../../../../test/support/stack';
import { caseSup, mentorApplication, sw1, youthReferral } from '../../../../test/integration/foster-fixtures';
import { matchFactsProjection } from '../../projection';
import type { MatchFactsRow } from '../../match/support-types';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

const run = randomUUID().slice(0, 8);
const worker: Person = { sub: `cw-load-${run}`, roles: ['case_worker'], name: 'Lou Caseload' };
const other: Person = { sub: `cw-other-${run}`, roles: ['case_worker'], name: 'Otto Other' };

function facts(over: Partial<MatchFactsRow> = {}): MatchFactsRow {
  return {
    caseId: `match-${randomUUID()}`,
    mentorCaseId: 'mentor-x',
    youthCaseId: 'youth-x',
    caseWorkerId: worker.sub,
    programId: null,
    county: 'Fresno',
    stage: 'active',
    proposedAt: '2026-01-05T17:00:00.000Z',
    firstMeetingAt: '2026-02-01T17:00:00.000Z',
    closedAt: null,
    closureKind: null,
    closureReason: null,
    healthScore: null,
    healthBand: null,
    healthReasons: [],
    nextContactDue: null,
    ...over,
  };
}

const snapshot = (id: string, version: number): CaseSnapshot => ({
  id,
  workflowId: `match-${id}`,
  type: 'match',
  status: 'open',
  stage: 'active',
  subject: 'A match',
  viewers: [],
  details: {},
  version,
  createdAt: '2026-01-05T17:00:00.000Z',
  updatedAt: '2026-01-05T17:00:00.000Z',
});

test('the match facts row keeps its newest transition: an older one written late changes nothing', async () => {
  const mailer = {
    send: async () => {
      throw new Error('no e-mail expected');
    },
  };
  const { recordTransition } = createReadModelActivities({ db: stack.db, mailer });
  const row = facts({ caseWorkerId: `cw-writes-${run}` });
  const write = (version: number, over: Partial<MatchFactsRow>) =>
    recordTransition({ case: snapshot(row.caseId, version), projections: [matchFactsProjection({ ...row, ...over })] });
  const stored = () =>
    stack.db
      .selectFrom('match_facts')
      .select(['health_score', 'health_band', 'stage', 'case_version'])
      .where('case_id', '=', row.caseId)
      .executeTakeFirstOrThrow();
  await write(1, { healthScore: 90, healthBand: 'healthy' });
  // The contact's transition (version 3) lands first; the health drop before it (version 2) arrives late.
  await write(3, { healthScore: 55, healthBand: 'watch', stage: 'closing' });
  await write(2, { healthScore: 20, healthBand: 'at_risk' });
  expect(await stored()).toEqual({ health_score: 55, health_band: 'watch', stage: 'closing', case_version: 3 });
  // A newer one applies.
  await write(4, { healthScore: 70, healthBand: 'watch', stage: 'active' });
  expect(await stored()).toEqual({ health_score: 70, health_band: 'watch', stage: 'active', case_version: 4 });
});

async function mentorCase(name: string): Promise<string> {
  const app = mentorApplication();
  const created = await as(stack, worker).post('/foster/mentors', { ...app, applicant: { ...app.applicant, name } });
  if (created.status !== 201) throw new Error(`mentor: ${created.status} ${created.text}`);
  return created.body.id;
}

async function youthCase(name: string): Promise<string> {
  const body = youthReferral();
  const created = await as(stack, sw1).post('/foster/youth', { ...body, youth: { ...body.youth, name } });
  if (created.status !== 201) throw new Error(`youth: ${created.status} ${created.text}`);
  return created.body.id;
}

async function seed(row: MatchFactsRow): Promise<string> {
  await stack.db
    .insertInto('match_facts')
    .values({
      case_id: row.caseId,
      mentor_case_id: row.mentorCaseId,
      youth_case_id: row.youthCaseId,
      case_worker_id: row.caseWorkerId,
      program_id: row.programId,
      county: row.county,
      stage: row.stage,
      proposed_at: row.proposedAt,
      first_meeting_at: row.firstMeetingAt,
      closed_at: row.closedAt,
      health_score: row.healthScore,
      health_band: row.healthBand,
      health_reasons: row.healthReasons,
      next_contact_due: row.nextContactDue,
    })
    .execute();
  return row.caseId;
}

test('a case worker reads their open matches weakest first; another worker is refused; a supervisor reads any', async () => {
  const [m1, m2, m3] = [await mentorCase('Ana Mentora'), await mentorCase('Ben Mentor'), await mentorCase('Cy Mentor')];
  const [y1, y2, y3] = [
    await youthCase('Dana Q. Youthful'),
    await youthCase('Eli Youthful'),
    await youthCase('Fay Youthful'),
  ];
  const healthy = await seed(
    facts({ mentorCaseId: m1, youthCaseId: y1, healthScore: 85, healthBand: 'healthy', firstMeetingAt: null }),
  );
  const atRisk = await seed(
    facts({
      mentorCaseId: m2,
      youthCaseId: y2,
      healthScore: 35,
      healthBand: 'at_risk',
      healthReasons: ['contact_overdue:21', 'survey_low:40'],
      nextContactDue: '2026-03-01T17:00:00.000Z',
    }),
  );
  const unmeasured = await seed(facts({ mentorCaseId: m3, youthCaseId: y3, stage: 'awaiting_first_meeting' }));
  await seed(facts({ mentorCaseId: m1, youthCaseId: y3, stage: 'closed', healthScore: 5, healthBand: 'at_risk' }));
  await seed(facts({ mentorCaseId: m1, youthCaseId: y1, stage: 'proposed' }));
  const others = await seed(
    facts({ mentorCaseId: m2, youthCaseId: y1, caseWorkerId: other.sub, healthScore: 10, healthBand: 'at_risk' }),
  );

  const mine = await as(stack, worker).get('/foster/caseload');
  expect(mine.status).toBe(200);
  expect(mine.body.items.map((i: { matchCaseId: string }) => i.matchCaseId)).toEqual([atRisk, healthy, unmeasured]);
  expect(mine.body.items[0]).toMatchObject({
    mentorName: 'Ben Mentor',
    youthFirstName: 'Eli',
    stage: 'active',
    health: { score: 35, band: 'at_risk', reasons: ['contact_overdue:21', 'survey_low:40'] },
    nextContactDue: '2026-03-01T17:00:00.000Z',
  });
  expect(mine.body.items[0].monthsActive).toBeGreaterThan(9);
  expect(mine.body.items[1]).toMatchObject({ youthFirstName: 'Dana', monthsActive: null });
  // Only the first name of the youth, nowhere the rest of it.
  expect(mine.text).not.toContain('Youthful');
  expect(mine.body.items[2]).toMatchObject({ mentorName: 'Cy Mentor', health: null });
  expect((await as(stack, worker).get(`/foster/caseload?caseWorkerId=${worker.sub}`)).body).toEqual(mine.body);

  const refused = await as(stack, worker).get(`/foster/caseload?caseWorkerId=${other.sub}`);
  expect(refused.status).toBe(403);
  expect(refused.headers.get('content-type')).toContain('application/problem+json');
  expect((await as(stack, sw1).get('/foster/caseload')).status).toBe(403);

  const supervised = await as(stack, caseSup).get(`/foster/caseload?caseWorkerId=${other.sub}`);
  expect(supervised.status).toBe(200);
  expect(supervised.body.items.map((i: { matchCaseId: string }) => i.matchCaseId)).toEqual([others]);
});
