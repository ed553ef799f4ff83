// The import graph's rules called directly: which imports count, how cycles are found, which edges
// do not point down; and the whole reading on a small tree written for the test.
import t from 'tap';
import { edgesNotDown, findCycles, importGraph, valueImportsOf } from '../helpers/import-graph.js';

const graph = (edges: Record<string, string[]>) =>
  new Map(Object.entries(edges).map(([from, to]) => [from, new Set(to)] as const));

t.test('value imports, re-exports and dynamic imports count; type-only ones do not', async (t) => {
  const text = [
    "import type { A } from './type-only.js';",
    "import { type B, type C } from './all-marked-type.js';",
    "export type { D } from './type-export.js';",
    "export { type E } from './marked-type-export.js';",
    "import { type F, g } from './one-value.js';",
    "import h from './default.js';",
    "import * as i from './namespace.js';",
    "import './side-effect.js';",
    "export { j } from './re-export.js';",
    "export * from './star.js';",
    "const k = () => import('./dynamic.js');",
    "let l: typeof import('./type-query.js');",
  ].join('\n');
  t.same(valueImportsOf('example.ts', text), [
    './one-value.js',
    './default.js',
    './namespace.js',
    './side-effect.js',
    './re-export.js',
    './star.js',
    './dynamic.js',
  ]);
});

t.test(
  'a cycle of three rooms and one of two are found, each once; a room leading into one is not in it',
  async (t) => {
    const edges = graph({ a: ['b'], b: ['c'], c: ['a', 'd'], d: ['e'], e: ['d'], f: ['a'], g: [] });
    t.same(findCycles(edges), [
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  },
);

t.test('a graph that only points one way has no cycle', async (t) => {
  t.same(findCycles(graph({ http: ['store', 'platforms'], store: ['platforms'], platforms: [] })), []);
});

t.test('a room importing itself is a cycle', async (t) => {
  t.same(findCycles(graph({ a: ['a'] })), [['a']]);
});

t.test('an import up a floor, across one, or from or to a room on no floor does not point down', async (t) => {
  const floors = [['config'], ['store', 'platforms'], ['http']];
  const edges = graph({ http: ['store'], store: ['config', 'platforms', 'http', 'lost'], found: ['config'] });
  t.same(edgesNotDown(edges, floors), ['found -> config', 'store -> http', 'store -> lost', 'store -> platforms']);
});

t.test('two folders importing values from each other make a cycle; a type import back makes none', async (t) => {
  const tree = (back: string) =>
    t.testdir({
      low: { 'rows.ts': `${back} from '../high/rules.js';\nexport const rows = [];\n` },
      high: {
        'rules.ts': "import { rows } from '../low/rows.js';\nexport type Rule = string;\nexport const rules = rows;\n",
      },
      'errors.ts': "export * from './low/rows.js';\n",
    });
  const cyclic = importGraph(tree('import { rules }'));
  t.same(cyclic.rooms, ['errors.ts', 'high', 'low']);
  t.same(findCycles(cyclic.edges), [['high', 'low']]);
  t.same(cyclic.evidence.get('low -> high'), ['low/rows.ts -> high/rules.ts'], 'names the files behind an edge');
  t.same(findCycles(importGraph(tree('import type { Rule }')).edges), []);
});
