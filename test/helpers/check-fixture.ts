import type { Test } from 'tap';
import type { ExtractResult, InboundItem, PlatformName } from '../../src/platforms/types.js';
import type { Fixture } from './fixtures.js';

type ExpectedMessage = Fixture['expect']['messages'][number];
type ExpectedStatus = Fixture['expect']['statuses'][number];

interface EventRule {
  /** Matches the first words of a description: Meta's event kind, or Telegram's update field. */
  pattern: RegExp;
  type: string;
  /** The description names the message or chat the event targets, so the event's externalId must be in it. */
  targeted: boolean;
}

/** The corpus describes events in words; the first words name the event type on every platform. */
const EVENT_RULES: EventRule[] = [
  { pattern: /^postback referral\b/i, type: 'postback_referral', targeted: false },
  { pattern: /^referral\b/i, type: 'referral', targeted: false },
  { pattern: /^echo\b/i, type: 'echo', targeted: true },
  { pattern: /^(edit|edited_message|edited_channel_post|edited_business_message)\b/i, type: 'edit', targeted: true },
  { pattern: /^(reaction|message_reaction)\b/i, type: 'reaction', targeted: true },
  { pattern: /^(unsend|delete|deleted_business_messages)\b/i, type: 'delete', targeted: true },
  { pattern: /^message_reaction_count\b/i, type: 'reaction_count', targeted: true },
  { pattern: /^business_connection\b/i, type: 'business_connection', targeted: true },
  { pattern: /^purchased_paid_media\b/i, type: 'paid_media_purchase', targeted: false },
  { pattern: /^read\b/i, type: 'read', targeted: false },
  { pattern: /^delivery\b/i, type: 'delivery', targeted: false },
  { pattern: /^comment\b/i, type: 'comment', targeted: true },
  { pattern: /^mention\b/i, type: 'mention', targeted: false },
  { pattern: /^callback_query\b/i, type: 'callback_query', targeted: true },
  { pattern: /^(my_chat_member|chat_member)\b/i, type: 'membership', targeted: true },
  { pattern: /^errors?\b/i, type: 'errors', targeted: false },
  { pattern: /^system\b/i, type: 'system', targeted: false },
  { pattern: /^template_status\b/i, type: 'template_status', targeted: true },
  { pattern: /^template_category\b/i, type: 'template_category', targeted: true },
  { pattern: /^unknown\b/i, type: 'unknown', targeted: false },
];

function eventRuleOf(description: string): EventRule {
  const found = EVENT_RULES.find(({ pattern }) => pattern.test(description));
  if (!found) throw new Error(`fixture describes an event no type matches: ${description}`);
  return found;
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
      want.externalId === null
        ? item.type === want.type && item.from === want.from
        : item.externalId === want.externalId,
    );
    if (!got) {
      t.fail(`no message ${want.externalId}`);
      continue;
    }
    t.match(
      got,
      { from: want.from, account: want.account, type: want.type, text: want.text },
      `message ${got.externalId}`,
    );
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
  const events = items.filter((item) => item.kind === 'event');
  const asEvents: string[] = [];
  for (const description of others) {
    const { type, targeted } = eventRuleOf(description);
    if (shownAsMessage(platform, type)) {
      t.ok(
        items.some((item) => item.kind === 'message' && item.type === type),
        `the ${type} message stands for its event`,
      );
      continue;
    }
    asEvents.push(type);
    if (targeted) {
      const event = events.find((item) => item.type === type && description.includes(item.externalId));
      t.ok(event, `a ${type} event targets what "${description}" names`);
    }
  }
  t.same(events.map((item) => item.type).sort(), asEvents.sort(), 'one event per described event, none beyond');
}

/** Checks one extract result against its fixture's `expect` block, on any platform. */
export function checkFixture(t: Test, platform: PlatformName, fixture: Fixture, result: ExtractResult): void {
  t.same(result.errors, [], 'no extract errors');
  checkMessages(t, result.items, fixture.expect.messages);
  checkStatuses(t, result.items, fixture.expect.statuses);
  checkOthers(t, platform, result.items, fixture.expect.other);
  for (const item of result.items) checkShape(t, platform, item);
}

/** What every item promises, whatever its kind. */
export function checkShape(t: Test, platform: PlatformName, item: InboundItem): void {
  t.ok(item.itemKey.length > 0 && item.externalId.length > 0, `${item.type} has a key and an external id`);
  t.equal(new Date(item.timestamp).toISOString(), item.timestamp, `${item.type} timestamp is ISO-8601 UTC`);
  if (platform === 'telegram') t.equal(item.account, null, `${item.type} has no business account on Telegram`);
  else t.ok(item.account, `${item.type} names its account`);
  t.not(item.raw, undefined, `${item.type} keeps its raw JSON`);
}
