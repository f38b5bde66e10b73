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
 *   npm run replay-coverage -- --only foster/match.ts   the mutations of matching files
 *   npm run replay-coverage -- --kind date,email        the mutations of these kinds
 * An escaped mutation is replayed once more with a probe at its place instead (a sink call,
 * no command) to tell which: a place no history reaches, or a change equivalent for them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { ROOT } from '../lib/config';
import { mutatedWorkflows, WORKFLOWS } from '../lib/replay/mutated-workflows';
import { replayWithValues, VALUE_INTERCEPTOR_MODULE, type Drift } from '../lib/replay/values';
import { findMutations, VALUE_KINDS, type Mutation, type MutationKind } from './replay-coverage/mutations';

const HISTORIES = path.join(ROOT, 'test', 'histories');
type Loaded = { workflowId: string; type: string; history: temporal.api.history.v1.IHistory };

function loadHistories(): Loaded[] {
  const out: Loaded[] = [];
  for (const g of readdirSync(HISTORIES).filter((d) => /^v\d+$/.test(d)).sort()) {
    for (const f of readdirSync(path.join(HISTORIES, g)).filter((x) => x.endsWith('.json')).sort()) {
      const json = JSON.parse(readFileSync(path.join(HISTORIES, g, f), 'utf8'));
      const history = temporal.api.history.v1.History.fromObject(json);
      const type = history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '';
      out.push({ workflowId: `${g}/${f.replace(/\.json$/, '')}`, type, history });
    }
  }
  return out;
}

const driftKey = (d: Drift) => JSON.stringify([d.history, d.event, d.path, d.recorded, d.replayed]);

/** Bundles a workflows entry point with the value interceptors (no tracing, no preloading). */
const bundle = (workflowsPath: string) => bundleWorkflowCode({
  workflowsPath, workflowInterceptorModules: [VALUE_INTERCEPTOR_MODULE], logger: new DefaultLogger('ERROR'),
});

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

async function main(): Promise<void> {
  // Quiet: every caught mutation is a determinism error the core would otherwise log.
  const filter = makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' });
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter } } });
  const limit = Number(arg('--limit') ?? Infinity);
  const only = arg('--only');
  const kinds = arg('--kind')?.split(',');
  const histories = loadHistories();
  const { mutations, excluded } = findMutations();
  const wanted = (m: Mutation) => (!only || `workflows/${m.file}`.includes(only)) && (!kinds || kinds.includes(m.kind));
  const chosen = interleaved(mutations.filter(wanted)).slice(0, limit);
  const values = mutations.filter((m) => VALUE_KINDS.includes(m.kind)).length;
  const running = chosen.length < mutations.length ? `; running ${chosen.length}` : '';
  console.log(`${histories.length} histories; ${mutations.length} mutations (${values} of values)${running}`);
  console.log(`left out by rule: ${Object.entries(excluded).map(([k, n]) => `${n} ${k}`).join(', ')}`);
  const started = Date.now();
  // The control: unmutated code must replay every history, or every mutation would look caught;
  // its drifts (the accepted value changes) are the baseline a mutation's drifts are measured against.
  const baseline = new Set<string>();
  const unmutated = await bundle(path.join(WORKFLOWS, 'index.ts'));
  for await (const r of replayWithValues({ workflowBundle: unmutated }, histories)) {
    if (r.error) throw new Error(`${r.workflowId} does not replay against the unmutated workflows: ${r.error.message}`);
    for (const d of r.drifts) baseline.add(driftKey(d));
  }
  // Which file defines each workflow type: a mutation's own workflow's histories are replayed first.
  const typeFile = new Map<string, string>();
  const files = [...new Set(mutations.map((m) => m.file))];
  const sources = files.map((f) => [f, readFileSync(path.join(WORKFLOWS, f), 'utf8')] as const);
  for (const h of histories) {
    const defining = sources.find(([, text]) => text.includes(`function ${h.type}(`));
    if (defining) typeFile.set(h.type, defining[0]);
  }
  // Whether any history reaches a place: the probe reports there, changing nothing.
  const reaches = async (m: Mutation, i: number): Promise<boolean | undefined> => {
    const copy = mutatedWorkflows(`replay-coverage/p${i}`, m.probe);
    try {
      for await (const r of replayWithValues({ workflowBundle: await bundle(copy.entry) }, histories)) {
        if (r.replayed.some((v) => v.kind === 'probe')) return true;
      }
      return false;
    } catch {
      return undefined;
    } finally {
      copy.remove();
    }
  };
  const escaped: { m: Mutation; reached: boolean | undefined }[] = [];
  const unbuilt: Mutation[] = [];
  const tally = new Map<MutationKind, { caught: number; of: number }>();
  let caught = 0;
  for (const [i, m] of chosen.entries()) {
    const copy = mutatedWorkflows(`replay-coverage/m${i}`, m.edits);
    let found: string | undefined;
    let built = false;
    try {
      const workflowBundle = await bundle(copy.entry);
      built = true;
      const own = (h: Loaded) => Number(typeFile.get(h.type) === m.file);
      const ordered = [...histories].sort((a, b) => own(b) - own(a));
      for await (const r of replayWithValues({ workflowBundle }, ordered)) {
        const drift = r.drifts.find((d) => !baseline.has(driftKey(d)));
        if (r.error || drift) {
          found = r.error ? `${r.workflowId}: ${r.error.name}`
            : `${r.workflowId} event ${drift!.event} ${drift!.path || drift!.command}`;
          break; // One history that fails is enough.
        }
      }
    } catch (err) {
      if (built) throw err;
    } finally {
      copy.remove();
    }
    const where = `workflows/${m.file}:${m.line} ${m.kind}: ${m.what}`;
    if (!built) {
      // Not a mutant at all (it does not bundle): left out of the count, listed.
      unbuilt.push(m);
      console.log(`NOT BUILT ${where}`);
      continue;
    }
    const t = tally.get(m.kind) ?? { caught: 0, of: 0 };
    tally.set(m.kind, { caught: t.caught + (found ? 1 : 0), of: t.of + 1 });
    if (found) caught++;
    else escaped.push({ m, reached: await reaches(m, i) });
    if (verbose) console.log(found ? `caught  ${where} — ${found}` : `ESCAPED ${where} (${reachedText(escaped.at(-1)!.reached)})`);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const tested = chosen.length - unbuilt.length;
  if (escaped.length) {
    console.log('\nescaped (replayed green, values unchanged):');
    for (const { m, reached } of escaped) {
      console.log(`  workflows/${m.file}:${m.line} (${m.kind}) ${m.what} — ${reachedText(reached)}`);
    }
    const unreached = escaped.filter((e) => e.reached === false).length;
    const equivalent = escaped.filter((e) => e.reached === true).length;
    const unprobed = escaped.length - unreached - equivalent;
    console.log(`escaped: ${unreached} where no history reaches, ${equivalent} reached by a history`
      + ` but changing nothing it compares${unprobed ? `, ${unprobed} not probed` : ''}`);
  }
  if (unbuilt.length) console.log(`${unbuilt.length} mutations did not bundle and are not counted`);
  console.log(`\nby kind: ${[...tally].map(([k, t]) => `${k} ${t.caught}/${t.of}`).join(', ')}`);
  console.log(`${tested} mutations in ${seconds} s`);
  const valueCount = chosen.filter((m) => VALUE_KINDS.includes(m.kind) && !unbuilt.includes(m)).length;
  console.log(`replay coverage: caught ${caught} of ${tested} mutations (${valueCount} value mutations)`);
}

function reachedText(reached: boolean | undefined): string {
  if (reached === undefined) return 'probe failed';
  return reached ? 'reached: equivalent for the recorded histories' : 'no history reaches it';
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
