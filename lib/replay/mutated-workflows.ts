/**
 * A copy of workflows/ with edits applied, to be bundled and replayed: the replay suite's
 * negative controls and `npm run replay-coverage` use it to prove that a change to the
 * workflow code fails replay. The copy lives under .data/ inside the repository, so the
 * bundler finds node_modules from it as it does from workflows/.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR, ROOT } from '../config';

export const WORKFLOWS = path.join(ROOT, 'workflows');

/** One edit: in `file` (relative to workflows/), `text` replaces the characters [from, to). */
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

/** Copies workflows/ to .data/<name>/workflows with the edits; returns the copy's entry point. */
export function mutatedWorkflows(name: string, edits: Edit[]): { entry: string; remove: () => void } {
  const dir = path.join(DATA_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(WORKFLOWS, path.join(dir, 'workflows'), { recursive: true });
  const byFile = new Map<string, Edit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, fileEdits] of byFile) {
    const target = path.join(dir, 'workflows', file);
    let text = readFileSync(target, 'utf8');
    // From the end, so earlier offsets stay valid.
    for (const e of [...fileEdits].sort((a, b) => b.from - a.from)) {
      text = text.slice(0, e.from) + e.text + text.slice(e.to);
    }
    writeFileSync(target, fileEdits.map((e) => e.header ?? '').join('') + text);
  }
  const remove = () => rmSync(dir, { recursive: true, force: true });
  return { entry: path.join(dir, 'workflows', 'index.ts'), remove };
}
