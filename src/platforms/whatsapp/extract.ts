import type { ExtractResult, InboundItem } from '../types.js';
import { readChangeAsUnknown } from '../meta/changes.js';
import { createCollector, reject, type Collector } from '../meta/collector.js';
import { eachChange, walkEntries, type ChangeScope, type EntryScope } from '../meta/envelope.js';
import { fingerprint, keyFrom } from '../meta/item-key.js';
import { eventItem, messageItem } from '../meta/items.js';
import { asShape, listAt, objectAt, textAt, type Untrusted } from '../meta/json.js';
import { personOf, senderOf } from './identity.js';
import { normaliseWhatsAppMessage } from './normalise.js';
import { profileOf, whatsAppOrigin, type ValueScope } from './origin.js';
import { errorOf, readStatus } from './statuses.js';
import { isTemplateChange, readTemplateChange } from './template-updates.js';
import type { WhatsAppEcho, WhatsAppError, WhatsAppMessage, WhatsAppValue } from './types.js';

/**
 * Splits a WhatsApp Cloud API body into items: messages, statuses and value-level errors from
 * `messages` changes, echoes from `smb_message_echoes`, template status and category events from the
 * WABA's template changes; other fields become `unknown` events.
 */
export function extractWhatsApp(body: unknown, receivedAt?: string): ExtractResult {
  const collector = createCollector(receivedAt);
  walkEntries(body, 'whatsapp_business_account', collector, (entry) => {
    eachChange(entry, collector, (change) => readChange(change, entry, collector));
  });
  return collector.result();
}

const VALUE_LISTS = ['messages', 'statuses', 'message_echoes', 'errors'] as const;

function readChange(change: ChangeScope, entry: EntryScope, collector: Collector): void {
  if (isTemplateChange(change.field)) {
    collector.add(readTemplateChange(change.field, change, entry));
    return;
  }
  if (change.field !== 'messages' && change.field !== 'smb_message_echoes') {
    readChangeAsUnknown(change, entry, collector);
    return;
  }
  const value = asShape<WhatsAppValue>(change.value) ?? reject('value is not an object');
  const account =
    textAt(objectAt(value, 'metadata'), 'phone_number_id') ?? reject('value has no metadata.phone_number_id');
  const scope: ValueScope = { value, account, entry, path: `${change.path}.value` };
  const read = { messages: readMessage, statuses: readStatus, message_echoes: readEcho, errors: readValueError };
  for (const list of VALUE_LISTS) {
    collector.each(listAt(value, list), `${scope.path}.${list}`, (element) =>
      collector.add(read[list](element, scope)),
    );
  }
  // A value with none of the lists we know still reached us: keep it rather than drop it.
  if (VALUE_LISTS.every((list) => value[list] === undefined)) readChangeAsUnknown(change, entry, collector);
}

function readMessage(element: unknown, scope: ValueScope): InboundItem {
  const message = asShape<WhatsAppMessage>(element) ?? reject('message is not an object');
  const externalId = textAt(message, 'id') ?? reject('message has no id');
  // BSUID users: `from` is absent or empty and `from_user_id` names them.
  const person = senderOf(message);
  const origin = whatsAppOrigin(scope, element, {
    from: person.id,
    user: person.id,
    person,
    timestamp: message.timestamp,
  });
  const body = normaliseWhatsAppMessage(message);
  const profile = profileOf(scope, person);
  const content = profile ? { ...body.content, extra: { ...body.content.extra, profile } } : body.content;
  return messageItem(origin, { externalId, ...body, content });
}

/** The business wrote from the WhatsApp Business app: outbound, in the conversation of `to`. */
function readEcho(element: unknown, scope: ValueScope): InboundItem {
  const echo = asShape<WhatsAppEcho>(element) ?? reject('echo is not an object');
  const externalId = textAt(echo, 'id') ?? reject('echo has no id');
  const person = personOf(textAt(echo, 'to'), textAt(echo, 'to_user_id'));
  const origin = whatsAppOrigin(scope, element, {
    from: textAt(echo, 'from'),
    user: person.id,
    person,
    outbound: true,
    timestamp: echo.timestamp,
  });
  const { type, text, content } = normaliseWhatsAppMessage(echo as Untrusted<WhatsAppMessage>);
  const echoed = { ...content, extra: { ...content.extra, echo: { type } } };
  return eventItem(origin, { type: 'echo', itemKey: keyFrom(externalId, 'echo'), externalId, text, content: echoed });
}

/**
 * An error about the whole value (e.g. the app could not be authenticated). It carries no id
 * and no time: the key is a fingerprint of the error, the time the body's reception.
 */
function readValueError(element: unknown, scope: ValueScope): InboundItem {
  const error = asShape<WhatsAppError>(element) ?? reject('error is not an object');
  const origin = whatsAppOrigin(scope, element, { from: undefined, user: undefined, timestamp: undefined });
  const itemKey = keyFrom('errors', fingerprint(element));
  const details = errorOf([error]);
  return eventItem(origin, {
    type: 'errors',
    itemKey,
    text: details?.title ?? null,
    content: { kind: 'system' },
    error: details,
  });
}
