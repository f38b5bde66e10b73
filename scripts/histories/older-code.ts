/**
 * Histories of cases started under older code. A branch kept for running cases behind
 * `patched()` is taken only by a case whose history has no marker: one started before the
 * patch. A recording made with today's code always takes the patched branch, so these
 * stories run against the workflow code of the commit before the patch, exactly as such a
 * running case was recorded, and the file lands beside the others in test/histories/v2.
 *
 *   npx tsx scripts/histories/older-code.ts STORY
 *
 * extracts the story's commit (`git archive`) into a temporary folder, links node_modules,
 * copies this file there and runs it inside (`--in-older-tree OUT`): its imports then
 * resolve to that commit's workflows and policy. Only names stable across the commits are
 * used (workflow types and messages by name). Activities are fakes, as in
 * scripts/record-histories.ts; a story may make one of them slow.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { buildPolicy } from '../../lib/policy';
import { resolveTestServer } from '../provision/tools';

const DAY = 86_400_000;
const realSleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Env = TestWorkflowEnvironment;
interface Story {
  /** The commit whose workflow code records it: the one before the patch it is about. */
  commit: string;
  run(env: Env, taskQueue: string, fakes: Fakes): Promise<{ workflowId: string; runId?: string }>;
}
interface Fakes {
  confirmationDelayMs: number;
}

const person = (id: string, roles: string[] = [], extra: Record<string, unknown> = {}) => ({ id, roles, ...extra });
const untilTrue = async (what: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await what()); i++) await realSleep(50);
};

const STORIES: Record<string, Story> = {
  /**
   * A Partner renewal under a 60-day window whose first reminder (60 days and 90 s before the
   * deadline) came before the window opened, recorded before `late-window-reminders-sent`:
   * the old rule skips a reminder more than a minute late, so the first is skipped by its
   * one-minute grace (late by 90 s) and the second, on time, is sent; then the window ends.
   */
  'certification-window-before-patch': {
    commit: '2189d04',
    async run(env, taskQueue) {
      const policy = buildPolicy(
        { certification: { partnerWindow: 'P60D', windowReminders: ['P60DT1M30S', 'P7D'] } },
        'http://127.0.0.1:3000',
      );
      const h = await env.client.workflow.start('certificationWorkflow', {
        taskQueue,
        workflowId: 'certification-prog-history-9-1',
        args: [
          {
            caseId: 'case-history-9',
            levelSought: 'partner',
            policy,
            appliedBy: person('staff-9', ['program_staff'], { programId: 'prog-history-9' }),
            program: {
              id: 'prog-history-9',
              name: 'R',
              contactEmail: 'r@example.org',
              levelAtApplication: 'partner',
              certifiedUntilAtApplication: '2031-06-30',
            },
          },
        ],
      });
      const task = (await h.query<{ id: string; type: string }[]>('openTasks')).find(
        (t) => t.type === 'application_review',
      )!;
      await h.executeUpdate('completeTask', {
        args: [{ taskId: task.id, outcome: 'approve', actor: person('rev-1', ['quality_reviewer']) }],
      });
      await env.sleep(61 * DAY);
      await h.result();
      return { workflowId: h.workflowId };
    },
  },
  /**
   * A mentor referral recorded before `referral-address-confirmation`, its confirmation
   * e-mail slow (the mail server answers after 8 s) and its history past its limit (30
   * events, set low as the recorder's other continue-as-new stories do) by the time its
   * first offers are committed. A program's staff mark the volunteer contacted while the
   * e-mail is still going out; the case continues as new only once the e-mail is out.
   * The first run is the history.
   */
  'mentor-referral-slow-confirmation-continued-before-patch': {
    commit: 'c4090e3',
    async run(env, taskQueue, fakes) {
      fakes.confirmationDelayMs = 8000;
      const policy = { ...buildPolicy({}, 'http://127.0.0.1:3000'), maxHistoryEvents: 30 };
      const h = await env.client.workflow.start('mentorReferralWorkflow', {
        taskQueue,
        workflowId: 'mentor-referral-referral-history-9',
        args: [
          {
            caseId: 'referral-history-9',
            volunteer: {
              name: 'V',
              email: 'v-yolo-9@example.org',
              phone: '916-555-0100',
              county: 'Yolo',
              ageBand: '35-54',
              languages: ['English'],
              interests: [],
              youthAges: { min: 10, max: 14 },
              hoursPerMonth: 8,
              format: 'in_person',
            },
            policy,
            submittedBy: { id: 'volunteer', name: 'the volunteer' },
          },
        ],
      });
      await h.executeUpdate('caseRecorded');
      const task = (await h.query<{ id: string; type: string; ref?: string }[]>('openTasks')).find(
        (t) => t.type === 'contact_volunteer' && t.ref === 'ref-a',
      )!;
      const staff = person('staff-ref-a', ['program_staff'], { programId: 'ref-a' });
      await h.executeUpdate('completeTask', { args: [{ taskId: task.id, outcome: 'contacted', actor: staff }] });
      const firstRun = h.firstExecutionRunId;
      await untilTrue(async () => (await h.describe()).runId !== firstRun);
      return { workflowId: h.workflowId, runId: firstRun };
    },
  },
};

const History = temporal.api.history.v1.History;
function historyJson(history: unknown): string {
  const message = History.fromObject(history as Record<string, unknown>);
  return JSON.stringify(History.toObject(message, { longs: String, bytes: String, enums: String }), null, 1);
}

/** Inside the older tree: record the story and write it to `out` (never over an existing file). */
async function record(name: string, out: string): Promise<void> {
  const story = STORIES[name];
  const file = path.join(out, `${name}.json`);
  if (existsSync(file)) throw new Error(`${file} exists: histories are add-only`);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: resolveTestServer() } },
  });
  await env.connection.testService!.lockTimeSkipping({});
  const taskQueue = 'record-histories';
  const fakes: Fakes = { confirmationDelayMs: 0 };
  const DIRECTORY = ['a', 'b', 'c', 'd'].map((x) => ({
    programId: `ref-${x}`,
    name: `Program ref-${x}`,
    contactEmail: `ref-${x}@program.example`,
    reasons: ['serves the county'],
  }));
  const activities = {
    recordTransition: async () => ({ emailsSent: 0 }),
    recordIncident: async () => undefined,
    caseRecorded: async () => ({ recorded: true }),
    deliverEmails: async () => ({ sent: 0 }),
    sweepOutbox: async () => ({ sent: 0, pending: 0 }),
    issueReferenceLink: async () => ({ sent: true }),
    findReferralPrograms: async ({ exclude, limit }: { exclude: string[]; limit: number }) =>
      DIRECTORY.filter((p) => !exclude.includes(p.programId)).slice(0, limit),
    findPlaceablePrograms: async ({ exclude }: { exclude: string[] }) =>
      DIRECTORY.filter((p) => !exclude.includes(p.programId)).map(({ programId, name, contactEmail }) => ({
        programId,
        name,
        contactEmail,
      })),
    sendReferralConfirmation: async () => {
      await realSleep(fakes.confirmationDelayMs);
      return { sent: true };
    },
  };
  // The cases' queue and the mail queue beside it (older commits have only the first).
  const workers = await Promise.all(
    [taskQueue, `${taskQueue}-mail`].map((q, i) =>
      Worker.create({
        connection: env.nativeConnection,
        taskQueue: q,
        activities,
        ...(i === 0 ? { workflowsPath: require.resolve('../../workflows') } : {}),
      }),
    ),
  );
  const mail = workers[1].run();
  const { workflowId, runId } = await workers[0].runUntil(() => story.run(env, taskQueue, fakes));
  writeFileSync(file, historyJson(await env.client.workflow.getHandle(workflowId, runId).fetchHistory()));
  workers[1].shutdown();
  await mail;
  await env.teardown();
  console.log(`${name}: recorded with the workflow code of ${story.commit}, written to ${file}`);
}

/** From the repository: extract the story's commit, run this file there, clean up. */
function recordInOlderTree(name: string): void {
  const story = STORIES[name];
  if (!story) throw new Error(`unknown story ${name}; one of: ${Object.keys(STORIES).join(', ')}`);
  const root = path.resolve(__dirname, '../..');
  const out = path.join(root, 'test/histories/v2');
  const tree = mkdtempSync(path.join(os.tmpdir(), `mentorflow-${story.commit}-`));
  try {
    const archive = spawnSync('sh', ['-c', `git archive ${story.commit} | tar -x -C '${tree}'`], {
      cwd: root,
      stdio: 'inherit',
    });
    if (archive.status !== 0) throw new Error(`git archive ${story.commit} failed`);
    symlinkSync(realpathSync(path.join(root, 'node_modules')), path.join(tree, 'node_modules'));
    mkdirSync(path.join(tree, 'scripts/histories'), { recursive: true });
    cpSync(__filename, path.join(tree, 'scripts/histories/older-code.ts'));
    const run = spawnSync('npx', ['tsx', 'scripts/histories/older-code.ts', name, '--in-older-tree', out], {
      cwd: tree,
      stdio: 'inherit',
    });
    if (run.status !== 0) throw new Error(`${name} failed in the tree of ${story.commit}`);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}

const [name] = process.argv.slice(2);
const inTree = process.argv.indexOf('--in-older-tree');
const done =
  inTree >= 0 ? record(name, process.argv[inTree + 1]) : Promise.resolve().then(() => recordInOlderTree(name));
done.catch((err) => {
  console.error(err);
  process.exit(1);
});
