/**
 * A youth's referral that ends without a match closes: the youth left care, moved, or the
 * family declined. Its case worker or a case supervisor closes it with a reason; not while
 * the youth is in a proposed or active match; nobody else, and a closed one stays closed.
 */
import { as, startStack, type Stack } from '../../../../test/support/stack';
import { approvedMentor, caseSup, cw1, cw2, readyYouth } from '../../../../test/integration/foster-fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

test('the case worker closes a ready referral with a reason; its open tasks end; twice is 409', async () => {
  const id = await readyYouth(stack);
  expect((await as(stack, cw1).post(`/foster/youth/${id}/close`, { reason: '' })).status).toBe(400);
  expect((await as(stack, cw2).post(`/foster/youth/${id}/close`, { reason: 'Not mine' })).status).toBe(404);
  const closed = await as(stack, cw1).post(`/foster/youth/${id}/close`, {
    reason: 'The youth moved out of the county',
  });
  expect(closed.status).toBe(200);
  expect(closed.body).toMatchObject({ status: 'closed', stage: 'closed', openTasks: [] });
  const timeline = (await as(stack, cw1).get(`/cases/${id}/timeline`)).body.items.map(
    (e: { event: string }) => e.event,
  );
  expect(timeline).toContain('referral_closed');
  const again = await as(stack, caseSup).post(`/foster/youth/${id}/close`, { reason: 'Again' });
  expect([again.status, again.body.code]).toEqual([409, 'case_closed']);
  // A closed referral is no longer matchable.
  const proposal = await as(stack, cw1).post('/foster/matches', {
    mentorCaseId: await approvedMentor(stack),
    youthCaseId: id,
    rationale: 'Too late',
  });
  expect(proposal.status).toBe(422);
});

test('not while the youth is in a match: close the match first', async () => {
  const id = await readyYouth(stack);
  const match = await as(stack, cw1).post('/foster/matches', {
    mentorCaseId: await approvedMentor(stack),
    youthCaseId: id,
    rationale: 'Both paint',
  });
  expect(match.status).toBe(201);
  const r = await as(stack, caseSup).post(`/foster/youth/${id}/close`, { reason: 'Left care' });
  expect([r.status, r.body.code]).toEqual([409, 'in_active_match']);
});
