/**
 * `npm run chaos`: faults with figures. Starts the product's pieces as separate processes
 * — Temporal (dev server, persisted to a file), PostgreSQL (embedded), the SMTP catcher,
 * a worker and an API — drives cases of every process through their stories over HTTP,
 * kills the worker with SIGKILL at random moments (20 times by default), restarts the
 * Temporal server and PostgreSQL once each, lets the outbox drain, and then checks that
 * every case reached its expected state, that no timeline event is lost or doubled, that
 * every e-mail arrived exactly once, and that no incident is left. Local addresses only.
 *   npm run chaos                       1,000 cases, 20 worker kills
 *   npm run chaos -- --cases 60 --kills 3   a bounded smoke (CI)
 * Prints a table and, last, `chaos: N cases, N lost, N duplicate e-mails`.
 */
import { buildWorkflowBundle } from '../lib/worker';
import { formatPayloadKeys, generatePayloadKeys } from '../lib/payload-codec';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DATA_DIR } from '../lib/config';
import { startDevServer, type DevServer } from './provision/dev-server';
import { startEmbeddedPostgres } from './provision/embedded-postgres';
import { prepareDatabase } from './provision/postgres';
import { caughtReferenceToken, waitForCatcher, type CaughtMessage } from './provision/smtp-catcher';
import { Api, stats } from './chaos/client';
import { check, settle } from './chaos/checks';
import { freePort } from './provision/ports';
import { ProductProcess } from './provision/processes';
import { certificationStory, leaveStory, program, type Outcome } from './chaos/stories';
import { matchStory, mentorStory, youthStory } from './chaos/foster-stories';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (lo: number, hi: number) => lo + Math.random() * (hi - lo);
/** A bundle of stories: two leave years, a certification, a mentor, a youth and their match. */
const CASES_PER_BUNDLE = 6;

async function main(): Promise<number> {
  const wanted = arg('cases', 1000);
  const kills = arg('kills', 20);
  const concurrency = arg('concurrency', 8);
  const bundles = Math.ceil(wanted / CASES_PER_BUNDLE);
  const dir = path.join(DATA_DIR, 'chaos');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const cleanups: (() => Promise<unknown>)[] = [];
  // Whatever goes wrong in the run itself, the processes it started do not outlive it.
  process.once('uncaughtException', (err) => {
    console.error('chaos run failed:', err);
    void Promise.allSettled(cleanups.reverse().map((c) => c())).then(() => process.exit(1));
  });

  try {
    // ---- services, each its own process ----------------------------------------------
    const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort() });
    cleanups.push(() => pg.stop());
    const databaseUrl = pg.url('mentorflow');
    const db = await prepareDatabase(databaseUrl);
    cleanups.push(() => db.destroy());
    const temporalPort = await freePort();
    const devOpts = { port: temporalPort, dbFile: path.join(dir, 'temporal.db') };
    let dev: DevServer = await startDevServer(devOpts);
    cleanups.push(() => dev.stop());
    const [smtpPort, smtpWebPort] = [await freePort(), await freePort()];
    const catcher = new ProductProcess(
      'smtp',
      'smtp-catcher.ts',
      { SMTP_PORT: String(smtpPort), SMTP_WEB_PORT: String(smtpWebPort) },
      path.join(dir, 'smtp.log'),
    );
    catcher.start();
    cleanups.push(() => catcher.stop());
    const inbox = async (to?: string): Promise<CaughtMessage[]> => {
      const res = await fetch(`http://127.0.0.1:${smtpWebPort}/messages${to ? `?to=${encodeURIComponent(to)}` : ''}`);
      return (await res.json()) as CaughtMessage[];
    };
    const bundlePath = path.join(dir, 'workflow-bundle.js');
    writeFileSync(bundlePath, await buildWorkflowBundle());

    const secret = randomBytes(32).toString('hex');
    const apiPort = await freePort();
    await waitForCatcher(smtpWebPort);
    const env = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: dev.address,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      AUTH_JWT_SECRET: secret,
      WORKFLOW_BUNDLE_PATH: bundlePath,
      PUBLIC_BASE_URL: `http://127.0.0.1:${apiPort}`,
      RATE_LIMIT_PUBLIC_PER_MINUTE: '1000000',
      RATE_LIMIT_LINK_FAILURES: '1000000',
      RATE_LIMIT_FORMS_PER_HOUR: '1000000',
      NODE_ENV: 'development',
      // One key for every process of the run (each would otherwise read the development key file).
      PAYLOAD_KEYS: formatPayloadKeys(generatePayloadKeys('chaos')),
    };
    // The case worker (workflows, read model) is the one killed; the mail worker talks SMTP.
    const worker = new ProductProcess(
      'worker',
      'worker.ts',
      { ...env, WORKER_ROLE: 'cases' },
      path.join(dir, 'worker.log'),
    );
    const mailWorker = new ProductProcess(
      'mail worker',
      'worker.ts',
      { ...env, WORKER_ROLE: 'mail' },
      path.join(dir, 'mail-worker.log'),
    );
    mailWorker.start();
    cleanups.push(() => mailWorker.stop());
    const apiProcess = new ProductProcess(
      'api',
      'api.ts',
      { ...env, PORT: String(apiPort) },
      path.join(dir, 'api.log'),
    );
    worker.start();
    apiProcess.start();
    cleanups.push(
      () => worker.stop(),
      () => apiProcess.stop(),
    );
    const api = new Api([`http://127.0.0.1:${apiPort}`], secret);
    await api.ready();

    // References answer through the one-time link they were e-mailed.
    const tokenOf = (email: string) => caughtReferenceToken(smtpWebPort, email);

    // ---- the drive ---------------------------------------------------------------------
    const leaveProgram = await program(api, true);
    const outcomes: Outcome[] = [];
    const failures: string[] = [];
    let next = 0;
    const runner = async () => {
      for (let b = next++; b < bundles; b = next++) {
        const story = async (what: string, run: () => Promise<Outcome>) => {
          try {
            const o = await run();
            outcomes.push(o);
            return o;
          } catch (err) {
            failures.push(`${what}: ${(err as Error).message}`);
            if (failures.length <= 3) console.error(`story failed: ${failures.at(-1)}`);
            return undefined;
          }
        };
        await story('leave', () => leaveStory(api, 2 * b, leaveProgram));
        await story('leave', () => leaveStory(api, 2 * b + 1, leaveProgram));
        await story('certification', () => certificationStory(api));
        const [mentor, youth] = await Promise.all([
          story('mentor', () => mentorStory(api, b, tokenOf)),
          story('youth', () => youthStory(api, b)),
        ]);
        if (mentor && youth) await story('match', () => matchStory(api, mentor.caseId, youth.caseId));
        else failures.push('match: not started (a party did not get ready)');
      }
    };
    const drive = Promise.all(Array.from({ length: concurrency }, runner));
    let driving = true;
    void drive.finally(() => (driving = false));

    // ---- the faults, at random points of progress ------------------------------------
    const total = bundles * CASES_PER_BUNDLE;
    const progress = () => (outcomes.length + failures.length) / total;
    const killAt = Array.from({ length: kills }, () => between(0.02, 0.9)).sort((a, b) => a - b);
    const temporalAt = between(0.25, 0.4);
    const postgresAt = between(0.55, 0.7);
    const faults = { workerKills: 0, temporalRestarts: 0, postgresRestarts: 0, temporalDownMs: 0, postgresDownMs: 0 };
    const killedAt: number[] = [];
    let temporalDone = false;
    let postgresDone = false;
    while (faults.workerKills < kills || !temporalDone || !postgresDone) {
      const p = driving ? progress() : 1;
      if (faults.workerKills < kills && p >= killAt[faults.workerKills]) {
        await sleep(between(0, 2000));
        killedAt.push(Date.now());
        await worker.kill();
        faults.workerKills++;
        await sleep(between(200, 3000));
        worker.start();
        await sleep(2000);
      } else if (!temporalDone && p >= temporalAt) {
        const t = Date.now();
        await dev.stop();
        dev = await startDevServer(devOpts);
        faults.temporalDownMs = Date.now() - t;
        faults.temporalRestarts++;
        temporalDone = true;
      } else if (!postgresDone && p >= postgresAt) {
        const t = Date.now();
        await pg.stop();
        await pg.start();
        faults.postgresDownMs = Date.now() - t;
        faults.postgresRestarts++;
        postgresDone = true;
      } else {
        await sleep(200);
      }
    }
    await drive;
    const driveSeconds = (Date.now() - started) / 1000;
    await settle(db, 180_000);
    // Some events follow a story's last request by a signal between workflows (a closed
    // match returns its mentor and youth to the pool): the read model may trail them for a
    // moment after a kill. Lost means still missing a minute later.
    let f = await check(db, outcomes, await inbox(), killedAt);
    for (const until = Date.now() + 60_000; f.lostEvents > 0 && Date.now() < until; ) {
      await sleep(2000);
      f = await check(db, outcomes, await inbox(), killedAt);
    }

    // ---- figures --------------------------------------------------------------------------
    const lost = total - outcomes.length + f.notInExpectedState.length;
    const rows: [string, string | number][] = [
      ['cases driven (leave, certification, mentor, youth, match)', total],
      ['cases in their expected state', outcomes.length - f.notInExpectedState.length],
      ['stories that failed', failures.length],
      ['case worker SIGKILLs / restarts', `${faults.workerKills} / ${worker.starts - 1}`],
      [
        'processes that crashed by themselves',
        worker.crashes.length + mailWorker.crashes.length + apiProcess.crashes.length,
      ],
      [
        'Temporal server restarts (down for)',
        `${faults.temporalRestarts} (${(faults.temporalDownMs / 1000).toFixed(1)} s)`,
      ],
      ['PostgreSQL restarts (down for)', `${faults.postgresRestarts} (${(faults.postgresDownMs / 1000).toFixed(1)} s)`],
      ['HTTP requests / retried / answered 202', `${stats.requests} / ${stats.retried} / ${stats.accepted202}`],
      ['timeline events lost / duplicated', `${f.lostEvents} / ${f.duplicateEvents}`],
      ['e-mails sent / lost / unsent', `${f.emailsSent} / ${f.lostEmails} / ${f.unsentEmails}`],
      [
        'e-mails duplicated at the catcher (of them, first copy accepted as the worker was killed)',
        `${f.duplicateEmails} (${f.duplicatesAtAKill})`,
      ],
      ['incidents left open', f.openIncidents],
      ['drive time', `${driveSeconds.toFixed(0)} s`],
      ['total time', `${((Date.now() - started) / 1000).toFixed(0)} s`],
    ];
    console.log('\n| measure | value |\n| --- | --- |');
    for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
    for (const x of [
      ...worker.crashes,
      ...mailWorker.crashes,
      ...apiProcess.crashes,
      ...failures,
      ...f.duplicated,
      ...f.notInExpectedState,
      ...f.unexpectedEvents,
    ].slice(0, 20))
      console.log(`  ! ${x}`);
    console.log(`\nchaos: ${total} cases, ${lost} lost, ${f.duplicateEmails} duplicate e-mails`);
    // A duplicate in the window of a kill is reported, not failed: no SMTP sender can close it (RFC 1047).
    const clean =
      worker.crashes.length + mailWorker.crashes.length + apiProcess.crashes.length === 0 &&
      lost === 0 &&
      f.duplicateEmails === f.duplicatesAtAKill &&
      f.lostEvents === 0 &&
      f.duplicateEvents === 0 &&
      f.lostEmails === 0 &&
      f.unsentEmails === 0 &&
      f.openIncidents === 0;
    return clean ? 0 : 1;
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
