/**
 * A transition's process rows read the same in both shapes: the fields running cases
 * scheduled before projections (`ledger`, `program`, …) and `projections`. The activity
 * writes, and the value replay compares, what these functions answer.
 */
import { mergeProjections, normaliseTransition, projectionsOf } from '../../platform/workflow/projections';

const ledger = { caseId: 'c1', year: 2026, cap: 40 };
const level = { id: 'p1', level: 'affiliate', certifiedUntil: null };

test('a legacy transition and its projections form normalise to the same rows, in the old write order', () => {
  const legacy = {
    case: { id: 'c1' },
    ledger,
    programLevel: level,
    referenceAnswered: { caseId: 'c1', referenceId: 'r' },
  };
  const current = {
    case: { id: 'c1' },
    projections: [
      { kind: 'program_level', row: level },
      { kind: 'reference_answered', row: { caseId: 'c1', referenceId: 'r' } },
      { kind: 'leave_ledger', row: ledger },
    ],
  };
  expect(normaliseTransition(legacy)).toEqual(normaliseTransition(current));
  expect(projectionsOf(legacy).map((p) => p.kind)).toEqual(['leave_ledger', 'reference_answered', 'program_level']);
  expect(normaliseTransition(legacy)).not.toHaveProperty('ledger');
});

test('a transition without process rows carries no projections', () => {
  expect(normaliseTransition({ case: { id: 'c1' }, projections: [] })).toEqual({ case: { id: 'c1' } });
});

test('merged changes keep one row per kind, the last one given', () => {
  const merged = mergeProjections([{ kind: 'reference_answered', row: { referenceId: 'a' } }], undefined, [
    { kind: 'reference_answered', row: { referenceId: 'b' } },
    { kind: 'leave_ledger', row: ledger },
  ]);
  expect(merged).toEqual([
    { kind: 'reference_answered', row: { referenceId: 'b' } },
    { kind: 'leave_ledger', row: ledger },
  ]);
  expect(mergeProjections(undefined, [])).toBeUndefined();
});
