/** JSON schemas shared by the API routes; responses are serialised through them (nothing else leaks). */
import { ATTACHMENT_STATES } from '../../store/attachments.js';
import { LABEL_MAX_LENGTH } from '../../store/conversation-labels.js';
import { CONVERSATION_STATUSES } from '../../store/conversation-summary.js';
import { dateTime, nullable, nullableDateTime, nullableObjectOf, objectOf } from './schema-shapes.js';

/**
 * A row's id in a path, query or body: a positive bigint JavaScript holds exactly. Larger numbers
 * would reach PostgreSQL as an out-of-range bigint (a 500), so they are a 400 here.
 */
export const rowId = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: rowId },
} as const;

/** A channel's id: null when unrouted (no channel held the account). */
const channelId = nullable('integer', { description: 'the channel it came through; null: unrouted' });

/** The channel beside a conversation or contact; `removed`: its conversations stay, marked so. */
const channelRef = nullableObjectOf({
  id: { type: 'integer' },
  name: { type: 'string' },
  platform: { type: 'string' },
  removed: { type: 'boolean' },
});

const conversationSummaryFields = {
  id: { type: 'integer' },
  platform: { type: 'string' },
  account: nullable('string'),
  channelId,
  channel: channelRef,
  conversationKey: { type: 'string' },
  contactId: nullable('integer'),
  contactName: nullable('string'),
  contactUsername: nullable('string'),
  contactAvatarUrl: nullable('string', {
    description: "the contact's profile picture (GET /api/contacts/:id/avatar); null: none",
  }),
  lastMessageAt: nullable('string', {
    format: 'date-time',
    description:
      'null while the conversation holds no message yet, only delivery statuses or events (a status for a message Omni never saw); such a conversation is not listed',
  }),
  lastReadMessageId: nullable('integer'),
  unread: { type: 'boolean' },
  status: { type: 'string', enum: [...CONVERSATION_STATUSES] },
  labels: { type: 'array', items: { type: 'string' }, description: 'its labels, normalised, in alphabetical order' },
  assignee: nullableObjectOf({ id: { type: 'integer' }, name: { type: 'string' } }),
  lastMessage: nullableObjectOf({
    id: { type: 'integer' },
    direction: { type: 'string' },
    type: { type: 'string' },
    text: nullable('string'),
    deliveryStatus: nullable('string'),
  }),
};

export const conversationSummary = objectOf(conversationSummaryFields);

/** A conversation as the list shows it: only those with a message are listed, so `lastMessageAt` is never null. */
export const listedConversation = objectOf({ ...conversationSummaryFields, lastMessageAt: dateTime });

const contactDetailsFields = {
  id: { type: 'integer' },
  platform: { type: 'string' },
  account: nullable('string'),
  channelId,
  channel: channelRef,
  externalId: { type: 'string' },
  displayName: nullable('string'),
  username: nullable('string', { description: "the platform's username (Instagram), from the contact's profile" }),
  avatarUrl: nullable('string', { description: 'its profile picture (GET /api/contacts/:id/avatar); null: none' }),
  createdAt: dateTime,
  erasedAt: nullableDateTime,
  mergedIntoId: nullable('integer', {
    description: 'the contact it was merged into (POST /api/contacts/:id/unmerge undoes it); null: none',
  }),
  mergedContacts: {
    type: 'array',
    description: "the person's other contacts (merged with this one), those the caller sees",
    items: objectOf({
      id: { type: 'integer' },
      platform: { type: 'string' },
      externalId: { type: 'string', description: 'its id on its platform' },
      channelId,
      displayName: nullable('string'),
      mergedIntoId: nullable('integer'),
    }),
  },
  conversationIds: {
    type: 'array',
    items: { type: 'integer' },
    description: "the person's conversations, newest first: this contact's and its merged contacts'",
  },
  conversations: {
    type: 'array',
    description: 'the same conversations, with where they are and how they stand',
    items: objectOf({
      id: { type: 'integer' },
      platform: { type: 'string' },
      channel: channelRef,
      status: { type: 'string', enum: [...CONVERSATION_STATUSES] },
      lastMessageAt: nullableDateTime,
    }),
  },
  otherIds: {
    type: 'array',
    items: { type: 'string' },
    description: 'its other ids on the platform: a WhatsApp BSUID beside the phone number, the BSUID before a change',
  },
};

export const contactDetails = objectOf(contactDetailsFields);

/** Whether a free-form reply goes out now, as `POST /api/conversations/:id/messages` decides it. */
const replyWindow = objectOf(
  {
    open: { type: 'boolean', description: "true: a free-form reply goes out; the customer's window is open" },
    closesAt: nullable('string', {
      format: 'date-time',
      description:
        "24 hours after the customer's last message; null: the platform has no window, or the customer never wrote",
    }),
    whenClosed: nullable('string', {
      enum: ['template', 'tag', null],
      description:
        'what a reply needs once it has closed: a WhatsApp template, or the HUMAN_AGENT tag; null: no window',
    }),
  },
  { description: "the customer-service window, from the customer's last message" },
);

/** A conversation's summary with its contact's details in `contact`. */
export const conversationDetails = objectOf({
  ...conversationSummaryFields,
  contact: nullableObjectOf(contactDetailsFields),
  replyWindow,
});

const attachmentFields = {
  id: { type: 'integer' },
  position: { type: 'integer' },
  state: { type: 'string', enum: [...ATTACHMENT_STATES] },
  contentKind: { type: 'string' },
  mimeType: nullable('string'),
  filename: nullable('string'),
  size: nullable('integer'),
  reason: nullable('string'),
};

/** A message's attachment; a stored one is served at `/api/media/:id`. */
export const attachmentSummary = objectOf(attachmentFields);

export const conversationMessage = objectOf({
  id: { type: 'integer' },
  externalId: { type: 'string' },
  direction: { type: 'string' },
  channelId,
  sender: nullable('string'),
  type: { type: 'string' },
  contentKind: nullable('string'),
  text: nullable('string'),
  content: nullable('object', { additionalProperties: true }),
  platformTimestamp: dateTime,
  deliveryStatus: nullable('string'),
  deliveryStatusAt: nullableDateTime,
  deliveryError: nullable('object', { additionalProperties: true }),
  attachments: { type: 'array', items: attachmentSummary },
  reactions: {
    type: 'array',
    description: 'the reactions on it now: each person’s latest change (a reaction taken back is gone)',
    items: objectOf({
      emoji: { type: 'string' },
      from: nullable('string', { description: 'who reacted, as the platform names them; null: not said' }),
      at: dateTime,
    }),
  },
  edit: nullableObjectOf(
    { text: nullable('string'), at: dateTime },
    { description: 'its latest edit, whose text replaces `text`; null: never edited' },
  ),
  deletedAt: nullableDateTime,
  replyTo: nullableObjectOf(
    {
      externalId: { type: 'string' },
      messageId: nullable('integer', { description: 'null: a message Omni never saw in this conversation' }),
      direction: nullable('string'),
      text: nullable('string'),
      contentKind: nullable('string'),
    },
    { description: 'the message it answers (quotes); null: none' },
  ),
});

const anyObject = { type: 'object', additionalProperties: true } as const;

/** `GET /api/contacts/:id/export`: everything Omni holds about a person (see `ContactExport`). */
export const contactExport = objectOf({
  exportedAt: dateTime,
  contact: objectOf(contactDetailsFields),
  conversations: {
    type: 'array',
    items: objectOf({
      id: { type: 'integer' },
      platform: { type: 'string' },
      account: nullable('string'),
      channelId,
      conversationKey: { type: 'string' },
      status: { type: 'string' },
      createdAt: dateTime,
      lastMessageAt: nullableDateTime,
      erasedAt: nullableDateTime,
    }),
  },
  messages: {
    type: 'array',
    items: objectOf({
      id: { type: 'integer' },
      conversationId: nullable('integer'),
      channelId,
      kind: { type: 'string' },
      direction: { type: 'string' },
      type: { type: 'string' },
      externalId: { type: 'string' },
      sender: nullable('string'),
      text: nullable('string'),
      content: nullable('object', { additionalProperties: true }),
      status: nullable('string'),
      raw: anyObject,
      platformTimestamp: dateTime,
      deliveryStatus: nullable('string'),
      deliveryStatusAt: nullableDateTime,
      deliveryError: nullable('object', { additionalProperties: true }),
      receivedAt: dateTime,
      erasedAt: nullableDateTime,
    }),
  },
  attachments: {
    type: 'array',
    items: objectOf({ ...attachmentFields, messageId: { type: 'integer' } }),
  },
  notes: {
    type: 'array',
    items: objectOf({
      id: { type: 'integer' },
      conversationId: { type: 'integer' },
      text: { type: 'string' },
      createdAt: dateTime,
    }),
  },
});

/** `DELETE /api/contacts/:id`: what the erasure did, in counts (see `ContactErasure`). */
export const contactErasure = objectOf({
  contactId: { type: 'integer' },
  alreadyErased: { type: 'boolean' },
  conversations: { type: 'integer' },
  messages: { type: 'integer' },
  attachments: { type: 'integer' },
  uploads: { type: 'integer' },
  webhookBodies: { type: 'integer' },
  queueRows: { type: 'integer' },
  notes: { type: 'integer' },
  labels: { type: 'integer' },
  files: objectOf({ deleted: { type: 'integer' }, kept: { type: 'integer' }, pending: { type: 'integer' } }),
});

export const pageLimit = { type: 'integer', minimum: 1, maximum: 200, default: 50 } as const;

/** The query of a list paged back in time: `before`, the oldest row id of the page after it. */
export const backwardsPageQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: pageLimit, before: rowId },
} as const;

/** A page of a list paged back in time: its `items` under `name`, and the next (older) page's `before`. */
export function backwardsPage(name: string, items: object) {
  return objectOf({
    [name]: { type: 'array', items },
    nextCursor: nullable('integer', { description: 'the next (older) page’s `before`; null on the last page' }),
  });
}

/**
 * A label as typed: some character that is not white space, and no control characters (white
 * space aside, which normalising turns into single spaces). Checked again once normalised, since
 * lowercasing can lengthen a rare character.
 */
export const labelInput = {
  type: 'string',
  minLength: 1,
  maxLength: LABEL_MAX_LENGTH,
  pattern: '^[^\\x00-\\x08\\x0e-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f][^\\x00-\\x08\\x0e-\\x1f\\x7f]*$',
  description: `free text, stored trimmed with single inner spaces and lowercase (so "VIP" and "vip " are one label); at most ${LABEL_MAX_LENGTH} characters`,
} as const;
