import fc from 'fast-check';
import t from 'tap';
import { extractInstagram } from '../../../src/platforms/instagram/extract.js';
import { extractMessenger } from '../../../src/platforms/messenger/extract.js';
import type { ExtractResult, InboundItem } from '../../../src/platforms/types.js';
import { extractWhatsApp } from '../../../src/platforms/whatsapp/extract.js';
import { loadFixtures } from '../../helpers/fixtures.js';

/** Fixed seed and bounded runs: the same cases on every CI run, in well under a second each. */
const RUNS = { seed: 20260101, numRuns: 200 };

const extractors = { whatsapp: extractWhatsApp, messenger: extractMessenger, instagram: extractInstagram };
const platforms = Object.keys(extractors) as (keyof typeof extractors)[];
const bodies = platforms.flatMap((platform) =>
  loadFixtures(platform).map((fixture) => ({ platform, body: fixture.body })),
);

/** The lists whose elements are read one by one, each on its own. */
const ELEMENT_LISTS = new Set(['entry', 'changes', 'messages', 'statuses', 'message_echoes', 'messaging', 'standby']);

type Step = string | number;

/** Every path in a JSON tree, and the element lists among them. */
function pathsOf(value: unknown, at: Step[] = []): Step[][] {
  if (typeof value !== 'object' || value === null) return [at];
  const children = Object.entries(value).flatMap(([key, child]) =>
    pathsOf(child, [...at, Array.isArray(value) ? Number(key) : key]),
  );
  return [at, ...children];
}

function parentOf(root: unknown, path: Step[]): Record<Step, unknown> {
  return path.slice(0, -1).reduce<unknown>((node, step) => (node as Record<Step, unknown>)[step], root) as Record<
    Step,
    unknown
  >;
}

function isWellFormed(result: ExtractResult): boolean {
  return Array.isArray(result.items) && Array.isArray(result.errors) && result.items.every(isWellFormedItem);
}

function isWellFormedItem(item: InboundItem): boolean {
  return (
    ['message', 'status', 'event'].includes(item.kind) &&
    typeof item.itemKey === 'string' &&
    item.itemKey !== '' &&
    typeof item.externalId === 'string' &&
    item.externalId !== '' &&
    typeof item.account === 'string' &&
    new Date(item.timestamp).toISOString() === item.timestamp &&
    (item.kind !== 'message' || item.itemKey === item.externalId)
  );
}

t.test('random JSON never makes extract throw, and what it returns is well formed', async (t) => {
  const envelopeLike = fc.record({
    object: fc.constantFrom('page', 'instagram', 'whatsapp_business_account'),
    entry: fc.jsonValue({ maxDepth: 6 }),
  });
  fc.assert(
    fc.property(
      fc.oneof(fc.jsonValue({ maxDepth: 6 }), envelopeLike),
      fc.constantFrom(...platforms),
      (body, platform) => {
        return isWellFormed(extractors[platform](body));
      },
    ),
    RUNS,
  );
  t.pass('held for every generated body');
});

t.test('a fixture with any part replaced or removed never makes extract throw', async (t) => {
  fc.assert(
    fc.property(
      fc.constantFrom(...bodies),
      fc.nat(),
      fc.option(fc.jsonValue({ maxDepth: 3 })),
      ({ platform, body }, pick, replacement) => {
        const mutated = structuredClone(body);
        const paths = pathsOf(mutated).filter((path) => path.length > 0);
        const path = paths[pick % paths.length]!;
        const parent = parentOf(mutated, path);
        if (replacement === null) delete parent[path.at(-1)!];
        else parent[path.at(-1)!] = replacement;
        return isWellFormed(extractors[platform](mutated));
      },
    ),
    RUNS,
  );
  t.pass('held for every mutation');
});

t.test('a malformed element is its own error and its batch mates are all still extracted', async (t) => {
  const junk = fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.string(),
    fc.boolean(),
    fc.array(fc.integer(), { maxLength: 3 }),
  );
  fc.assert(
    fc.property(
      fc.constantFrom(...bodies),
      fc.nat(),
      fc.nat(),
      junk,
      ({ platform, body }, pickList, pickIndex, bad) => {
        const extract = extractors[platform];
        const before = extract(body, '2026-01-01T00:00:00.000Z').items.map((item) => item.itemKey);
        const mutated = structuredClone(body);
        const lists = pathsOf(mutated).filter((path) => ELEMENT_LISTS.has(String(path.at(-1))));
        const listPath = lists[pickList % lists.length]!;
        const list = parentOf(mutated, listPath)[listPath.at(-1)!] as unknown[];
        const index = pickIndex % (list.length + 1);
        list.splice(index, 0, bad);
        const after = extract(mutated, '2026-01-01T00:00:00.000Z');
        const keys = new Set(after.items.map((item) => item.itemKey));
        const elementPath = `${listPath
          .map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`))
          .join('')
          .slice(1)}[${index}]`;
        return (
          before.every((key) => keys.has(key)) &&
          after.errors.some((error) => error.path === elementPath && error.raw === bad)
        );
      },
    ),
    RUNS,
  );
  t.pass('held for every inserted element');
});
