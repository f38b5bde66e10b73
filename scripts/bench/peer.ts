/**
 * The bench's peer: Flowable 7 (bench/peers/flowable: Spring Boot, its REST API, the
 * default embedded H2), built with Maven from Maven Central into the tools cache (CACHE_DIR; once
 * per source change), started on a free port, and driven by the same load code as
 * mentorflow: start a process with one human task; complete that task; and for P6, each
 * of a person's clicks at 1 and at 16 clients — start, complete, the candidate group's task
 * list (a page of 50), one process instance — through its own REST API.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../lib/config';
import { freePort } from '../provision/ports';
import { CACHE_DIR } from '../provision/tools';
import { http, load, type LoadResult } from './load';
import { CLICK_CLIENTS, samplesAt } from './clicks';
import type { ClickSet } from './report';

const SOURCE = path.join(ROOT, 'bench', 'peers', 'flowable');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return f === 'target' ? [] : statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** The peer's jar: from the cache when its sources are unchanged, else built with Maven. */
export function peerJar(log: (m: string) => void): string {
  const hash = createHash('sha256');
  for (const f of filesUnder(SOURCE).sort()) hash.update(f.slice(SOURCE.length)).update(readFileSync(f));
  const jar = path.join(CACHE_DIR, `flowable-peer-${hash.digest('hex').slice(0, 12)}.jar`);
  if (existsSync(jar)) return jar;
  log('building the Flowable peer with Maven (first run: dependencies from Maven Central)…');
  const built = spawnSync('mvn', ['-q', '-B', '-DskipTests', 'package'], { cwd: SOURCE, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the Flowable peer did not build (mvn package)');
  mkdirSync(CACHE_DIR, { recursive: true });
  copyFileSync(path.join(SOURCE, 'target', 'flowable-peer.jar'), jar);
  return jar;
}

export interface PeerFigures {
  name: string;
  starts: LoadResult;
  completions: LoadResult;
  /** P6: each click at 1 and at 16 clients. */
  clicks: ClickSet[];
  startupSeconds: number;
}

/** The peer started on a free port and answering; `stop` ends it. */
export async function startPeer(
  log: (m: string) => void,
): Promise<{ base: string; startupSeconds: number; stop: () => void }> {
  const jar = peerJar(log);
  const port = await freePort();
  const t0 = Date.now();
  const child: ChildProcess = spawn('java', ['-Xmx1g', '-jar', jar], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}/process-api`;
  const stop = () => void child.kill('SIGTERM');
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${base}/repository/process-definitions?key=approval`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (child.exitCode !== null || i > 240) throw new Error('the Flowable peer did not start');
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (err) {
    stop();
    throw err;
  }
  const startupSeconds = (Date.now() - t0) / 1000;
  log(`Flowable peer up in ${startupSeconds.toFixed(1)} s`);
  return { base, startupSeconds, stop };
}

/** Starts a process with one human task on the peer; answers the instance. */
export const peerStart = (base: string, key: string) =>
  http('POST', `${base}/runtime/process-instances`, undefined, { processDefinitionKey: 'approval', businessKey: key });

/** The open task of a process instance on the peer. */
export const peerTaskOf = async (base: string, instanceId: string): Promise<string> =>
  (await http('GET', `${base}/runtime/tasks?processInstanceId=${instanceId}`, undefined)).data[0].id;

/** Completes a task on the peer. */
export const peerComplete = (base: string, taskId: string) =>
  http('POST', `${base}/runtime/tasks/${taskId}`, undefined, { action: 'complete' }, [200, 204]);

export async function measurePeer(
  opts: { starts: number; completions: number; concurrency: number; clicks: number; clicksMany: number },
  log: (m: string) => void,
): Promise<PeerFigures> {
  const { base, startupSeconds, stop } = await startPeer(log);
  try {
    const start = (key: string) => peerStart(base, key);
    // Warm-up, as mentorflow's services are warm when measured.
    await load(20, 4, (i) => start(`warm-${i}`));
    // Open tasks to complete, each in a process of its own.
    const openTasks = async (count: number, tag: string) => {
      const tasks: string[] = [];
      await load(count, opts.concurrency, async (i) => {
        const instance = await start(`${tag}-${i}`);
        tasks.push(await peerTaskOf(base, instance.id));
      });
      return tasks;
    };
    const complete = (tasks: string[], clients: number) =>
      load(tasks.length, clients, (i) => peerComplete(base, tasks[i]));
    const starts = await load(opts.starts, opts.concurrency, (i) => start(`start-${i}`));
    const completions = await complete(await openTasks(opts.completions, 'complete'), opts.concurrency);
    const clicks: ClickSet[] = [];
    for (const clients of CLICK_CLIENTS) {
      const count = samplesAt(opts, clients);
      const instances: string[] = [];
      const started = await load(count, clients, async (i) =>
        instances.push((await start(`click-${clients}-${i}`)).id),
      );
      const completed = await complete(await openTasks(count, `click-task-${clients}`), clients);
      const inbox = await load(count, clients, () =>
        http('GET', `${base}/runtime/tasks?candidateGroup=hr_officer&size=50`, undefined),
      );
      const open = await load(count, clients, (i) =>
        http('GET', `${base}/runtime/process-instances/${instances[i % instances.length]}`, undefined),
      );
      clicks.push({ clients, timed: { start: started, complete: completed, inbox, open } });
    }
    return { name: 'Flowable 7.1 (REST, embedded H2)', starts, completions, clicks, startupSeconds };
  } finally {
    stop();
  }
}
