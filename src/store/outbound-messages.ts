import { randomUUID } from 'node:crypto';
import type { JSONValue } from 'postgres';
import type { PlatformName, ReplyContent } from '../platforms/types.js';
import { channelCondition, type ChannelScope } from './channel-scope.js';
import type { Sql } from './database.js';
import type { DeliveryError } from './delivery-status.js';

/**
 * A reply as accepted and stored on its message (`messages.send_request`): what the send job sends.
 * The quoted message is kept by both ids: ours for the API, the platform's for the send.
 */
export interface StoredReply {
  content: ReplyContent;
  tag?: 'HUMAN_AGENT';
  replyTo?: { messageId: number; externalId: string };
}

/** A conversation as a reply needs it: where it goes, and when the customer last wrote. */
export interface ReplyConversation {
  platform: PlatformName;
  account: string | null;
  conversationKey: string;
  lastInboundAt: Date | null;
  /** The channel it was routed to (null: unrouted): replies go out through it, and their rows name it. */
  channelId: number | null;
}

/** The customer's last message in the conversation: the 24-hour windows run from it. */
const lastInboundAt = (sql: Sql, conversationIdColumn: string) => sql`
  (select max(i.platform_timestamp) from messages i
   where i.conversation_id = ${sql(conversationIdColumn)} and i.kind = 'message' and i.direction = 'inbound')`;

/**
 * The conversation a reply goes to, if `scope` (the caller's) sees it; `erased` when its contact was
 * (the key is a tombstone's: nobody to reply to).
 */
export async function selectReplyConversation(
  sql: Sql,
  conversationId: number,
  scope: ChannelScope,
): Promise<(ReplyConversation & { erased: boolean }) | undefined> {
  const [row] = await sql<
    {
      platform: PlatformName;
      account: string | null;
      conversation_key: string;
      last_inbound_at: Date | null;
      erased: boolean;
      channel_id: string | null;
    }[]
  >`
    select c.platform, c.account, c.conversation_key, c.channel_id, ${lastInboundAt(sql, 'c.id')} as last_inbound_at,
           c.erased_at is not null as erased
    from conversations c where c.id = ${conversationId} and ${channelCondition(sql, 'c.channel_id', scope)}`;
  return (
    row && {
      platform: row.platform,
      account: row.account,
      conversationKey: row.conversation_key,
      lastInboundAt: row.last_inbound_at,
      erased: row.erased,
      channelId: row.channel_id === null ? null : Number(row.channel_id),
    }
  );
}

/** The platform's id of a message of this conversation that a reply may quote (not a reply still unsent). */
export async function selectQuotableId(
  sql: Sql,
  conversationId: number,
  messageId: number,
): Promise<string | undefined> {
  const [row] = await sql<{ subject_external_id: string }[]>`
    select subject_external_id from messages
    where id = ${messageId} and conversation_id = ${conversationId} and kind = 'message' and external_id not like 'omni:%'`;
  return row?.subject_external_id;
}

export interface NewOutboundMessage {
  conversation: ReplyConversation;
  reply: StoredReply;
  type: string;
  text: string | null;
  content: Record<string, unknown>;
  sentBy: { agentId?: number; tokenId?: number };
}

/**
 * Stores a reply as an outbound message, `queued`, under a placeholder key (`omni:<uuid>`) until the
 * platform names it. It carries its conversation's channel, so filing keeps it in that conversation
 * (conversations are keyed by channel: a null would file it into an unrouted twin). Call inside the transaction that also queues its send job.
 */
export async function insertOutboundMessage(tx: Sql, message: NewOutboundMessage): Promise<number> {
  const key = `omni:${randomUUID()}`;
  const { conversation } = message;
  const [row] = await tx<{ id: string }[]>`
    insert into messages (platform, account, channel_id, external_id, subject_external_id, kind, direction, type, content_kind, text, content,
                          sender, conversation_key, raw, platform_timestamp, delivery_status, delivery_status_at,
                          send_request, sent_by_agent_id, sent_by_token_id)
    values (${conversation.platform}, ${conversation.account}, ${conversation.channelId}, ${key}, ${key}, 'message', 'outbound', ${message.type},
            ${String(message.content.kind)}, ${message.text}, ${tx.json(message.content as JSONValue)},
            ${conversation.account}, ${conversation.conversationKey}, ${tx.json(message.reply as unknown as JSONValue)}, now(), 'queued', now(),
            ${tx.json(message.reply as unknown as JSONValue)}, ${message.sentBy.agentId ?? null}, ${message.sentBy.tokenId ?? null})
    returning id`;
  return Number(row.id);
}

/** A reply as its send job finds it. Times are measured on the database's clock, shared by every worker. */
export interface ReplyToSend extends ReplyConversation {
  id: number;
  deliveryStatus: string | null;
  reply: StoredReply;
  /** Milliseconds since an attempt was recorded and not yet answered; null when none is open. */
  attemptOpenForMs: number | null;
  /** The send slot this reply holds (epoch ms on the database's clock); null when it holds none. */
  slotAt: number | null;
  /** The platform's id for the reply's uploaded file, from an earlier attempt (WhatsApp's /media). */
  sendMediaId: string | null;
}

export async function selectReplyToSend(sql: Sql, messageId: number): Promise<ReplyToSend | undefined> {
  const [row] = await sql<
    {
      platform: PlatformName;
      account: string | null;
      conversation_key: string;
      last_inbound_at: Date | null;
      delivery_status: string | null;
      send_request: StoredReply;
      attempt_open_ms: number | null;
      slot_at: number | null;
      send_media_id: string | null;
      channel_id: string | null;
    }[]
  >`
    select m.platform, m.account, m.conversation_key, m.delivery_status, m.send_request, m.send_media_id,
           -- A reply row carries its channel; one stored before it did takes its conversation's.
           coalesce(m.channel_id, (select c.channel_id from conversations c where c.id = m.conversation_id)) as channel_id,
           ${lastInboundAt(sql, 'm.conversation_id')} as last_inbound_at,
           (extract(epoch from clock_timestamp() - m.send_started_at) * 1000)::float8 as attempt_open_ms,
           (extract(epoch from m.send_slot_at) * 1000)::float8 as slot_at
    from messages m where m.id = ${messageId} and m.send_request is not null`;
  if (!row) return undefined;
  return {
    id: messageId,
    platform: row.platform,
    account: row.account,
    conversationKey: row.conversation_key,
    lastInboundAt: row.last_inbound_at,
    deliveryStatus: row.delivery_status,
    reply: row.send_request,
    attemptOpenForMs: row.attempt_open_ms,
    slotAt: row.slot_at,
    sendMediaId: row.send_media_id,
    channelId: row.channel_id === null ? null : Number(row.channel_id),
  };
}

/**
 * Records that a call to the platform is about to go out. False when another attempt already has
 * one open (a duplicate delivery of the job running side by side): that one decides.
 */
export async function openSendAttempt(sql: Sql, messageId: number): Promise<boolean> {
  const rows = await sql`
    update messages set send_started_at = clock_timestamp(), send_attempts = send_attempts + 1
    where id = ${messageId} and send_started_at is null and delivery_status = 'queued'
    returning id`;
  return rows.length > 0;
}

/**
 * Records the platform's id for the reply's uploaded file, so a later attempt sends by it instead of
 * uploading again; not on a reply erased meanwhile (erasure empties it).
 */
export async function recordSendMediaId(sql: Sql, messageId: number, mediaId: string): Promise<void> {
  await sql`update messages set send_media_id = ${mediaId} where id = ${messageId} and erased_at is null`;
}

/**
 * Nothing went out (throttled, unavailable, or called off before the call): a later attempt may
 * send, in a fresh slot unless `keepSlot` (the reply goes back to the queue to wait for the one it has).
 */
export async function closeUnsentAttempt(
  sql: Sql,
  messageId: number,
  options: { keepSlot?: boolean } = {},
): Promise<void> {
  await sql`
    update messages set send_started_at = null, send_slot_at = ${options.keepSlot ? sql`send_slot_at` : null}
    where id = ${messageId}`;
}

/**
 * The platform accepted the reply: it takes the platform's id as its key, so the status webhooks
 * that follow attach to it, and becomes `sent` unless a status has already moved it further. A reply
 * whose contact was erased while the call was out stays as the erasure left it: the platform's id
 * names the person (a WhatsApp id encodes the phone number), and its statuses need not find it.
 */
export async function markReplySent(sql: Sql, messageId: number, externalId: string): Promise<void> {
  await sql`
    update messages
    set external_id = ${externalId}, subject_external_id = ${externalId}, sent_at = now(), send_started_at = null,
        delivery_status = 'sent', delivery_status_at = now()
    where id = ${messageId} and erased_at is null`;
}

/** The reply will not go out: failed, with the reason agents see (not on an erased reply: the platform's text may quote the person). */
export async function markReplyFailed(sql: Sql, messageId: number, error: DeliveryError): Promise<void> {
  await sql`
    update messages
    set delivery_status = 'failed', delivery_status_at = now(), delivery_error = ${sql.json(error as JSONValue)}, send_started_at = null
    where id = ${messageId} and delivery_status = 'queued' and erased_at is null`;
}
