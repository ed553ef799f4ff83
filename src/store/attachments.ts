import type { JSONValue } from 'postgres';
import type { MediaRef, PlatformName } from '../platforms/types.js';
import { channelCondition, type ChannelScope } from './channel-scope.js';
import type { Sql } from './database.js';

/** An attachment's states (the `attachments.state` check holds the same list); `erased` with its contact. */
export const ATTACHMENT_STATES = ['pending', 'stored', 'failed', 'erased'] as const;
export type AttachmentState = (typeof ATTACHMENT_STATES)[number];

/** An attachment to fetch: where it came from and what the platform said about it. */
export interface PlannedAttachment {
  messageId: number;
  /** Its index among the message's media items. */
  position: number;
  platform: string;
  contentKind: string;
  sourceRef: MediaRef;
}

/** An attachment as the fetch job reads it. */
export interface AttachmentToFetch {
  id: number;
  messageId: number;
  platform: PlatformName;
  contentKind: string;
  sourceRef: MediaRef;
  state: AttachmentState;
  /** The channel its message was routed to (null: unrouted): whose token downloads it. */
  channelId: number | null;
}

/** A stored attachment as the media route serves it. */
export interface StoredAttachment {
  id: number;
  contentKind: string;
  mimeType: string;
  filename: string | null;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
}

/** An attachment as the conversation view shows it beside its message. */
export interface AttachmentSummary {
  id: number;
  position: number;
  state: AttachmentState;
  contentKind: string;
  mimeType: string | null;
  filename: string | null;
  size: number | null;
  reason: string | null;
}

/**
 * Inserts the planned attachments as `pending`, inside the processing transaction; a message
 * processed again (a replay) inserts nothing twice. Returns the rows actually inserted.
 */
export async function insertPlannedAttachments(
  tx: Sql,
  planned: PlannedAttachment[],
): Promise<{ id: number; messageId: number }[]> {
  if (planned.length === 0) return [];
  const input = planned.map((p) => ({
    message_id: p.messageId,
    position: p.position,
    platform: p.platform,
    content_kind: p.contentKind,
    source_ref: p.sourceRef,
    mime_type: p.sourceRef.mimeType ?? null,
    filename: p.sourceRef.filename ?? null,
  }));
  const rows = await tx<{ id: string; message_id: string }[]>`
    insert into attachments (message_id, position, platform, content_kind, source_ref, mime_type, filename)
    select message_id, position, platform, content_kind, source_ref, mime_type, filename
    from jsonb_to_recordset(${tx.json(input as unknown as JSONValue)}::jsonb)
      as a(message_id bigint, position int, platform text, content_kind text, source_ref jsonb, mime_type text, filename text)
    on conflict (message_id, position) do nothing
    returning id, message_id`;
  return rows.map((r) => ({ id: Number(r.id), messageId: Number(r.message_id) }));
}

/** Reads an attachment for its fetch job and counts the attempt. */
export async function claimAttachmentFetch(sql: Sql, id: number): Promise<AttachmentToFetch | undefined> {
  const [row] = await sql<
    {
      id: string;
      message_id: string;
      platform: PlatformName;
      content_kind: string;
      source_ref: MediaRef;
      state: AttachmentState;
      channel_id: string | null;
    }[]
  >`
    update attachments set attempts = attempts + 1, updated_at = now()
    where id = ${id}
    returning id, message_id, platform, content_kind, source_ref, state,
              (select m.channel_id from messages m where m.id = attachments.message_id) as channel_id`;
  return (
    row && {
      id: Number(row.id),
      messageId: Number(row.message_id),
      platform: row.platform,
      contentKind: row.content_kind,
      sourceRef: row.source_ref,
      state: row.state,
      channelId: row.channel_id === null ? null : Number(row.channel_id),
    }
  );
}

/**
 * A fetched attachment is stored, unless its contact was erased while the download ran: an erased
 * attachment stays erased, and the file just written (which nothing names) goes to
 * `media_deletions`, where the erasure's own files wait. Queued rather than deleted here: the
 * erasure's deletion (`deleteErasedMedia`, on the next erasure run) already keeps a file another
 * attachment or upload stores too, and retries a failed delete; meanwhile the file is unreadable
 * through Omni (no row names it), and the hourly prune would remove it after its grace period anyway.
 */
export async function markAttachmentStored(
  sql: Sql,
  id: number,
  stored: { mimeType: string; sizeBytes: number; sha256: string; storageKey: string },
): Promise<void> {
  const updated = await sql`
    update attachments set state = 'stored', failure_reason = null, mime_type = ${stored.mimeType}, size_bytes = ${stored.sizeBytes},
      sha256 = ${stored.sha256}, storage_key = ${stored.storageKey}, stored_at = now(), updated_at = now()
    where id = ${id} and state <> 'erased'
    returning id`;
  if (updated.length > 0) return;
  // Erased (or gone): a statement of its own, after the update waited for the erasure to commit.
  await sql`insert into media_deletions (storage_key) values (${stored.storageKey}) on conflict do nothing`;
}

/** The fetch failed for good; an attachment erased meanwhile stays erased (the reason may quote its source). */
export async function markAttachmentFailed(sql: Sql, id: number, reason: string): Promise<void> {
  await sql`
    update attachments set state = 'failed', failure_reason = ${reason}, updated_at = now()
    where id = ${id} and state <> 'erased'`;
}

/** A stored attachment, or undefined when unknown, not (yet) stored, or of a message outside `scope`. */
export async function selectStoredAttachment(
  sql: Sql,
  id: number,
  scope: ChannelScope,
): Promise<StoredAttachment | undefined> {
  const [row] = await sql<
    {
      id: string;
      content_kind: string;
      mime_type: string;
      filename: string | null;
      size_bytes: string;
      sha256: string;
      storage_key: string;
    }[]
  >`
    select a.id, a.content_kind, a.mime_type, a.filename, a.size_bytes, a.sha256, a.storage_key
    from attachments a join messages m on m.id = a.message_id
    where a.id = ${id} and a.state = 'stored' and ${channelCondition(sql, 'm.channel_id', scope)}`;
  return (
    row && {
      id: Number(row.id),
      contentKind: row.content_kind,
      mimeType: row.mime_type,
      filename: row.filename,
      sizeBytes: Number(row.size_bytes),
      sha256: row.sha256,
      storageKey: row.storage_key,
    }
  );
}

/** The attachments of these messages, by message id, in their order within the message. */
export async function listMessageAttachments(
  sql: Sql,
  messageIds: number[],
): Promise<Map<number, AttachmentSummary[]>> {
  const byMessage = new Map<number, AttachmentSummary[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await sql<
    {
      id: string;
      message_id: string;
      position: number;
      state: AttachmentState;
      content_kind: string;
      mime_type: string | null;
      filename: string | null;
      size_bytes: string | null;
      failure_reason: string | null;
    }[]
  >`
    select id, message_id, position, state, content_kind, mime_type, filename, size_bytes, failure_reason
    from attachments where message_id = any(${messageIds}::bigint[]) order by message_id, position`;
  for (const r of rows) {
    const list = byMessage.get(Number(r.message_id)) ?? [];
    list.push({
      id: Number(r.id),
      position: r.position,
      state: r.state,
      contentKind: r.content_kind,
      mimeType: r.mime_type,
      filename: r.filename,
      size: r.size_bytes === null ? null : Number(r.size_bytes),
      reason: r.failure_reason,
    });
    byMessage.set(Number(r.message_id), list);
  }
  return byMessage;
}

/** Puts failed attachments (failed at or after `since`) back to `pending`; returns them for new fetch jobs. */
export async function resetFailedAttachments(tx: Sql, since?: Date): Promise<{ id: number; messageId: number }[]> {
  const rows = await tx<{ id: string; message_id: string }[]>`
    update attachments set state = 'pending', failure_reason = null, updated_at = now()
    where state = 'failed' ${since ? tx`and updated_at >= ${since}` : tx``}
    returning id, message_id`;
  return rows.map((r) => ({ id: Number(r.id), messageId: Number(r.message_id) }));
}
