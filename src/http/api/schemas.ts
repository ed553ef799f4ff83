/** JSON schemas shared by the API routes; responses are serialised through them (nothing else leaks). */
import { ATTACHMENT_STATES } from '../../store/attachments.js';
import { CONVERSATION_STATUSES } from '../../store/conversation-summary.js';

export const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });

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
const channelRef = nullable('object', {
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    platform: { type: 'string' },
    removed: { type: 'boolean' },
  },
});

export const conversationSummary = {
  type: 'object',
  properties: {
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
    lastMessageAt: { type: 'string', format: 'date-time' },
    lastReadMessageId: nullable('integer'),
    unread: { type: 'boolean' },
    status: { type: 'string', enum: [...CONVERSATION_STATUSES] },
    assignee: nullable('object', { properties: { id: { type: 'integer' }, name: { type: 'string' } } }),
    lastMessage: nullable('object', {
      properties: {
        id: { type: 'integer' },
        direction: { type: 'string' },
        type: { type: 'string' },
        text: nullable('string'),
        deliveryStatus: nullable('string'),
      },
    }),
  },
};

export const contactDetails = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    platform: { type: 'string' },
    account: nullable('string'),
    channelId,
    channel: channelRef,
    externalId: { type: 'string' },
    displayName: nullable('string'),
    username: nullable('string', { description: "the platform's username (Instagram), from the contact's profile" }),
    avatarUrl: nullable('string', { description: 'its profile picture (GET /api/contacts/:id/avatar); null: none' }),
    createdAt: { type: 'string', format: 'date-time' },
    erasedAt: nullable('string', { format: 'date-time' }),
    mergedIntoId: nullable('integer', {
      description: 'the contact it was merged into (POST /api/contacts/:id/unmerge undoes it); null: none',
    }),
    mergedContacts: {
      type: 'array',
      description: "the person's other contacts (merged with this one), those the caller sees",
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          platform: { type: 'string' },
          channelId,
          displayName: nullable('string'),
          mergedIntoId: nullable('integer'),
        },
      },
    },
    conversationIds: {
      type: 'array',
      items: { type: 'integer' },
      description: "the person's conversations, newest first: this contact's and its merged contacts'",
    },
  },
};

/** A conversation's summary with its contact's details in `contact`. */
export const conversationDetails = {
  type: 'object',
  properties: {
    ...conversationSummary.properties,
    contact: nullable('object', { properties: contactDetails.properties }),
  },
};

/** A message's attachment; a stored one is served at `/api/media/:id`. */
export const attachmentSummary = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    position: { type: 'integer' },
    state: { type: 'string', enum: [...ATTACHMENT_STATES] },
    contentKind: { type: 'string' },
    mimeType: nullable('string'),
    filename: nullable('string'),
    size: nullable('integer'),
    reason: nullable('string'),
  },
};

export const conversationMessage = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    externalId: { type: 'string' },
    direction: { type: 'string' },
    channelId,
    sender: nullable('string'),
    type: { type: 'string' },
    contentKind: nullable('string'),
    text: nullable('string'),
    content: nullable('object', { additionalProperties: true }),
    platformTimestamp: { type: 'string', format: 'date-time' },
    deliveryStatus: nullable('string'),
    deliveryStatusAt: nullable('string', { format: 'date-time' }),
    deliveryError: nullable('object', { additionalProperties: true }),
    attachments: { type: 'array', items: attachmentSummary },
  },
};

const anyObject = { type: 'object', additionalProperties: true } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const nullableDateTime = nullable('string', { format: 'date-time' });

/** `GET /api/contacts/:id/export`: everything Omni holds about a person (see `ContactExport`). */
export const contactExport = {
  type: 'object',
  properties: {
    exportedAt: dateTime,
    contact: {
      type: 'object',
      properties: {
        ...contactDetails.properties,
        otherIds: {
          type: 'array',
          items: { type: 'string' },
          description:
            'its other ids on the platform: a WhatsApp BSUID beside the phone number, the BSUID before a change',
        },
      },
    },
    conversations: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          platform: { type: 'string' },
          account: nullable('string'),
          channelId,
          conversationKey: { type: 'string' },
          status: { type: 'string' },
          createdAt: dateTime,
          lastMessageAt: nullableDateTime,
          erasedAt: nullableDateTime,
        },
      },
    },
    messages: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
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
        },
      },
    },
    attachments: {
      type: 'array',
      items: { type: 'object', properties: { ...attachmentSummary.properties, messageId: { type: 'integer' } } },
    },
  },
};

/** `DELETE /api/contacts/:id`: what the erasure did, in counts (see `ContactErasure`). */
export const contactErasure = {
  type: 'object',
  properties: {
    contactId: { type: 'integer' },
    alreadyErased: { type: 'boolean' },
    conversations: { type: 'integer' },
    messages: { type: 'integer' },
    attachments: { type: 'integer' },
    uploads: { type: 'integer' },
    webhookBodies: { type: 'integer' },
    queueRows: { type: 'integer' },
    files: {
      type: 'object',
      properties: { deleted: { type: 'integer' }, kept: { type: 'integer' }, pending: { type: 'integer' } },
    },
  },
};

export const errorResponse = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
};

export const pageLimit = { type: 'integer', minimum: 1, maximum: 200, default: 50 } as const;
