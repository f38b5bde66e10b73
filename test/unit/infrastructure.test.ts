/**
 * Transient is not an incident: the read model's write failures are told apart by what the
 * database client really throws — an unreachable server is waited out, a refused value and a
 * bug are not — and the waiting writes are counted once each until they get through.
 */
import net from 'node:net';
import pg from 'pg';
import { ApplicationFailure } from '@temporalio/common';
import {
  classifiedWriteFailure,
  InfrastructureBacklog,
  isInfrastructureError,
} from '../../platform/activities/infrastructure';

/** What the PostgreSQL client throws when nothing listens on the port (a database that is down). */
async function refusedConnectionError(): Promise<unknown> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'x', database: 'x', connectionTimeoutMillis: 2000 });
  return client.connect().then(
    () => new Error('connected?'),
    (e: unknown) => e,
  );
}

/** What it throws when the server accepts and then drops the connection (a restart mid-query). */
async function droppedConnectionError(): Promise<unknown> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'x', database: 'x', connectionTimeoutMillis: 2000 });
  const err = await client.connect().then(
    () => new Error('connected?'),
    (e: unknown) => e,
  );
  await new Promise<void>((r) => server.close(() => r()));
  return err;
}

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

test('a database that is down or restarting is an outage, retried without end', async () => {
  for (const err of [await refusedConnectionError(), await droppedConnectionError()]) {
    expect(isInfrastructureError(err)).toBe(true);
    const thrown = classifiedWriteFailure(err, 500) as ApplicationFailure;
    expect(thrown).toBeInstanceOf(ApplicationFailure);
    expect([thrown.type, thrown.nonRetryable]).toEqual(['infrastructure_unavailable', false]);
  }
  for (const [code, message] of [
    ['57P01', 'terminating connection due to administrator command'],
    ['53300', 'too many clients already'],
    ['40001', 'could not serialize access'],
  ]) {
    expect((classifiedWriteFailure(pgError(code, message), 500) as ApplicationFailure).nonRetryable).toBe(false);
  }
});

test('a value the database refuses fails at once; a bug after a few attempts; a write without a case never gives up', () => {
  const refused = classifiedWriteFailure(
    pgError('22001', 'value too long for type character varying(10)'),
    1,
  ) as ApplicationFailure;
  expect([refused.type, refused.nonRetryable]).toEqual(['bad_data', true]);
  const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
  expect(classifiedWriteFailure(bug, 7)).toBe(bug);
  const given = classifiedWriteFailure(bug, 8) as ApplicationFailure;
  expect([given.type, given.nonRetryable, given.message]).toEqual([
    'unexpected_error',
    true,
    expect.stringMatching(/failed 8 times/),
  ]);
  expect(classifiedWriteFailure(bug, 0)).toBe(bug);
});

test('the backlog counts each waiting write once, with the age of the oldest, until it gets through', () => {
  let now = 1_000_000;
  const backlog = new InfrastructureBacklog(() => now);
  backlog.waitingOn('wf-1/run/1', 'database');
  now += 30_000;
  backlog.waitingOn('wf-1/run/1', 'database');
  backlog.waitingOn('wf-2/run/1', 'database');
  now += 30_000;
  expect(backlog.summary()).toEqual({ database: { waiting: 2, oldestSeconds: 60 } });
  backlog.done('wf-1/run/1');
  expect(backlog.summary()).toEqual({ database: { waiting: 1, oldestSeconds: 30 } });
  backlog.done('wf-2/run/1');
  expect(backlog.summary()).toEqual({});
});
