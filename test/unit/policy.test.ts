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
      calendar: { timeZone: 'America/Chicago', holidaySet: 'MN', holidays: { 2027: ['2027-03-17'] } },
    }),
  );
  const p = loadPolicy(file);
  expect(p.mentoringLeave.annualCapHours).toBe(32);
  expect(p.mentoringLeave.minimumCommitmentMonths).toBe(9);
  expect(p.tasks.hr_approval.due).toBe('PT2S');
  expect(p.tasks.supervisor_approval.due).toEqual({ businessDays: 5 });
  expect(p.calendar).toEqual({ timeZone: 'America/Chicago', holidaySet: 'MN', holidays: { 2027: ['2027-03-17'] } });
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

test('the calendar names a supported zone and state set, and each added date in the year it is listed under', () => {
  expect(buildPolicy().calendar).toEqual({ timeZone: 'America/Los_Angeles', holidaySet: 'CA', holidays: {} });
  expect(() => buildPolicy({ calendar: { timeZone: 'Europe/London' } })).toThrow(/calendar\.timeZone/);
  expect(() => buildPolicy({ calendar: { holidaySet: 'TX' } })).toThrow(/calendar\.holidaySet/);
  expect(() => buildPolicy({ calendar: { holidays: { 2027: ['2028-03-17'] } } })).toThrow(/calendar\.holidays\.2027/);
  expect(() => buildPolicy({ calendar: { removed: { 2027: ['2027-02-30'] } } })).toThrow(/calendar\.removed/);
  expect(() => buildPolicy({ holidays: [] })).toThrow(/holidays: replaced by calendar/);
});

test('rules an administrator could save that would loop or mislead are refused', () => {
  const refused = (override: unknown, message: RegExp) => expect(() => buildPolicy(override)).toThrow(message);
  // A validity or hold of zero renews at once, for ever.
  refused({ ece: { certificationValidity: 'P0D' } }, /ece\.certificationValidity/);
  refused({ foster: { reservationHold: 'PT0S' } }, /foster\.reservationHold/);
  // Links in e-mails go to a web origin, never a script or a page of another site.
  refused({ publicBaseUrl: 'javascript:alert(1)' }, /publicBaseUrl/);
  // Not an address at all: refused with its message, never a crash (the API would answer 500).
  refused({ publicBaseUrl: 'not an address' }, /publicBaseUrl/);
  refused({ publicBaseUrl: 'https://mentoring.example/phish?x=1' }, /publicBaseUrl/);
  // A calendar that would swell every running case's history when told.
  const dates = Array.from(
    { length: 61 },
    (_, i) => `2027-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  );
  refused({ calendar: { holidays: { '2027': dates } } }, /calendar\.holidays/);
  refused({ maxHistoryEvents: 1_000_000 }, /maxHistoryEvents/);
  expect(buildPolicy({ publicBaseUrl: 'https://mentoring.example/' }).publicBaseUrl).toBe('https://mentoring.example/');
});
