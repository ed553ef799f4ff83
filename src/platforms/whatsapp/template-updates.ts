import type { InboundItem } from '../types.js';
import { changeOrigin } from '../meta/changes.js';
import { reject } from '../meta/collector.js';
import type { ChangeScope, EntryScope } from '../meta/envelope.js';
import { fingerprint, keyFrom } from '../meta/item-key.js';
import { eventItem } from '../meta/items.js';
import { asShape, textAt, withoutUndefined, type Untrusted } from '../meta/json.js';
import type { WhatsAppTemplateCategoryValue, WhatsAppTemplateStatusValue } from './template-types.js';

/** The WABA-level change fields that say something of one template. */
export const TEMPLATE_CHANGE_FIELDS = ['message_template_status_update', 'template_category_update'] as const;
export type TemplateChangeField = (typeof TEMPLATE_CHANGE_FIELDS)[number];

export const isTemplateChange = (field: string | undefined): field is TemplateChangeField =>
  (TEMPLATE_CHANGE_FIELDS as readonly (string | undefined)[]).includes(field);

/**
 * The status a template has after a status event. Most events are the status itself; REINSTATED
 * means sendable again (APPROVED). FLAGGED and LOCKED leave the status as it was, UNARCHIVED restores
 * one the event does not name and LIMIT_EXCEEDED is about the WABA: these change no stored status
 * (the next sync reads it).
 */
const STATUS_OF_EVENT: Readonly<Record<string, string>> = {
  APPROVED: 'APPROVED',
  REINSTATED: 'APPROVED',
  PENDING: 'PENDING',
  REJECTED: 'REJECTED',
  PAUSED: 'PAUSED',
  DISABLED: 'DISABLED',
  IN_APPEAL: 'IN_APPEAL',
  ARCHIVED: 'ARCHIVED',
  PENDING_DELETION: 'PENDING_DELETION',
  DELETED: 'DELETED',
};

/** What a template event says, as the worker applies it (`content.extra.template`). */
export interface TemplateUpdate {
  id: string;
  name: string;
  language: string;
  /** Meta's status event (status updates only). */
  event?: string;
  /** The status the template has now; absent when the event names none. */
  status?: string;
  /** The category the template has now. */
  category?: string;
}

/**
 * A `message_template_status_update` or `template_category_update` change as a `template_status` or
 * `template_category` event of the WABA (`entry.id`): the worker updates the stored template from
 * `content.extra.template`. Meta gives such a change no id: the key is the template, the entry's
 * time and a fingerprint of the change, so a redelivery inserts nothing and a later change of the
 * same template (approved again after a pause) is a new event.
 */
export function readTemplateChange(field: TemplateChangeField, change: ChangeScope, entry: EntryScope): InboundItem {
  const value =
    asShape<WhatsAppTemplateStatusValue & WhatsAppTemplateCategoryValue>(change.value) ??
    reject('value is not an object');
  const update = field === 'message_template_status_update' ? statusUpdate(value) : categoryUpdate(value);
  const type = field === 'message_template_status_update' ? 'template_status' : 'template_category';
  const itemKey = keyFrom(type, update.id, textAt(entry.entry, 'time'), fingerprint(change.raw));
  const now = update.status ?? update.event ?? update.category;
  return eventItem(changeOrigin(entry, change), {
    type,
    itemKey,
    externalId: update.id,
    text: `${update.name} (${update.language}): ${now}`,
    content: { kind: 'system', extra: { template: update } },
  });
}

function named(value: Untrusted<WhatsAppTemplateStatusValue & WhatsAppTemplateCategoryValue>) {
  return {
    id: textAt(value, 'message_template_id') ?? reject('template change has no message_template_id'),
    name: textAt(value, 'message_template_name') ?? reject('template change has no message_template_name'),
    language: textAt(value, 'message_template_language') ?? reject('template change has no message_template_language'),
  };
}

function statusUpdate(value: Untrusted<WhatsAppTemplateStatusValue & WhatsAppTemplateCategoryValue>): TemplateUpdate {
  const event = textAt(value, 'event') ?? reject('template status update has no event');
  return withoutUndefined({
    ...named(value),
    event,
    status: STATUS_OF_EVENT[event],
    category: textAt(value, 'message_template_category'),
  });
}

/** `new_category` is the current category, in an impending change's notice as in a completed one's. */
function categoryUpdate(value: Untrusted<WhatsAppTemplateStatusValue & WhatsAppTemplateCategoryValue>): TemplateUpdate {
  return {
    ...named(value),
    category: textAt(value, 'new_category') ?? reject('template category update has no new_category'),
  };
}
