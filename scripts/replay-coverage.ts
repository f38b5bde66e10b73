/**
 * `npm run replay-coverage`: how well the recorded histories protect running cases. Each
 * mutation of scripts/replay-coverage/mutations.ts — commands (a timer or an activity
 * inserted before an await point, an awaited statement removed, two swapped) and values (a
 * duration or a computed date moved, an e-mail's subject or text changed) — is applied in
 * turn to a copy of workflows/, bundled, and every recorded history replayed against it with
 * the value comparison of lib/replay/values.ts. A mutation is caught when a history fails
 * Temporal's replay or shows a value drift the unmutated code does not; one that replays
 * green and unchanged escaped: no recorded history reaches it, or it changes nothing that
 * is compared (both listed). Ends with
 * `replay coverage: caught N of M mutations (V value mutations)`.
 *   npm run replay-coverage                  every mutation (about 550; see docs/running-cases.md)
 *   npm run replay-coverage -- --limit 6     the first 6, one of each kind in turn (CI smoke)
 *   npm run replay-coverage -- --only foster/match.ts   the mutations of matching files (a,b: of either)
 *   npm run replay-coverage -- --kind date,email        the mutations of these kinds
 *   npm run replay-coverage -- --lanes 2                two judges at once (one per core to spare)
 *   npm run replay-coverage -- --check-left-out         probes at the places left out as code
 *                                                       no workflow reaches: no history may reach one
 * An escaped mutation is replayed once more with a probe at its place instead (a sink call,
 * no command) to tell which: a place no history reaches, or a change equivalent for them.
 * The judging runs in a child process (scripts/replay-coverage/judge.ts); a mutant whose
 * replay does not finish within --timeout seconds (default 120), or that takes the child
 * down, is caught — such a change would leave running cases stuck — and the child restarts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../lib/config';
import { findMutations, VALUE_KINDS, type Mutation, type MutationKind } from './replay-coverage/mutations';
import { loadHistories, reachedLeftOut, serve, type Verdict } from './replay-coverage/judge';

/** Round-robin over the kinds, so that the first K (the CI smoke) try each kind. */
function interleaved(mutations: Mutation[]): Mutation[] {
  const byKind = new Map<MutationKind, Mutation[]>();
  for (const m of mutations) byKind.set(m.kind, [...(byKind.get(m.kind) ?? []), m]);
  const out: Mutation[] = [];
  for (let i = 0; out.length < mutations.length; i++) {
    for (const list of byKind.values()) if (list[i]) out.push(list[i]);
  }
  return out;
}

const verbose = process.argv.includes('--verbose');
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);

/** The judge in a child process, restarted when a verdict does not come in time. */
class Judge {
  private child?: ChildProcess;
  private ready?: Promise<void>;

  private startChild(): Promise<void> {
    const stdio = ['ignore', 'inherit', 'inherit', 'ipc'] as const;
    const child = fork(__filename, ['--child'], { execArgv: process.execArgv, stdio: [...stdio] });
    this.child = child;
    return new Promise((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`the judge stopped before it was ready (exit ${code})`)));
    });
  }

  /** The verdict on mutation `index`, or the reason it did not come. */
  async judge(index: number, timeoutMs: number): Promise<Verdict | string> {
    this.ready ??= this.startChild();
    await this.ready;
    const child = this.child!;
    return new Promise((resolve) => {
      const done = (v: Verdict | string) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (typeof v === 'string') this.stop();
        resolve(v);
      };
      const onMessage = (v: Verdict) => done(v);
      const onExit = (code: number | null) => done(`the replay took the judge down (exit ${code})`);
      const timer = setTimeout(() => done(`the replay did not finish in ${timeoutMs / 1000} s`), timeoutMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ index });
    });
  }

  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
    this.ready = undefined;
  }
}

function reachedText(reached: boolean | undefined): string {
  if (reached === undefined) return 'probe failed';
  return reached ? 'reached: equivalent for the recorded histories' : 'no history reaches it';
}

/** `--check-left-out`: no history may reach a place left out as code no workflow reaches. */
async function checkLeftOut(): Promise<void> {
  const started = Date.now();
  const { checked, reached } = await reachedLeftOut();
  for (const m of reached) console.log(`REACHED ${m.file}:${m.line} (${m.kind}) ${m.what}`);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    `left out as code no workflow reaches: ${checked}, reached by a history: ${reached.length} (${seconds} s)`,
  );
  if (reached.length) process.exitCode = 1;
}

async function main(): Promise<void> {
  if (process.argv.includes('--check-left-out')) return checkLeftOut();
  const limit = Number(arg('--limit') ?? Infinity);
  const only = arg('--only');
  const kinds = arg('--kind')?.split(',');
  const timeoutMs = Number(arg('--timeout') ?? 120) * 1000;
  const histories = loadHistories();
  const { mutations, excluded } = findMutations();
  const wanted = (m: Mutation) =>
    (!only || only.split(',').some((o) => m.file.includes(o))) && (!kinds || kinds.includes(m.kind));
  const chosen = interleaved(mutations.filter(wanted)).slice(0, limit);
  const values = mutations.filter((m) => VALUE_KINDS.includes(m.kind)).length;
  const running = chosen.length < mutations.length ? `; running ${chosen.length}` : '';
  console.log(`${histories.length} histories; ${mutations.length} mutations (${values} of values)${running}`);
  console.log(
    `left out by rule: ${Object.entries(excluded)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')}`,
  );
  const started = Date.now();
  const lanes = Math.max(1, Number(arg('--lanes') ?? 1));
  const escaped: { m: Mutation; reached: boolean | undefined }[] = [];
  const unbuilt: Mutation[] = [];
  const tally = new Map<MutationKind, { caught: number; of: number }>();
  let caught = 0;
  const record = (m: Mutation, v: Verdict | string) => {
    const where = `${m.file}:${m.line} ${m.kind}: ${m.what}`;
    if (typeof v !== 'string' && !v.built) {
      // Not a mutant at all (it does not bundle): left out of the count, listed.
      unbuilt.push(m);
      console.log(`NOT BUILT ${where}`);
      return;
    }
    const found = typeof v === 'string' ? v : v.found;
    const t = tally.get(m.kind) ?? { caught: 0, of: 0 };
    tally.set(m.kind, { caught: t.caught + (found ? 1 : 0), of: t.of + 1 });
    if (found) caught++;
    else escaped.push({ m, reached: (v as Verdict).reached });
    if (verbose) {
      const verdict = found
        ? `caught  ${where} — ${found}`
        : `ESCAPED ${where} (${reachedText(escaped.at(-1)!.reached)})`;
      console.log(verdict);
    }
  };
  // Each lane its own judge (its own child), taking the next mutation as it finishes one.
  let next = 0;
  const judges = Array.from({ length: lanes }, () => new Judge());
  await Promise.all(
    judges.map(async (judge) => {
      while (next < chosen.length) {
        const m = chosen[next++];
        record(m, await judge.judge(mutations.indexOf(m), timeoutMs));
      }
    }),
  );
  for (const judge of judges) judge.stop();
  // A judge stopped mid-mutation leaves its copy behind.
  rmSync(path.join(DATA_DIR, 'replay-coverage'), { recursive: true, force: true });
  const seconds = Math.round((Date.now() - started) / 1000);
  const tested = chosen.length - unbuilt.length;
  if (escaped.length) {
    console.log('\nescaped (replayed green, values unchanged):');
    for (const { m, reached } of escaped) {
      console.log(`  ${m.file}:${m.line} (${m.kind}) ${m.what} — ${reachedText(reached)}`);
    }
    const unreached = escaped.filter((e) => e.reached === false).length;
    const equivalent = escaped.filter((e) => e.reached === true).length;
    const unprobed = escaped.length - unreached - equivalent;
    console.log(
      `escaped: ${unreached} where no history reaches, ${equivalent} reached by a history` +
        ` but changing nothing it compares${unprobed ? `, ${unprobed} not probed` : ''}`,
    );
  }
  if (unbuilt.length) console.log(`${unbuilt.length} mutations did not bundle and are not counted`);
  console.log(`\nby kind: ${[...tally].map(([k, t]) => `${k} ${t.caught}/${t.of}`).join(', ')}`);
  console.log(`${tested} mutations in ${seconds} s (${lanes} lane${lanes > 1 ? 's' : ''})`);
  const valueCount = chosen.filter((m) => VALUE_KINDS.includes(m.kind) && !unbuilt.includes(m)).length;
  console.log(`replay coverage: caught ${caught} of ${tested} mutations (${valueCount} value mutations)`);
}

if (process.argv.includes('--child')) {
  serve();
} else {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
