import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * Which rooms of a source tree import values from which: a room is a folder directly under the tree
 * (`store`) or a file at its root (`errors.ts`). Type-only imports are left out: they vanish at
 * compile time, so they tie nothing together at run time.
 */
export interface ImportGraph {
  /** Every room of the tree, whether it imports anything or not. */
  rooms: string[];
  /** A room to the other rooms it imports values from. */
  edges: Map<string, Set<string>>;
  /** `from -> to` to the file-level imports behind that edge, for failure messages. */
  evidence: Map<string, string[]>;
}

/**
 * The relative and package modules a file imports or re-exports values from, dynamic `import('…')`
 * included. Skipped: `import type`, `export type`, and a `{ … }` list whose every name is marked
 * `type`; a side-effect import (`import './x.js'`) counts, as it runs the module.
 */
export function valueImportsOf(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!isTypeOnlyImport(node.importClause)) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const names = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      if (!node.isTypeOnly && !allTypeOnly(names)) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isTypeOnlyImport(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  if (clause.name || !clause.namedBindings) return false;
  return ts.isNamedImports(clause.namedBindings) && allTypeOnly(clause.namedBindings.elements);
}

/** `{ type A, type B }`; an empty `{}` is not, as nothing in it says so. */
function allTypeOnly(names: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier> | undefined): boolean {
  return names !== undefined && names.length > 0 && names.every((name) => name.isTypeOnly);
}

/** Reads every `.ts` file under `root` (declaration files aside) and builds its rooms' value-import graph. */
export function importGraph(root: string): ImportGraph {
  const top = resolve(root);
  const files = readdirSync(top, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => join(top, name));
  const roomOf = (file: string) => {
    const [first = '', ...inside] = relative(top, file).split(sep);
    return inside.length > 0 ? first : first.replace(/\.js$/, '.ts');
  };
  const rooms = readdirSync(top, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')))
    .map((entry) => entry.name);
  const edges = new Map<string, Set<string>>();
  const evidence = new Map<string, string[]>();
  for (const file of files) {
    for (const specifier of valueImportsOf(file, readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const target = resolve(dirname(file), specifier);
      if (relative(top, target).startsWith('..')) continue;
      const [from, to] = [roomOf(file), roomOf(target)];
      if (from === to) continue;
      edges.set(from, (edges.get(from) ?? new Set()).add(to));
      const key = `${from} -> ${to}`;
      const line = `${relative(top, file)} -> ${relative(top, target).replace(/\.js$/, '.ts')}`;
      evidence.set(key, [...(evidence.get(key) ?? []), line]);
    }
  }
  return { rooms: rooms.sort(), edges, evidence };
}

/**
 * The cycles of a directed graph: each strongly connected component of more than one node (or a
 * node that reaches itself), its members sorted, the list sorted. Tarjan's algorithm.
 */
export function findCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const seen = new Map<string, { index: number; low: number }>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string): { index: number; low: number } => {
    const mine = { index: seen.size, low: seen.size };
    seen.set(node, mine);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      const known = seen.get(next);
      if (!known) mine.low = Math.min(mine.low, connect(next).low);
      else if (onStack.has(next)) mine.low = Math.min(mine.low, known.index);
    }
    if (mine.low === mine.index) {
      // The node is the root of its component: the component is the node and all stacked above it.
      const component = stack.splice(stack.lastIndexOf(node));
      for (const member of component) onStack.delete(member);
      if (component.length > 1 || edges.get(node)?.has(node)) cycles.push(component.sort());
    }
    return mine;
  };
  for (const node of edges.keys()) if (!seen.has(node)) connect(node);
  return cycles.sort((a, b) => a.join().localeCompare(b.join()));
}

/**
 * The edges that do not point down: `floors` lists the rooms lowest first, and a room may import
 * only from rooms on a lower floor. An edge from or to a room on no floor is reported too.
 */
export function edgesNotDown(
  edges: ReadonlyMap<string, ReadonlySet<string>>,
  floors: readonly (readonly string[])[],
): string[] {
  const floorOf = new Map(floors.flatMap((rooms, floor) => rooms.map((room) => [room, floor] as const)));
  const wrong: string[] = [];
  for (const [from, targets] of edges) {
    for (const to of targets) {
      const [a, b] = [floorOf.get(from), floorOf.get(to)];
      if (a === undefined || b === undefined || a <= b) wrong.push(`${from} -> ${to}`);
    }
  }
  return wrong.sort();
}
