import type { MessageContent, PlatformName } from '../platforms/types.js';
import { type AttachmentSummary, listMessageAttachments } from './attachments.js';
import type { ChannelScope } from './channel-scope.js';
import { contactConversations, contactMessages, selectContactIdentity } from './contact-scope.js';
import { type ContactDetails, findContact } from './contacts.js';
import { inTransaction, type SqlPool } from './database.js';

/** One of the person's conversations, as exported. */
export interface ExportedConversation {
  id: number;
  platform: PlatformName;
  account: string | null;
  /** The channel it came through; null: unrouted. */
  channelId: number | null;
  conversationKey: string;
  status: string;
  createdAt: Date;
  lastMessageAt: Date | null;
  erasedAt: Date | null;
}

/** One message, status or event of the person's, as exported: what they sent, what was sent to them, as received. */
export interface ExportedMessage {
  id: number;
  conversationId: number | null;
  /** The channel it came or went through; null: unrouted. */
  channelId: number | null;
  kind: 'message' | 'status' | 'event';
  direction: 'inbound' | 'outbound';
  type: string;
  externalId: string;
  sender: string | null;
  text: string | null;
  content: MessageContent | null;
  /** A status's own value (sent, delivered...). */
  status: string | null;
  /** The element as the platform sent it (for a reply, the reply as accepted). */
  raw: unknown;
  platformTimestamp: Date;
  deliveryStatus: string | null;
  deliveryStatusAt: Date | null;
  deliveryError: unknown;
  receivedAt: Date;
  erasedAt: Date | null;
}

/** An attachment's metadata, as the conversation view lists it (its bytes are served at `/api/media/:id` while stored). */
export type ExportedAttachment = AttachmentSummary & { messageId: number };

/** An agent's private note on one of the person's conversations: what Omni holds about them in agents' words. */
export interface ExportedNote {
  id: number;
  conversationId: number;
  text: string;
  createdAt: Date;
}

/** The contact as `GET /api/contacts/:id` shows it, the ids it goes by besides `externalId` included. */
export type ExportedContact = ContactDetails;

/**
 * Everything Omni holds about a person (GDPR article 15), as one document: the contact and its
 * other ids, their conversations, every message, status and event of theirs (`contactMessages`:
 * the same scope an erasure empties), their attachments' metadata and the agents' notes on their
 * conversations (which an erasure deletes).
 */
export interface ContactExport {
  exportedAt: Date;
  contact: ExportedContact;
  conversations: ExportedConversation[];
  messages: ExportedMessage[];
  attachments: ExportedAttachment[];
  notes: ExportedNote[];
}

const num = (value: string | null) => (value === null ? null : Number(value));

/** The export of this contact, read in one snapshot; undefined for an unknown contact or one outside `scope`. */
export async function selectContactExport(
  sql: SqlPool,
  contactId: number,
  scope: ChannelScope,
): Promise<ContactExport | undefined> {
  return inTransaction(
    sql,
    async (tx) => {
      const identity = await selectContactIdentity(tx, contactId);
      const contact = await findContact(tx, contactId, scope);
      if (!identity || !contact) return undefined;
      const conversations = await tx<ConversationRow[]>`
      select c.id, c.platform, c.account, c.channel_id, c.conversation_key, c.status, c.created_at, c.last_message_at, c.erased_at
      from conversations c where ${contactConversations(tx, identity)}
      order by c.id`;
      const messages = await tx<MessageRow[]>`
      select m.id, m.conversation_id, m.channel_id, m.kind, m.direction, m.type, m.external_id, m.sender, m.text, m.content,
             m.status, m.raw, m.platform_timestamp, m.delivery_status, m.delivery_status_at, m.delivery_error,
             m.created_at, m.erased_at
      from messages m where ${contactMessages(tx, identity)}
      order by m.platform_timestamp, m.platform_seq, m.id`;
      const notes = await tx<NoteRow[]>`
      select n.id, n.conversation_id, n.text, n.created_at
      from conversation_notes n join conversations c on c.id = n.conversation_id
      where ${contactConversations(tx, identity)}
      order by n.conversation_id, n.created_at, n.id`;
      const attachments = await listMessageAttachments(
        tx,
        messages.map((m) => Number(m.id)),
      );
      return {
        exportedAt: new Date(),
        contact,
        conversations: conversations.map((c) => ({
          id: Number(c.id),
          platform: c.platform,
          account: c.account,
          channelId: num(c.channel_id),
          conversationKey: c.conversation_key,
          status: c.status,
          createdAt: c.created_at,
          lastMessageAt: c.last_message_at,
          erasedAt: c.erased_at,
        })),
        messages: messages.map((m) => ({
          id: Number(m.id),
          conversationId: num(m.conversation_id),
          channelId: num(m.channel_id),
          kind: m.kind,
          direction: m.direction,
          type: m.type,
          externalId: m.external_id,
          sender: m.sender,
          text: m.text,
          content: m.content,
          status: m.status,
          raw: m.raw,
          platformTimestamp: m.platform_timestamp,
          deliveryStatus: m.delivery_status,
          deliveryStatusAt: m.delivery_status_at,
          deliveryError: m.delivery_error,
          receivedAt: m.created_at,
          erasedAt: m.erased_at,
        })),
        attachments: [...attachments].flatMap(([messageId, list]) => list.map((a) => ({ ...a, messageId }))),
        notes: notes.map((n) => ({
          id: Number(n.id),
          conversationId: Number(n.conversation_id),
          text: n.text,
          createdAt: n.created_at,
        })),
      };
    },
    'isolation level repeatable read read only',
  );
}

interface ConversationRow {
  id: string;
  platform: PlatformName;
  account: string | null;
  channel_id: string | null;
  conversation_key: string;
  status: string;
  created_at: Date;
  last_message_at: Date | null;
  erased_at: Date | null;
}

interface MessageRow {
  id: string;
  conversation_id: string | null;
  channel_id: string | null;
  kind: ExportedMessage['kind'];
  direction: ExportedMessage['direction'];
  type: string;
  external_id: string;
  sender: string | null;
  text: string | null;
  content: MessageContent | null;
  status: string | null;
  raw: unknown;
  platform_timestamp: Date;
  delivery_status: string | null;
  delivery_status_at: Date | null;
  delivery_error: unknown;
  created_at: Date;
  erased_at: Date | null;
}

interface NoteRow {
  id: string;
  conversation_id: string;
  text: string;
  created_at: Date;
}
