import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import t from 'tap';
import { extractTelegramUpdate } from '../../../src/platforms/telegram/extract.js';
import type { ExtractResult } from '../../../src/platforms/types.js';

const fixturesDir = new URL('../../fixtures/telegram/', import.meta.url);
const bodies: unknown[] = readdirSync(fixturesDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => (JSON.parse(readFileSync(new URL(name, fixturesDir), 'utf8')) as { body: unknown }).body);

const settings = { seed: 20240601, numRuns: 200 };

type Json = unknown;
type Path = ReadonlyArray<string | number>;

/** Every path to a value inside a JSON document, the root included. */
function paths(value: Json, prefix: Path = []): Path[] {
  const children = Array.isArray(value)
    ? value.flatMap((child, index) => paths(child, [...prefix, index]))
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([key, child]) => paths(child, [...prefix, key]))
      : [];
  return [prefix, ...children];
}

/** A copy of `value` with the value at `path` replaced, or removed when `replacement` is undefined. */
function mutate(value: Json, path: Path, replacement: Json | undefined): Json {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, Json>;
  if (rest.length === 0 && replacement === undefined) delete copy[head as string];
  else copy[head as string] = mutate(copy[head as string], rest, replacement);
  return copy;
}

function isResult(result: ExtractResult): boolean {
  return Array.isArray(result.items) && Array.isArray(result.errors);
}

const mutatedFixture = fc
  .record({
    body: fc.constantFrom(...bodies),
    pick: fc.nat(),
    replacement: fc.option(fc.jsonValue(), { nil: undefined }),
  })
  .map(({ body, pick, replacement }) => {
    const all = paths(body);
    return mutate(body, all[pick % all.length] ?? [], replacement);
  });

t.test('never throws on fixture bodies with one value replaced or removed', async (t) => {
  fc.assert(
    fc.property(mutatedFixture, (body) => isResult(extractTelegramUpdate(body))),
    settings,
  );
  t.pass('no counterexample');
});

t.test('never throws on arbitrary JSON, alone or under an update field', async (t) => {
  const field = fc.constantFrom(
    'message',
    'edited_message',
    'channel_post',
    'callback_query',
    'message_reaction',
    'my_chat_member',
    'chat_member',
    'inline_query',
    'poll',
  );
  const body = fc.oneof(
    fc.jsonValue(),
    fc
      .record({ update_id: fc.jsonValue(), field, value: fc.jsonValue() })
      .map(({ update_id, field, value }) => ({ update_id, [field]: value })),
  );
  fc.assert(
    fc.property(body, (value) => isResult(extractTelegramUpdate(value))),
    settings,
  );
  t.pass('no counterexample');
});

t.test('gives every item a non-empty key and an ISO timestamp whatever the input', async (t) => {
  fc.assert(
    fc.property(mutatedFixture, (body) =>
      extractTelegramUpdate(body).items.every(
        (item) => item.itemKey.length > 0 && !Number.isNaN(Date.parse(item.timestamp)) && item.raw !== undefined,
      ),
    ),
    settings,
  );
  t.pass('no counterexample');
});
