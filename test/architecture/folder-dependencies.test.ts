// The rooms of src/ (its folders, and errors.ts and logger.ts at its root) import values one way
// only, down to the floors below. A new import that points up, or closes a circle, fails here with the
// files that make it; ARCHITECTURE.md draws the same floors.
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { edgesNotDown, findCycles, importGraph } from '../helpers/import-graph.js';

/** The floors of src/, lowest first: a room imports values only from rooms on a lower floor. */
const FLOORS = [
  ['errors.ts', 'logger.ts'],
  ['config', 'net', 'auth', 'vault', 'observability'],
  ['platforms'],
  ['store'],
  ['jobs', 'realtime', 'channels'],
  ['queue', 'endpoints', 'media', 'users', 'assignment', 'templates'],
  ['replies', 'retention', 'privacy', 'profiles'],
  ['processor', 'http'],
  ['runtime'],
  ['cli', 'lambda'],
];

const { rooms, edges, evidence } = importGraph(fileURLToPath(new URL('../../src', import.meta.url)));
const withFiles = (edge: string) => `${edge}: ${evidence.get(edge)?.join(', ')}`;

t.test('every room of src/ stands on exactly one floor', async (t) => {
  t.same(FLOORS.flat().sort(), rooms, 'the floors name each room once, and only rooms that exist');
});

t.test('no rooms of src/ import values from each other in a circle', async (t) => {
  const circles = findCycles(edges).map((cycle) =>
    [...edges]
      .filter(([from]) => cycle.includes(from))
      .flatMap(([from, to]) => [...to].filter((x) => cycle.includes(x)).map((x) => withFiles(`${from} -> ${x}`))),
  );
  t.same(circles, [], 'each circle, with the imports that close it');
});

t.test('every value import between rooms points down a floor', async (t) => {
  t.same(edgesNotDown(edges, FLOORS).map(withFiles), [], 'each import that does not, with its files');
});
