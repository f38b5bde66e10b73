/**
 * `npm run replay-coverage`: how well the recorded histories protect running cases. For
 * every await point of every workflow, in turn, it inserts a mutation just before it —
 * a `sleep` (a new timer), and separately an extra activity call — rebuilds the workflow
 * bundle, and replays every recorded history against it. A mutation that some history
 * fails on is caught; one that replays green escaped, which means no recorded history
 * reaches that point: a code path where a careless change would break running cases
 * without any test noticing. Ends with `replay coverage: caught N of M mutations`.
 *   npm run replay-coverage                 every await point, both mutations
 *   npm run replay-coverage -- --limit 8    the first 8 mutations (CI smoke)
 *   npm run replay-coverage -- --only foster/match.ts   the await points of matching files
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, Runtime, Worker } from '@temporalio/worker';
import { DATA_DIR, ROOT } from '../lib/config';

const WORKFLOWS = path.join(ROOT, 'workflows');
const HISTORIES = path.join(ROOT, 'test', 'histories');
const WORK = path.join(DATA_DIR, 'replay-coverage');

interface Mutation {
  file: string;
  line: number;
  kind: 'sleep' | 'activity';
  /** Character offset of the statement the mutation goes before. */
  at: number;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The statements (in a block) that await something: each is an await point. */
function awaitPoints(file: string): { at: number; line: number }[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const points = new Map<number, number>();
  const visit = (node: ts.Node): void => {
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) {
      let s: ts.Node = node;
      while (s.parent && !(ts.isBlock(s.parent) || ts.isSourceFile(s.parent) || ts.isCaseClause(s.parent))) s = s.parent;
      if (s.parent && !ts.isSourceFile(s.parent)) {
        const at = s.getStart(sf);
        points.set(at, sf.getLineAndCharacterOfPosition(at).line + 1);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return [...points].map(([at, line]) => ({ at, line })).sort((a, b) => a.at - b.at);
}

function loadHistories() {
  const out: { workflowId: string; history: temporal.api.history.v1.IHistory }[] = [];
  for (const g of readdirSync(HISTORIES).filter((d) => /^v\d+$/.test(d))) {
    for (const f of readdirSync(path.join(HISTORIES, g)).filter((x) => x.endsWith('.json'))) {
      out.push({ workflowId: `${g}/${f}`, history: temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path.join(HISTORIES, g, f), 'utf8'))) });
    }
  }
  return out;
}

/** A copy of workflows/ with one mutation applied; returns the copy's entry point. */
function mutatedCopy(m: Mutation, n: number): string {
  const dir = path.join(WORK, `m${n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(WORKFLOWS, path.join(dir, 'workflows'), { recursive: true });
  const target = path.join(dir, 'workflows', path.relative(WORKFLOWS, m.file));
  const text = readFileSync(target, 'utf8');
  const toShared = path.relative(path.dirname(target), path.join(dir, 'workflows', 'shared', 'activities')).replace(/\\/g, '/');
  const header = m.kind === 'sleep'
    ? "import { sleep as __mutationSleep } from '@temporalio/workflow';\n"
    : `import { recordIncident as __mutationActivity } from '${toShared.startsWith('.') ? toShared : `./${toShared}`}';\n`;
  const inserted = m.kind === 'sleep' ? 'await __mutationSleep(1);\n' : "await __mutationActivity({ caseId: '__mutation__' });\n";
  writeFileSync(target, header + text.slice(0, m.at) + inserted + text.slice(m.at));
  return path.join(dir, 'workflows', 'index.ts');
}

async function main(): Promise<void> {
  // Quiet: every caught mutation is a determinism error the core would otherwise log.
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }) } } });
  const limitArg = process.argv.indexOf('--limit');
  const limit = limitArg > 0 ? Number(process.argv[limitArg + 1]) : Infinity;
  const histories = loadHistories();
  const mutations: Mutation[] = [];
  for (const file of filesUnder(WORKFLOWS)) {
    for (const p of awaitPoints(file)) for (const kind of ['sleep', 'activity'] as const) mutations.push({ file, line: p.line, kind, at: p.at });
  }
  const onlyArg = process.argv.indexOf('--only');
  const only = onlyArg > 0 ? process.argv[onlyArg + 1] : undefined;
  const chosen = mutations.filter((m) => !only || path.relative(ROOT, m.file).includes(only)).slice(0, limit);
  console.log(`${histories.length} histories; ${mutations.length} mutations at ${mutations.length / 2} await points${chosen.length < mutations.length ? `; running ${chosen.length}` : ''}`);
  const started = Date.now();
  // The control: unmutated code must replay every history, or every mutation would look caught.
  const baseline = await bundleWorkflowCode({ workflowsPath: path.join(WORKFLOWS, 'index.ts'), logger: new DefaultLogger('ERROR') });
  for await (const r of Worker.runReplayHistories({ workflowBundle: baseline }, histories)) {
    if (r.error) throw new Error(`${r.workflowId} does not replay against the unmutated workflows: ${r.error.message}`);
  }
  const escaped: string[] = [];
  let caught = 0;
  for (const [i, m] of chosen.entries()) {
    const where = `${path.relative(ROOT, m.file)}:${m.line} (${m.kind})`;
    const bundle = await bundleWorkflowCode({ workflowsPath: mutatedCopy(m, i), logger: new DefaultLogger('ERROR') });
    let failed = false;
    for await (const r of Worker.runReplayHistories({ workflowBundle: bundle }, histories)) if (r.error) failed = true;
    if (failed) caught++;
    else escaped.push(where);
    rmSync(path.join(WORK, `m${i}`), { recursive: true, force: true });
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  if (escaped.length) {
    console.log('\nescaped (no recorded history reaches these points):');
    for (const e of escaped) console.log(`  ${e}`);
  }
  console.log(`\n${chosen.length} mutations in ${seconds} s`);
  console.log(`replay coverage: caught ${caught} of ${chosen.length} mutations`);
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
