/**
 * Which workflow code a workflow can run: the rule by which `npm run replay-coverage` leaves
 * out code that the workflow bundle carries (or that sits in a workflow folder) but that only
 * activities and the API call — a process's projection row writers, the e-mail overrides, an
 * activity's helpers. A timer "inserted" there is no workflow change, so mutating it says
 * nothing about the recorded histories.
 *
 * The rule, from the TypeScript program of the bundle's entry point (processes/workflows.ts,
 * so only the modules the bundle imports are in it): every workflow it exports is reached,
 * and so is each top-level statement that is not a declaration (it runs when the bundle
 * loads); whatever a reached piece of code names — a function, a variable, an object's
 * method, a class — is reached in turn, whole (a named object reaches all its methods, a
 * named function everything inside it). A mutation is kept when its place lies in reached
 * code. Naming counts, not calling: a function handed over as a callback is reached, so the
 * rule can only keep too much, never leave out code a workflow runs through a name.
 */
import path from 'node:path';
import ts from 'typescript';
import { WORKFLOWS, WORKFLOWS_ENTRY } from '../../lib/replay/mutated-workflows';

/** The pieces of code that are reached or not as a whole. */
const isUnit = (n: ts.Node) =>
  ts.isFunctionDeclaration(n) ||
  ts.isVariableDeclaration(n) ||
  ts.isClassDeclaration(n) ||
  ts.isMethodDeclaration(n) ||
  ts.isPropertyAssignment(n) ||
  ts.isShorthandPropertyAssignment(n) ||
  ts.isGetAccessorDeclaration(n) ||
  ts.isSetAccessorDeclaration(n) ||
  ts.isPropertyDeclaration(n) ||
  ts.isEnumDeclaration(n);

export interface Reachable {
  /** Whether code at `pos` of `file` (relative to the repository) can run in a workflow. */
  reaches(file: string, node: ts.Node): boolean;
}

/**
 * The modules the bundle holds: those the entry point imports for a value (not `import type`,
 * not only type-only names), and those they import so, in turn. An activity's module that
 * workflow code names only for its type is not among them.
 */
function valueImported(program: ts.Program, ours: (sf: ts.SourceFile) => boolean): Set<ts.SourceFile> {
  const checker = program.getTypeChecker();
  const out = new Set<ts.SourceFile>();
  const add = (sf: ts.SourceFile | undefined) => {
    if (!sf || !ours(sf) || out.has(sf)) return;
    out.add(sf);
    for (const st of sf.statements) {
      let forValue = false;
      if (ts.isImportDeclaration(st)) {
        const clause = st.importClause;
        const bindings = clause?.namedBindings;
        forValue =
          !clause ||
          (!clause.isTypeOnly &&
            (!!clause.name ||
              !bindings ||
              ts.isNamespaceImport(bindings) ||
              bindings.elements.some((e) => !e.isTypeOnly)));
      } else if (ts.isExportDeclaration(st) && st.moduleSpecifier) {
        const clause = st.exportClause;
        forValue =
          !st.isTypeOnly && (!clause || !ts.isNamedExports(clause) || clause.elements.some((e) => !e.isTypeOnly));
      }
      const specifier = (st as ts.ImportDeclaration | ts.ExportDeclaration).moduleSpecifier;
      if (!forValue || !specifier) continue;
      const target = checker.getSymbolAtLocation(specifier)?.valueDeclaration;
      if (target && ts.isSourceFile(target)) add(target);
    }
  };
  add(program.getSourceFile(path.join(WORKFLOWS, WORKFLOWS_ENTRY)));
  return out;
}

/** The reached code of the workflow bundle, as described above. */
export function workflowReachable(): Reachable {
  const config = ts.readConfigFile(path.join(WORKFLOWS, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, WORKFLOWS);
  const entry = path.join(WORKFLOWS, WORKFLOWS_ENTRY);
  const program = ts.createProgram([entry], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const ours = (sf: ts.SourceFile) => !sf.isDeclarationFile && !sf.fileName.includes('/node_modules/');
  const bundled = valueImported(program, ours);
  const reached = new Set<ts.Node>();
  const queue: ts.Node[] = [];
  const reach = (n: ts.Node) => {
    if (reached.has(n)) return;
    reached.add(n);
    queue.push(n);
  };
  const declarationsOf = (symbol: ts.Symbol | undefined): ts.Declaration[] => {
    if (!symbol) return [];
    const s = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    return s.declarations ?? [];
  };
  const unitOf = (d: ts.Node): ts.Node | undefined => ts.findAncestor(d, isUnit);

  const entryFile = program.getSourceFile(entry)!;
  for (const s of checker.getExportsOfModule(checker.getSymbolAtLocation(entryFile)!)) {
    for (const d of declarationsOf(s)) reach(unitOf(d) ?? d);
  }
  for (const sf of bundled) {
    for (const st of sf.statements) {
      const declares =
        ts.isFunctionDeclaration(st) ||
        ts.isVariableStatement(st) ||
        ts.isClassDeclaration(st) ||
        ts.isEnumDeclaration(st) ||
        ts.isInterfaceDeclaration(st) ||
        ts.isTypeAliasDeclaration(st) ||
        ts.isImportDeclaration(st) ||
        ts.isExportDeclaration(st);
      if (!declares) reach(st);
    }
  }
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) {
      const symbols = [checker.getSymbolAtLocation(n)];
      if (ts.isShorthandPropertyAssignment(n.parent)) {
        symbols.push(checker.getShorthandAssignmentValueSymbol(n.parent));
      }
      for (const d of symbols.flatMap(declarationsOf)) {
        // Not in the bundle: an activity named through the type its proxy is made from, say.
        if (!bundled.has(d.getSourceFile())) continue;
        const unit = unitOf(d);
        if (unit) reach(unit);
      }
    }
    // A computed property name (`[PROGRAM]`) is reached through its object, not through the constant.
    ts.forEachChild(n, visit);
  };
  while (queue.length) visit(queue.pop()!);

  const byFile = new Map<string, ts.SourceFile>();
  for (const sf of bundled) {
    byFile.set(path.relative(WORKFLOWS, sf.fileName).replace(/\\/g, '/'), sf);
  }
  return {
    reaches(file, node) {
      const sf = byFile.get(file);
      // A file the bundle does not import: nothing in it runs in a workflow.
      if (!sf) return false;
      // The node comes from another parse of the same text: find the same place in this one.
      const at = node.getStart();
      const end = node.getEnd();
      let found: ts.Node | undefined;
      const find = (n: ts.Node): void => {
        if (n.getStart(sf) <= at && n.getEnd() >= end) {
          found = n;
          ts.forEachChild(n, find);
        }
      };
      ts.forEachChild(sf, find);
      return !!found && !!ts.findAncestor(found, (p) => reached.has(p));
    },
  };
}
