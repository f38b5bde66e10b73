/**
 * A program's row in the directory keeps its newest write: the program record numbers its
 * writes, and one retried late (an expiry the database answered slowly) does not undo a
 * renewal written after it. Against the real read model in PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { createReadModelActivities, type RecordedTransitionInput } from '../../../../platform/activities/read-model';
import type { ProgramRow } from '../../projection';
import { startStack, type Stack } from '../../../../test/support/stack';

/** A transition in the shape running programs still schedule: the row in its legacy `program` field. */
const legacy = (program: object) => ({ program }) as RecordedTransitionInput;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

test('a late write of an older version changes nothing; a newer one applies', async () => {
  // Program writes send no e-mail here: a mailer that would say so if one did.
  const mailer = {
    send: async () => {
      throw new Error('no e-mail expected');
    },
  };
  const { recordTransition } = createReadModelActivities({ db: stack.db, mailer });
  const row: ProgramRow = {
    id: `prog-${randomUUID()}`,
    name: 'Late Writes',
    organization: 'Org',
    contactEmail: 'late@example.org',
    county: 'Kern',
    startedOn: '2015-09-01',
    minimumMatchMonths: 12,
    level: 'none',
    createdBy: 'admin-1',
    createdAt: new Date().toISOString(),
  };
  const level = async () =>
    await stack.db
      .selectFrom('programs')
      .select(['level', 'certified_until'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
  await recordTransition(legacy({ ...row, version: 1 }));
  // The renewal (version 3) lands first; the expiry before it (version 2) arrives late.
  await recordTransition(legacy({ ...row, level: 'partner', certifiedUntil: '2029-06-30', version: 3 }));
  await recordTransition(legacy({ ...row, level: 'affiliate', certifiedUntil: null, version: 2 }));
  expect(await level()).toMatchObject({ level: 'partner', certified_until: '2029-06-30' });
  await recordTransition(legacy({ ...row, level: 'affiliate', certifiedUntil: null, version: 4 }));
  expect(await level()).toMatchObject({ level: 'affiliate', certified_until: null });
});
