import type { Test } from 'tap';
import type { ExtractResult, InboundItem, PlatformName } from '../../src/platforms/types.js';
import type { Fixture } from './fixtures.js';

type ExpectedMessage = Fixture['expect']['messages'][number];
type ExpectedStatus = Fixture['expect']['statuses'][number];

/** The corpus describes events in words; the first words name the event type. */
const EVENT_TYPES: [RegExp, string][] = [
  [/^postback referral\b/i, 'postback_referral'],
  [/^referral\b/i, 'referral'],
  [/^echo\b/i, 'echo'],
  [/^edit\b/i, 'edit'],
  [/^reaction\b/i, 'reaction'],
  [/^(unsend|delete)\b/i, 'delete'],
  [/^read\b/i, 'read'],
  [/^delivery\b/i, 'delivery'],
  [/^comment\b/i, 'comment'],
  [/^mention\b/i, 'mention'],
  [/^errors?\b/i, 'errors'],
  [/^system\b/i, 'system'],
  [/^unknown\b/i, 'unknown'],
];

function eventTypeOf(description: string): string {
  const found = EVENT_TYPES.find(([pattern]) => pattern.test(description));
  if (!found) throw new Error(`fixture describes an event no type matches: ${description}`);
  return found[1];
}

/** WhatsApp reports reactions and system notices as messages: the message item stands for the event. */
function shownAsMessage(platform: PlatformName, type: string): boolean {
  return platform === 'whatsapp' && (type === 'reaction' || type === 'system');
}

function checkMessages(t: Test, items: InboundItem[], expected: ExpectedMessage[]): void {
  const messages = items.filter((item) => item.kind === 'message');
  t.equal(messages.length, expected.length, 'no messages beyond those expected');
  for (const want of expected) {
    // A null externalId means the platform gave no id (pre-v11 postbacks): the item carries a derived one.
    const got = messages.find((item) =>
      want.externalId === null ? item.type === want.type && item.from === want.from : item.externalId === want.externalId,
    );
    if (!got) {
      t.fail(`no message ${want.externalId}`);
      continue;
    }
    t.match(got, { from: want.from, account: want.account, type: want.type, text: want.text }, `message ${got.externalId}`);
    t.equal(got.itemKey, got.externalId, 'a message is keyed by its id');
    t.equal(Date.parse(got.timestamp), Date.parse(want.timestamp), 'message timestamp');
  }
}

function checkStatuses(t: Test, items: InboundItem[], expected: ExpectedStatus[]): void {
  const statuses = items.filter((item) => item.kind === 'status');
  t.equal(statuses.length, expected.length, 'no statuses beyond those expected');
  for (const want of expected) {
    const got = statuses.find((item) => item.externalId === want.externalId && item.status === want.status);
    if (!got) {
      t.fail(`no status ${want.status} for ${want.externalId}`);
      continue;
    }
    t.equal(got.recipient, want.recipient, 'status recipient');
    t.equal(got.itemKey, `${want.externalId}:status:${want.status}`, 'a status is keyed by message and status');
    t.equal(Date.parse(got.timestamp), Date.parse(want.timestamp), 'status timestamp');
  }
}

function checkOthers(t: Test, platform: PlatformName, items: InboundItem[], others: string[]): void {
  const wanted = others.map(eventTypeOf);
  const asEvents = wanted.filter((type) => !shownAsMessage(platform, type));
  for (const type of wanted.filter((type) => shownAsMessage(platform, type))) {
    t.ok(items.some((item) => item.kind === 'message' && item.type === type), `the ${type} message stands for its event`);
  }
  const events = items.filter((item) => item.kind === 'event').map((item) => item.type);
  t.same(events.sort(), asEvents.sort(), 'one event per described event, none beyond');
}

/** Checks one extract result against its fixture's `expect` block. */
export function checkFixture(t: Test, platform: PlatformName, fixture: Fixture, result: ExtractResult): void {
  t.same(result.errors, [], 'no extract errors');
  checkMessages(t, result.items, fixture.expect.messages);
  checkStatuses(t, result.items, fixture.expect.statuses);
  checkOthers(t, platform, result.items, fixture.expect.other);
  for (const item of result.items) checkShape(t, item);
}

/** What every item promises, whatever its kind. */
export function checkShape(t: Test, item: InboundItem): void {
  t.ok(item.itemKey.length > 0 && item.externalId.length > 0, `${item.type} has a key and an external id`);
  t.equal(new Date(item.timestamp).toISOString(), item.timestamp, `${item.type} timestamp is ISO-8601 UTC`);
  t.ok(item.account, `${item.type} names its account`);
  t.not(item.raw, undefined, `${item.type} keeps its raw JSON`);
}
