/**
 * The mutations `npm run replay-coverage` tries, found in the workflow code's TypeScript
 * AST. Each is a change a careless edit could make to code running cases replay:
 *   commands  sleep / activity: a new timer or activity inserted before an await point;
 *             remove: an awaited expression statement deleted; reorder: two adjacent
 *             awaited expression statements swapped;
 *   values    duration: a duration literal moved (an ISO duration in workflow code one unit
 *             longer, a millisecond constant one minute longer); date: a computed instant
 *             moved a day (each call of the calendar's date functions and each Date.now());
 *             email: the variables of an e-mail changed at each place one is built (each call
 *             of a process's or the platform's message builder, platform/emails/messages.ts:
 *             every value handed over gets ' (changed)'; the replay renders the template, so
 *             the recorded subject or text no longer matches).
 * Left out, by rule (counted and printed): literals of the policy's defaults (configuration a case
 * receives in its input; running cases replay with the policy they recorded) and the
 * activities' options in platform/workflow/activities.ts (timeouts and retries are not compared:
 * changing them is safe for running cases); removing or swapping a declaration (the
 * mutant would not compile: it uses a name the deletion removed); code inside an Update's
 * validator (it never runs on replay: see inValidator); code no workflow reaches — in a module
 * the bundle does not import for a value, or that no workflow names (a projection's row
 * writers, an activity's helpers: reachable.ts; `--check-left-out` probes them all).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { WORKFLOWS, workflowSourceFiles, type Edit } from '../../lib/replay/mutated-workflows';
import { workflowReachable } from './reachable';

export type MutationKind = 'sleep' | 'activity' | 'remove' | 'reorder' | 'duration' | 'date' | 'email';
export const VALUE_KINDS: MutationKind[] = ['duration', 'date', 'email'];

export interface Mutation {
  /** Relative to the repository. */
  file: string;
  line: number;
  kind: MutationKind;
  /** What changed, for the report. */
  what: string;
  edits: Edit[];
  /** The same place marked instead of changed: whether a history reaches it. */
  probe: Edit[];
}

const PROBE_HEADER = "import { proxySinks as __proxySinks } from '@temporalio/workflow';\n";
const PROBE_CALL = "__proxySinks().replayValues.command({ kind: 'probe', id: '', name: '', value: 0 })";

const isBlockLike = (n: ts.Node) => ts.isBlock(n) || ts.isSourceFile(n) || ts.isCaseClause(n) || ts.isDefaultClause(n);
const hasAwait = (n: ts.Node): boolean =>
  ts.isAwaitExpression(n) ||
  (ts.isForOfStatement(n) && !!n.awaitModifier) ||
  (!ts.isFunctionLike(n) && !!ts.forEachChild(n, (c) => hasAwait(c) || undefined));
/** Calendar functions that return an instant (ms) or a date: their results are moved a day. */
const INSTANT_FUNCTIONS = ['addDuration', 'subtractDuration', 'laStartOfDay', 'laYearEnd', 'startOfDay', 'yearEnd'];
const ISO_DURATION = /^P(\d+[YMWD])*(T(\d+[HMS])+)?$/;
const ACTIVITY_TIMEOUT = /^\d+ (second|minute|hour|day)s?$/;
const DAY = ' + 86_400_000';
const calleeName = (c: ts.CallExpression) =>
  ts.isIdentifier(c.expression)
    ? c.expression.text
    : ts.isPropertyAccessExpression(c.expression)
      ? c.expression.name.text
      : '';
const SLEEP_HEADER = "import { sleep as __mutationSleep } from '@temporalio/workflow';\n";

/** A message builder's call (`leaveEmail('request-approved', { … })`): its variables, else undefined. */
function emailVariables(c: ts.CallExpression): ts.ObjectLiteralExpression | ts.Identifier | undefined {
  const vars = c.arguments[1];
  const named = vars && (ts.isObjectLiteralExpression(vars) || ts.isIdentifier(vars));
  return /Email$/.test(calleeName(c)) && c.arguments.length === 2 && named ? vars : undefined;
}

/**
 * Inside an Update's validator: a function given as `validator:` in the options of a
 * `setHandler` call. A validator runs only when an Update arrives live, never on replay (an
 * accepted Update is replayed without it), so a change there reaches new Updates only.
 */
function inValidator(n: ts.Node): boolean {
  return !!ts.findAncestor(n, (p) => {
    if (!ts.isPropertyAssignment(p) || p.name.getText() !== 'validator') return false;
    if (!ts.isArrowFunction(p.initializer) && !ts.isFunctionExpression(p.initializer)) return false;
    const call = p.parent.parent;
    return (
      ts.isObjectLiteralExpression(p.parent) &&
      ts.isCallExpression(call) &&
      calleeName(call) === 'setHandler' &&
      call.arguments.includes(p.parent)
    );
  });
}

/** Every mutation of every workflow file, and how many candidates each exclusion rule left out. */
export function findMutations(): { mutations: Mutation[]; excluded: Record<string, number>; unreachable: Mutation[] } {
  const files = workflowSourceFiles().map((f) => path.join(WORKFLOWS, f));
  const sources = files.map((f) => ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true));
  const mutations: Mutation[] = [];
  /** Those left out as code no workflow reaches (their probes check the rule: no history may reach one). */
  const unreachable: Mutation[] = [];
  const excluded: Record<string, number> = {
    'DEFAULT_POLICY literal': 0,
    'activity option': 0,
    'declaration (remove/reorder)': 0,
    'Update validator': 0,
    'e-mail without variables': 0,
    'code no workflow reaches': 0,
  };
  const reachable = workflowReachable();
  for (const sf of sources) {
    const file = path.relative(WORKFLOWS, sf.fileName).replace(/\\/g, '/');
    const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const replace = (n: ts.Node, text: string): Omit<Edit, 'file'> => ({ from: n.getStart(sf), to: n.getEnd(), text });
    const wrap = (n: ts.Node, after: string) => replace(n, `(${n.getText(sf)})${after}`);
    // The probe of an expression reports before evaluating it; of a statement, before running it.
    const probe = (n: ts.Node): Edit[] => [
      ts.isStatement(n)
        ? { file, from: n.getStart(sf), to: n.getStart(sf), text: `${PROBE_CALL};\n`, header: PROBE_HEADER }
        : { file, ...replace(n, `(${PROBE_CALL}, ${n.getText(sf)})`), header: PROBE_HEADER },
    ];
    const add = (kind: MutationKind, n: ts.Node, what: string, edits: Omit<Edit, 'file'>[]) => {
      const m = { file, line: line(n), kind, what, edits: edits.map((e) => ({ file, ...e })), probe: probe(n) };
      if (inValidator(n)) excluded['Update validator']++;
      else if (!reachable.reaches(file, n)) {
        excluded['code no workflow reaches']++;
        unreachable.push(m);
      } else mutations.push(m);
    };
    // The platform's and each process's defaults: DEFAULT_POLICY, PLATFORM_POLICY_DEFAULTS, FOSTER_TASK_POLICY_DEFAULTS …
    const isDefaults = (name: string) => name === 'DEFAULT_POLICY' || name.endsWith('POLICY_DEFAULTS');
    const inDefaultPolicy = (n: ts.Node) =>
      !!ts.findAncestor(n, (p) => ts.isVariableDeclaration(p) && isDefaults(p.name.getText(sf)));
    const inActivityOptions = (n: ts.Node) =>
      file === 'platform/workflow/activities.ts' &&
      !!ts.findAncestor(n, (p) => ts.isCallExpression(p) && calleeName(p) === 'proxyActivities');
    const awaited = new Set<ts.Node>();

    const visit = (n: ts.Node): void => {
      // Await points: the statement (in a block) that awaits.
      if (ts.isAwaitExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) {
        let s: ts.Node = n;
        while (s.parent && !isBlockLike(s.parent)) s = s.parent;
        if (s.parent && !ts.isSourceFile(s.parent)) awaited.add(s);
      }
      const stringLike = ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n);
      if (stringLike && ISO_DURATION.test(n.text) && n.text !== 'P') {
        const longer = n.text.replace(/\d+/, (d) => String(Number(d) + 1));
        if (inDefaultPolicy(n)) excluded['DEFAULT_POLICY literal']++;
        else add('duration', n, `'${n.text}' one unit longer`, [replace(n, `'${longer}'`)]);
      }
      if (ts.isNumericLiteral(n)) {
        const v = Number(n.text.replace(/_/g, ''));
        const msConstant = v >= 60_000 && v % 60_000 === 0;
        const parent = n.parent;
        const times = ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AsteriskToken;
        if ((msConstant || (v === 1000 && times)) && inDefaultPolicy(n)) excluded['DEFAULT_POLICY literal']++;
        else if (msConstant || (v === 1000 && times)) {
          add('duration', n, `${n.text} ms one minute longer`, [replace(n, String(v + 60_000))]);
        }
      }
      if (ts.isStringLiteral(n) && ACTIVITY_TIMEOUT.test(n.text) && inActivityOptions(n)) excluded['activity option']++;
      if (ts.isCallExpression(n)) {
        const name = calleeName(n);
        if (INSTANT_FUNCTIONS.includes(name) && !ts.isFunctionDeclaration(n.parent)) {
          add('date', n, `${name}(…) a day later`, [wrap(n, DAY)]);
        }
        if (name === 'addDays' && n.arguments.length === 2) {
          add('date', n, 'addDays(…) a day more', [wrap(n.arguments[1], ' + 1')]);
        }
        if (name === 'now' && n.expression.getText(sf) === 'Date.now') {
          add('date', n, 'Date.now() a day later', [wrap(n, DAY)]);
        }
        const vars = emailVariables(n);
        // A message without variables can only change in its template file (not workflow code).
        if (vars && ts.isObjectLiteralExpression(vars) && !vars.properties.length)
          excluded['e-mail without variables']++;
        else if (vars) {
          const changed = `Object.fromEntries(Object.entries(${vars.getText(sf)}).map(([k, v]) => [k, \`\${v} (changed)\`]))`;
          add('email', vars, `e-mail ${n.arguments[0].getText(sf)} variables changed`, [
            replace(vars, `(${changed} as never)`),
          ]);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);

    const toShared = path.posix.relative(path.posix.dirname(file), 'platform/workflow/activities');
    const shared = toShared.startsWith('.') ? toShared : `./${toShared}`;
    const activityHeader = `import { recordIncident as __mutationActivity } from '${shared}';\n`;
    for (const s of [...awaited].sort((a, b) => a.getStart(sf) - b.getStart(sf))) {
      const at = s.getStart(sf);
      const sleep = 'await __mutationSleep(1);\n';
      add('sleep', s, 'a timer inserted', [{ from: at, to: at, text: sleep, header: SLEEP_HEADER }]);
      const activity = "await __mutationActivity({ caseId: '__mutation__' });\n";
      add('activity', s, 'an activity inserted', [{ from: at, to: at, text: activity, header: activityHeader }]);
      if (ts.isExpressionStatement(s)) add('remove', s, 'the awaited statement removed', [replace(s, '')]);
      else if (ts.isVariableStatement(s)) excluded['declaration (remove/reorder)']++;
      // The next statement of the same block, if it awaits too: the two swapped.
      const siblings = (s.parent as ts.Block).statements as ts.NodeArray<ts.Statement> | undefined;
      const next = siblings?.[siblings.indexOf(s as ts.Statement) + 1];
      if (!next || !hasAwait(next)) continue;
      if (ts.isExpressionStatement(s) && ts.isExpressionStatement(next)) {
        const swapped = [replace(s, next.getText(sf)), replace(next, s.getText(sf))];
        add('reorder', s, `swapped with line ${line(next)}`, swapped);
      } else if (ts.isVariableStatement(s) || ts.isVariableStatement(next)) excluded['declaration (remove/reorder)']++;
    }
  }
  return { mutations, excluded, unreachable };
}
