/**
 * A copy of the workflow code with edits applied, to be bundled and replayed: the replay
 * suite's negative controls and `npm run replay-coverage` use it to prove that a change to
 * the workflow code fails replay. The workflow code is every process folder but its API side
 * and its tests, and the platform's workflow parts (WORKFLOW_ROOTS); the copy keeps their
 * layout under .data/ inside the repository, so the bundler finds node_modules from it as it
 * does from the originals.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR, ROOT } from '../config';

/** What edits' `file` paths are relative to: the repository. */
export const WORKFLOWS = ROOT;
/** The folders the workflow bundle is built from, relative to the repository. */
export const WORKFLOW_ROOTS = ['processes', 'platform/workflow', 'platform/outbox', 'platform/emails'];
/** The bundle's entry point, relative to the repository. */
export const WORKFLOWS_ENTRY = 'processes/workflows.ts';

/** A process's API side and its tests are not workflow code (relative path, `/` separated). */
const notWorkflowCode = (rel: string) => /^processes\/[^/]+\/(api|test)(\/|$)/.test(rel);

/** Every workflow source file, relative to the repository, sorted. */
export function workflowSourceFiles(): string[] {
  const walk = (rel: string): string[] =>
    readdirSync(path.join(ROOT, rel))
      .sort()
      .flatMap((f) => {
        const r = `${rel}/${f}`;
        if (notWorkflowCode(r)) return [];
        return statSync(path.join(ROOT, r)).isDirectory() ? walk(r) : r.endsWith('.ts') ? [r] : [];
      });
  return WORKFLOW_ROOTS.flatMap(walk);
}

/** One edit: in `file` (relative to the repository), `text` replaces the characters [from, to). */
export interface Edit {
  file: string;
  from: number;
  to: number;
  text: string;
  /** Added at the top of the file (an import the edit needs). */
  header?: string;
}

/** An edit that replaces `find`, which must occur exactly once in the file (else the control would be void). */
export function replaceOnce(file: string, find: string, replacement: string): Edit {
  const text = readFileSync(path.join(WORKFLOWS, file), 'utf8');
  const at = text.indexOf(find);
  if (at < 0 || text.indexOf(find, at + 1) >= 0) throw new Error(`${file}: "${find}" must occur exactly once`);
  return { file, from: at, to: at + find.length, text: replacement };
}

/** Copies the workflow code to .data/<name>/ with the edits; returns the copy's entry point. */
export function mutatedWorkflows(name: string, edits: Edit[]): { entry: string; remove: () => void } {
  const dir = path.join(DATA_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const root of WORKFLOW_ROOTS) {
    cpSync(path.join(ROOT, root), path.join(dir, root), {
      recursive: true,
      filter: (src) => !notWorkflowCode(path.relative(ROOT, src).replace(/\\/g, '/')),
    });
  }
  const byFile = new Map<string, Edit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, fileEdits] of byFile) {
    const target = path.join(dir, file);
    let text = readFileSync(target, 'utf8');
    // From the end, so earlier offsets stay valid.
    for (const e of [...fileEdits].sort((a, b) => b.from - a.from)) {
      text = text.slice(0, e.from) + e.text + text.slice(e.to);
    }
    writeFileSync(target, fileEdits.map((e) => e.header ?? '').join('') + text);
  }
  const remove = () => rmSync(dir, { recursive: true, force: true });
  return { entry: path.join(dir, WORKFLOWS_ENTRY), remove };
}
