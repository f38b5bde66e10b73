/**
 * What the platform must not name: everything a process declares in its descriptor — case
 * and task types, roles, refusal codes, activities, mailboxes, projection kinds, workflow
 * types, one-time link paths — and any process's module but through the registry. What stays
 * in platform/ and lib/ though a process uses it is shared vocabulary, named in
 * docs/adding-a-process.md ("What the platform names") with the reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CASE_TYPES, PROCESSES, TASK_TYPES } from '../../platform/workflow/registry';

/** Every `.ts` file under a folder. */
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** What only a process declares, each as the pattern that finds it named in code. */
function processVocabulary(): { what: string; name: string; pattern: RegExp }[] {
  const quoted = (what: string, names: readonly string[]) =>
    names.map((name) => ({ what, name, pattern: new RegExp(`['"\`]${escape(name)}['"\`]`) }));
  const word = (what: string, names: readonly string[]) =>
    names.map((name) => ({ what, name, pattern: new RegExp(`\\b${escape(name)}\\b`) }));
  // Quoted, or a key of an object literal (a table of codes).
  const codes = (what: string, names: readonly string[]) =>
    names.map((name) => ({ what, name, pattern: new RegExp(`['"\`]${name}['"\`]|^\\s+${name}:`, 'm') }));
  const literal = (what: string, names: readonly string[]) =>
    names.map((name) => ({ what, name, pattern: new RegExp(escape(name)) }));
  const all = <T>(f: (p: (typeof PROCESSES)[number]) => readonly T[] | undefined) =>
    PROCESSES.flatMap((p) => f(p) ?? []);
  return [
    ...quoted('case type', CASE_TYPES),
    ...quoted('task type', TASK_TYPES),
    ...quoted(
      'role',
      all((p) => Object.keys(p.roles ?? {})),
    ),
    ...codes(
      'refusal code',
      all((p) => Object.keys(p.refusals ?? {})),
    ),
    ...word(
      'activity',
      all((p) => [...(p.activities?.cases ?? []), ...(p.activities?.mail ?? [])]),
    ),
    ...literal(
      'mailbox',
      all((p) => Object.values<string>(p.mailboxes ?? {})),
    ),
    ...quoted(
      'projection kind',
      all((p) => p.projectionKinds),
    ),
    ...word(
      'workflow type',
      all((p) => p.workflows),
    ),
    ...literal(
      'one-time link path',
      all((p) => p.oneTimeLinkPaths),
    ),
  ];
}

/** A platform module importing a process's (the registry, processes/index.ts, and the bundle's entry are the doors). */
const PROCESS_IMPORT = /(?:from |require(?:\.resolve)?\()'(?:\.\.\/)+processes\/(?!workflows')[^']+'/;

/** `file: what name` for each naming of a process's vocabulary, or import of its module, in platform/ and lib/. */
export function platformNamings(root: string): string[] {
  const vocabulary = processVocabulary();
  return [...files(path.join(root, 'platform')), ...files(path.join(root, 'lib'))].flatMap((f) => {
    const text = readFileSync(f, 'utf8');
    const where = path.relative(root, f);
    const named = vocabulary.filter((v) => v.pattern.test(text)).map((v) => `${where}: ${v.what} ${v.name}`);
    const imported = PROCESS_IMPORT.exec(text);
    return imported ? [...named, `${where}: imports ${imported[0]}`] : named;
  });
}
