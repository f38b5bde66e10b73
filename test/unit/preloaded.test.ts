/**
 * The modules workers share between workflows (platform/workflow/preloaded.ts) are deep-
 * frozen by the SDK once loaded. A schema zod writes to while parsing would then fail the
 * workflow task — the replay suite found that (a regex check's `lastIndex`). This freezes
 * them as the SDK does and parses through every kind of schema they hold; the control
 * shows a frozen schema that was not prepared does fail.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SHARED_SCHEMA_MODULES, warmSchemas } from '../../platform/workflow/preloaded';
import * as input from '../../platform/workflow/input';
import * as taskData from '../../platform/workflow/task-data';

const { TASK_DATA, TASK_TYPES } = taskData;

/** Each process's `inputs.ts` under processes/ (what task-data and the workflows import). */
function everyInputsModule(): unknown[] {
  const root = path.join(__dirname, '../../processes');
  return readdirSync(root)
    .filter((d) => existsSync(path.join(root, d, 'inputs.ts')))
    .map((d) => require(path.join(root, d, 'inputs.ts'))); // eslint-disable-line @typescript-eslint/no-require-imports -- loaded by what exists, as the SDK would
}

/** The SDK's freeze of shared modules (reusable V8 context): every object reachable, functions shallowly. */
function deepFreeze(o: unknown, seen = new WeakSet<object>()): void {
  if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o)) return;
  seen.add(o);
  if (typeof o === 'object')
    for (const k of Reflect.ownKeys(o)) deepFreeze((o as Record<string | symbol, unknown>)[k], seen);
  Object.freeze(o);
}

test('a frozen schema that was not prepared refuses the writes zod makes while parsing (control)', () => {
  const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
  const obj = z.object({ a: z.string() });
  const kind = z.enum(['x', 'y']);
  deepFreeze([date, obj, kind]);
  expect(() => date.safeParse('2026-01-01')).toThrow(TypeError);
  expect(() => obj.safeParse({ a: 'b' })).toThrow(TypeError);
  expect(() => kind.safeParse('x')).toThrow(TypeError);
});

test('the shared schemas, prepared and frozen, parse as before: valid and invalid values alike', () => {
  const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date');
  const local = { date, obj: z.object({ a: z.string(), when: date }), kind: z.enum(['x', 'y']) };
  warmSchemas([SHARED_SCHEMA_MODULES, local]);
  // The SDK freezes every module the preloaded ones import, listed or not: every process's inputs.
  deepFreeze([SHARED_SCHEMA_MODULES, everyInputsModule(), local]);
  expect(local.date.safeParse('2026-01-01').success).toBe(true);
  expect(local.date.safeParse('1 Jan').success).toBe(false);
  expect(local.obj.safeParse({ a: 'b', when: '2026-01-01' }).success).toBe(true);
  expect(local.kind.safeParse('z').success).toBe(false);
  expect(input.calendarDate.safeParse('2026-02-30').success).toBe(false);
  expect(input.calendarDate.safeParse('2026-02-28').success).toBe(true);
  expect(input.identifier.safeParse('emp-1').success).toBe(true);
  expect(input.identifier.safeParse('emp 1').success).toBe(false);
  expect(input.person.safeParse({ id: 'emp-1', name: 'Ana', email: 'ana@example.org' }).success).toBe(true);
  expect(input.person.safeParse({ id: 'emp-1', name: 'Ana', email: 'nope' }).success).toBe(false);
  // Every task type's data schema, built per call from the frozen pieces.
  const samples: Record<string, unknown> = {
    eligibility_review: { supervisor: { id: 'sup-1', name: 'Sam', email: 'sam@example.org' } },
    background_check: { check: 'fbi' },
    reference_followup: { recommendation: 'yes' },
    interview: { heldOn: '2026-01-02' },
    first_meeting: { meetingDate: '2026-01-02' },
    check_in: {
      contactMentor: true,
      contactYouth: true,
      contactCaregiver: false,
      satisfaction: 4,
      safetyConcern: false,
    },
    match_contact: { reached: ['mentor', 'youth'], how: 'phone', satisfaction: 4, safetyConcern: false },
    closure_meeting: { held: true, with: ['mentor'] },
    rematch_decision: { decision: 'rematch' },
    place_referral: { programIds: ['program-1'] },
    assign_caller: { callerCaseId: 'case-1' },
    wellness_call: { reached: true, minutes: 20, mood: 4, needs: ['food'] },
    evaluation: { rating: 4 },
  };
  for (const type of TASK_TYPES) {
    const schema = TASK_DATA[type]({ today: '2026-06-01' });
    expect(schema.safeParse(samples[type] ?? {}).success).toBe(true);
    expect(schema.safeParse({ unexpected: 1 }).success).toBe(false);
  }
});
