/**
 * What the rules' difference and a stored version read as (lib/policy-diff.ts,
 * lib/policy-versions.ts): objects compared key by key, lists and values whole; a version
 * saved before a section or a field existed takes its default, and a map keeps only its saved entries.
 */
import { buildPolicy } from '../../lib/policy';
import { diffPolicies } from '../../lib/policy-diff';
import { storedPolicy } from '../../lib/policy-versions';

test('objects are compared key by key; a list reads as the list before and the list after', () => {
  const before = { a: { b: 1, c: [1, 2] }, mailboxes: { admin: 'a@x.gov', gone: 'g@x.gov' } };
  const after = { a: { b: 2, c: [1, 2, 3] }, mailboxes: { admin: 'a@x.gov', added: 'n@x.gov' } };
  expect(diffPolicies(before, after)).toEqual([
    { path: 'a.b', before: 1, after: 2 },
    { path: 'a.c', before: [1, 2], after: [1, 2, 3] },
    { path: 'mailboxes.added', after: 'n@x.gov' },
    { path: 'mailboxes.gone', before: 'g@x.gov' },
  ]);
  expect(diffPolicies(before, structuredClone(before))).toEqual([]);
});

test('a duration that changes kind is one change of the whole value', () => {
  expect(diffPolicies({ due: { businessDays: 5 } }, { due: 'P7D' })).toEqual([
    { path: 'due', before: { businessDays: 5 }, after: 'P7D' },
  ]);
});

test('a stored version is read as saved; one without a section the code has since gained takes its defaults', () => {
  const saved = buildPolicy({ mentoringLeave: { annualCapHours: 12 }, mailboxes: { admin: 'only@x.gov' } });
  expect(storedPolicy(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
  const { wellness: _missing, ...older } = structuredClone(saved);
  const { incrementHours: _new, ...leave } = older.mentoringLeave;
  const { hr_approval: _removed, ...tasks } = older.tasks;
  const read = storedPolicy({ ...older, mentoringLeave: leave, tasks });
  expect(read.wellness).toEqual(buildPolicy().wellness);
  expect(read.mentoringLeave).toEqual(saved.mentoringLeave);
  // A map's entry removed by an administrator stays removed.
  expect(read.tasks.hr_approval).toBeUndefined();
  expect(read.mailboxes).toEqual(saved.mailboxes);
});
