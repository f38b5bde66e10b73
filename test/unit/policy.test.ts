import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPolicy, loadPolicy } from '../../lib/policy';

test('defaults carry the documented rules', () => {
  const p = buildPolicy();
  expect(p.mentoringLeave.annualCapHours).toBe(40);
  expect(p.mentoringLeave.eligibleBargainingUnits).not.toEqual(expect.arrayContaining([6]));
  expect(p.tasks.eligibility_review.due).toEqual({ businessDays: 10 });
});

test('a policy file overrides durations and lists; objects merge, lists replace', () => {
  const file = path.join(os.tmpdir(), `policy-${process.pid}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      mentoringLeave: { annualCapHours: 32 },
      tasks: { hr_approval: { due: 'PT2S', reminderBefore: 'PT1S', escalateTo: 'admin' } },
      holidays: [],
    }),
  );
  const p = loadPolicy(file);
  expect(p.mentoringLeave.annualCapHours).toBe(32);
  expect(p.mentoringLeave.minimumCommitmentMonths).toBe(9);
  expect(p.tasks.hr_approval.due).toBe('PT2S');
  expect(p.tasks.supervisor_approval.due).toEqual({ businessDays: 5 });
  expect(p.holidays).toEqual([]);
});

test('an invalid policy stops the start with a message naming each problem', () => {
  expect(() =>
    buildPolicy({
      tasks: { default: { due: '30 days', reminderBefore: 'P1D', escalateTo: 'admin' } },
      mentoringLeave: { annualCapHours: -1 },
    }),
  ).toThrow(/tasks\.default\.due[\s\S]*mentoringLeave\.annualCapHours/);
});

test('a cadence of zero is refused: a match or a call schedule would repeat at once, for ever', () => {
  expect(() => buildPolicy({ foster: { checkInEvery: 'P0D' } })).toThrow(/foster\.checkInEvery[\s\S]*longer than zero/);
  expect(() => buildPolicy({ wellness: { callEvery: 'PT0S' } })).toThrow(/wellness\.callEvery[\s\S]*longer than zero/);
  expect(() => buildPolicy({ foster: { checkInEvery: { businessDays: 0 } } })).toThrow(/longer than zero/);
  expect(buildPolicy({ foster: { checkInEvery: 'P2W' } }).foster.checkInEvery).toBe('P2W');
});
