import { readdirSync, readFileSync } from 'node:fs';
import t, { type Test } from 'tap';
import { createTelegramAdapter } from '../../../src/platforms/telegram/adapter.js';
import type { InboundItem } from '../../../src/platforms/types.js';

interface ExpectedMessage {
  externalId: string;
  from: string | null;
  account: string | null;
  type: string;
  text: string | null;
  timestamp: string;
}

interface Fixture {
  id: string;
  body: unknown;
  expect: { messages: ExpectedMessage[]; statuses: ExpectedMessage[]; other: string[] };
}

const fixturesDir = new URL('../../fixtures/telegram/', import.meta.url);
const fixtures: Fixture[] = readdirSync(fixturesDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(new URL(name, fixturesDir), 'utf8')) as Fixture);

/** The corpus describes events in words, starting with the Telegram update field. */
const EVENT_TYPE_BY_FIELD: Record<string, string> = {
  edited_message: 'edit',
  edited_channel_post: 'edit',
  edited_business_message: 'edit',
  callback_query: 'callback_query',
  message_reaction: 'reaction',
  my_chat_member: 'membership',
  chat_member: 'membership',
};

const adapter = createTelegramAdapter({ secretToken: 'fixture-secret' });

function assertSameItems(t: Test, actual: InboundItem[], expected: ExpectedMessage[]) {
  t.equal(actual.length, expected.length, 'no items beyond those expected');
  for (const want of expected) {
    const got = actual.find((item) => item.externalId === want.externalId);
    if (!got) {
      t.fail(`no item ${want.externalId}`);
      continue;
    }
    t.match(got, { from: want.from, account: want.account, type: want.type, text: want.text }, want.externalId);
    t.equal(got.itemKey, got.externalId, 'a message is keyed by its external id');
    t.equal(Date.parse(got.timestamp), Date.parse(want.timestamp), `${want.externalId} timestamp`);
  }
}

t.test('every captured update yields the messages, statuses and events its fixture expects', async (t) => {
  t.ok(fixtures.length >= 15, 'the corpus holds the original and the added fixtures');
  for (const fixture of fixtures) {
    t.test(fixture.id, async (t) => {
      const { items, errors } = adapter.extract(fixture.body);
      t.same(errors, [], 'no extract errors');
      assertSameItems(t, items.filter((item) => item.kind === 'message'), fixture.expect.messages);
      assertSameItems(t, items.filter((item) => item.kind === 'status'), fixture.expect.statuses);
      const events = items.filter((item) => item.kind === 'event');
      t.equal(events.length, fixture.expect.other.length, 'one event per described event');
      for (const description of fixture.expect.other) {
        const type = EVENT_TYPE_BY_FIELD[description.split(' ')[0] ?? ''] ?? 'unknown';
        const event = events.find((item) => item.type === type && description.includes(item.externalId));
        t.ok(event, `an ${type} event targets what "${description}" names`);
      }
    });
  }
});
