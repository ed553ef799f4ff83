import type { Collector } from '../meta/collector.js';
import { reject } from '../meta/collector.js';
import { changeOrigin, readChangeAsUnknown } from '../meta/changes.js';
import type { ChangeScope, EntryScope } from '../meta/envelope.js';
import { keyFrom } from '../meta/item-key.js';
import { eventItem } from '../meta/items.js';
import { asShape, isObject, objectAt, textAt, withoutUndefined } from '../meta/json.js';
import { readMessagingItem } from '../meta/messaging/read-item.js';
import type { InboundItem } from '../types.js';
import { readInstagramAttachments } from './normalise.js';
import type { InstagramComment, InstagramMention } from './types.js';

const COMMENT_FIELDS = new Set(['comments', 'live_comments']);

/** Reads one Instagram `changes[]` element: a comment, a mention, or a dashboard test of a messaging field. */
export function readInstagramChange(change: ChangeScope, scope: EntryScope, collector: Collector): void {
  if (change.field !== undefined && COMMENT_FIELDS.has(change.field)) collector.add(comment(change, scope));
  else if (change.field === 'mentions') collector.add(mention(change, scope));
  else if (looksLikeMessagingItem(change.value))
    readMessagingItem(change.value, scope, collector, readInstagramAttachments);
  else readChangeAsUnknown(change, scope, collector);
}

/** The dashboard "Test" button wraps a messaging item as `{ field: 'messages', value: item }`. */
function looksLikeMessagingItem(value: unknown): boolean {
  return isObject(value) && (isObject(value.sender) || isObject(value.recipient));
}

function comment(change: ChangeScope, scope: EntryScope): InboundItem {
  const value = asShape<InstagramComment>(change.value) ?? reject('comment value is not an object');
  const id = textAt(value, 'id') ?? reject('comment has no id');
  const author = objectAt(value, 'from');
  const authorId = textAt(author, 'id');
  const media = objectAt(value, 'media');
  const text = textAt(value, 'text') ?? null;
  const extra = withoutUndefined({
    field: change.field,
    username: textAt(author, 'username'),
    mediaId: textAt(media, 'id'),
    mediaProductType: textAt(media, 'media_product_type'),
    parentId: textAt(value, 'parent_id'),
  });
  const origin = { ...changeOrigin(scope, change), from: authorId ?? null, conversationKey: authorId ?? null };
  const content = { kind: 'text' as const, text, extra };
  return eventItem(origin, { type: 'comment', itemKey: keyFrom(id, 'comment'), externalId: id, text, content });
}

function mention(change: ChangeScope, scope: EntryScope): InboundItem {
  const value = asShape<InstagramMention>(change.value) ?? reject('mention value is not an object');
  const mediaId = textAt(value, 'media_id');
  const commentId = textAt(value, 'comment_id');
  const target = commentId ?? mediaId ?? reject('mention names no media and no comment');
  const content = { kind: 'unsupported' as const, extra: withoutUndefined({ mediaId, commentId }) };
  return eventItem(changeOrigin(scope, change), {
    type: 'mention',
    itemKey: keyFrom(target, 'mention'),
    externalId: target,
    content,
  });
}
