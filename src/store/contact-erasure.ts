import { randomBytes, randomUUID } from 'node:crypto';
import {
  type ContactIdentity,
  contactConversations,
  contactMessages,
  idsOf,
  keyedByContact,
  selectContactIdentity,
} from './contact-scope.js';
import { type AuditActor, type AuditBy, recordAudit } from './audit-log.js';
import { unlinkErasedContact } from './contact-merges.js';
import { inRetriedTransaction, type Sql, type SqlPool } from './database.js';

/** What one erasure changed, as counts only: nothing about the person. */
export interface ErasedRecords {
  contactId: number;
  /** The contact had been erased before: this run erased only what arrived under its tombstone since. */
  alreadyErased: boolean;
  conversations: number;
  /** Messages, statuses and events. */
  messages: number;
  attachments: number;
  /** Files uploaded to reply to the person (and to nobody else). */
  uploads: number;
  /** Raw webhook bodies dropped from `webhook_logs`. */
  webhookBodies: number;
  /** Queue rows stopped, or stripped of an event body or an error's text. */
  queueRows: number;
  /** Agents' private notes on the person's conversations, deleted. */
  notes: number;
  /** Labels on the person's conversations, deleted. */
  labels: number;
}

/**
 * Erases a contact's records in ONE transaction, leaving anonymous tombstones (see the migration
 * `contact-erasure`): the contact gets a new random identity, so the platform's user id matches
 * nothing any more, its other ids are forgotten, and a later webhook from the person makes a new
 * contact. Stored files are not touched here: their keys go to `media_deletions`, deleted after the
 * commit (`deleteErasedMedia`). Running it again on an erased contact erases only what came under
 * the tombstone since. The `contact.erased` audit row, by `by`, lands in the same transaction, with
 * counts only. Only this identity is erased: the person's other contacts (merged with it) keep their
 * data, and the tombstone leaves the person (`unlinkErasedContact`). Undefined for an unknown contact.
 */
export async function eraseContactRecords(
  sql: SqlPool,
  contactId: number,
  by: AuditBy,
): Promise<ErasedRecords | undefined> {
  // The erasure locks a contact's rows in bulk while workers may be filing or finishing jobs on the
  // same rows in another order; a deadlock between them rolls the erasure back whole, so it runs again.
  return inRetriedTransaction(sql, async (tx) => {
    const contact = await selectContactIdentity(tx, contactId, { lock: true });
    if (!contact) return undefined;
    const identity = contact.erasedAt ? contact.externalId : `erased:${randomUUID()}`;
    const messages = await tx<{ id: string; webhook_log_id: string | null }[]>`
      select m.id, m.webhook_log_id from messages m
      where ${contactMessages(tx, contact)} and m.erased_at is null
      for update`;
    const ids = messages.map((m) => m.id);
    const webhookLogIds = [...new Set(messages.flatMap((m) => (m.webhook_log_id ? [m.webhook_log_id] : [])))];

    const webhookBodies = await eraseWebhookBodies(tx, contact, webhookLogIds);
    const queueRows = await stopQueueRows(tx, contact, ids);
    const attachments = await eraseAttachments(tx, ids);
    const uploadIds = await uploadsUsedIn(tx, ids);
    await eraseMessages(tx, contact, identity, ids);
    const uploads = await eraseUploads(tx, uploadIds);
    const { notes, labels } = await eraseNotesAndLabels(tx, contact);
    // A conversation still keyed by another of their ids (a renamed contact's, when one under the
    // new id was there already) becomes `<tombstone>:<row id>`: it cannot collide with the one
    // under their own id, and a second erasure still finds it.
    const conversations = await tx`
      update conversations c
      set conversation_key = case when c.conversation_key = any(${contact.otherIds}::text[])
                                  then ${identity} || ':' || c.id
                                  else ${identity} || substr(c.conversation_key, length(${contact.externalId}) + 1) end,
          erased_at = now(), updated_at = now()
      where ${contactConversations(tx, contact)} and c.erased_at is null
      returning c.id`;
    await eraseProfile(tx, contact, identity, erasedByLabel(by.actor));
    await unlinkErasedContact(tx, contact.id);
    const erased = {
      alreadyErased: contact.erasedAt !== null,
      conversations: conversations.length,
      messages: ids.length,
      attachments,
      uploads,
      webhookBodies,
      queueRows,
      notes,
      labels,
    };
    await recordAudit(tx, {
      ...by,
      action: 'contact.erased',
      target: { kind: 'contact', id: contact.id },
      detail: erased,
    });
    return { contactId: contact.id, ...erased };
  });
}

/**
 * Agents' notes and labels on the person's conversations (the tombstoned ones too: a note written
 * on one after an erasure goes with the next) are deleted, not tombstoned: a note is free text about
 * the person, and a label can name them ("angry customer", a company).
 */
async function eraseNotesAndLabels(tx: Sql, contact: ContactIdentity): Promise<{ notes: number; labels: number }> {
  const [row] = await tx<{ notes: number; labels: number }[]>`
    with theirs as (
      select c.id from conversations c where ${contactConversations(tx, contact)}
    ), notes as (
      delete from conversation_notes n where n.conversation_id in (select id from theirs) returning n.id
    ), labels as (
      delete from conversation_labels l where l.conversation_id in (select id from theirs) returning l.label
    )
    select (select count(*)::int from notes) as notes, (select count(*)::int from labels) as labels`;
  return { notes: row?.notes ?? 0, labels: row?.labels ?? 0 };
}

/** The tombstone's `erased_by`: ids only (`agent 3`, `token 5`), or the CLI's operating-system user. */
function erasedByLabel(actor: AuditActor): string {
  return actor.kind === 'cli' ? `cli ${actor.name}` : `${actor.kind} ${actor.id}`;
}

/**
 * The raw bodies that carried the person are dropped whole; the audit row (when, verdict, status,
 * item count) stays. A Meta body can batch several people's items: cutting out only this person's
 * part would mean rewriting platform JSON (and the bytes would no longer be the ones signed, the
 * reason they are kept), while the others' items stay whole in their own `messages` rows. What they
 * lose is `omni reprocess` over that one body. Besides the bodies their items came from, any other
 * body of the platform naming any of their ids as a whole token (one refused, or not understood)
 * goes too.
 */
async function eraseWebhookBodies(tx: Sql, contact: ContactIdentity, logIds: string[]): Promise<number> {
  const ids = idsOf(contact);
  const escaped = ids.map((id) => id.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&'));
  const token = `(^|[^0-9A-Za-z_-])(${escaped.join('|')})($|[^0-9A-Za-z_-])`;
  const rows = await tx`
    update webhook_logs w set raw_body = null, raw_body_erased_at = now()
    where w.raw_body is not null
      and (w.id = any(${logIds}::bigint[])
           or (w.platform = ${contact.platform}
               and exists (select 1 from unnest(${ids}::text[]) id where position(convert_to(id, 'UTF8') in w.raw_body) > 0)
               and encode(w.raw_body, 'escape') ~ ${token}))
    returning w.id`;
  return rows.length;
}

/**
 * Queue rows of the person's messages: an event body planned for an endpoint is removed (it is
 * their message and profile), and work not yet done is ended as processed, so nothing sends,
 * fetches or delivers it after the erasure (a DLQ replay of it is then a no-op). An endpoint event
 * about another member's message in a group the person started names them too (the conversation's
 * contact): those bodies go the same way. A row's last error (a platform's or an endpoint's text,
 * which can quote the person) becomes 'contact erased'.
 */
async function stopQueueRows(tx: Sql, contact: ContactIdentity, ids: string[]): Promise<number> {
  const rows = await tx`
    update queue_logs q
    set job_payload = case when q.job = 'deliver_event' then q.job_payload - 'body' else q.job_payload end,
        last_error = case when q.status = 'processed' and q.last_error is null then null else 'contact erased' end,
        processed_at = coalesce(q.processed_at, now()), status = 'processed', updated_at = now()
    where (q.status <> 'processed' or q.job_payload ? 'body' or q.last_error <> 'contact erased')
      and (q.message_id = any(${ids}::bigint[])
           or (q.job = 'deliver_event' and q.message_id in (
                 select m.id from conversations c join messages m on m.conversation_id = c.id
                 where c.contact_id = ${contact.id})))
    returning q.id`;
  return rows.length;
}

/**
 * The contact becomes the tombstone: its new identity, no other ids, and no profile (name, username,
 * avatar); the avatar's file is queued for deletion after the commit, like an attachment's.
 */
async function eraseProfile(tx: Sql, contact: ContactIdentity, identity: string, erasedBy: string): Promise<void> {
  const contactId = contact.id;
  await tx`delete from contact_identities where contact_id = ${contactId}`;
  await tx`
    with avatar as (
      insert into media_deletions (storage_key)
      select avatar_storage_key from contacts where id = ${contactId} and avatar_storage_key is not null
      on conflict do nothing
    )
    update contacts set external_id = ${identity}, display_name = null, username = null,
                        avatar_storage_key = null, avatar_mime_type = null,
                        profile_fetched_at = null, profile_requested_at = null,
                        erased_at = coalesce(erased_at, now()), erased_by = coalesce(erased_by, ${erasedBy}),
                        updated_at = now()
    where id = ${contactId}`;
}

/** The attachments become `erased`; their stored files are queued for deletion after the commit. */
async function eraseAttachments(tx: Sql, ids: string[]): Promise<number> {
  const rows = await tx`
    with erased as (
      select id, storage_key from attachments where message_id = any(${ids}::bigint[]) and state <> 'erased' for update
    ), files as (
      insert into media_deletions (storage_key)
      select distinct storage_key from erased where storage_key is not null
      on conflict do nothing
    )
    update attachments a
    set state = 'erased', source_ref = '{}', filename = null, sha256 = null, storage_key = null,
        failure_reason = null, updated_at = now()
    from erased e where a.id = e.id
    returning a.id`;
  return rows.length;
}

/** The uploads these replies sent (read before the replies are emptied). */
async function uploadsUsedIn(tx: Sql, ids: string[]): Promise<string[]> {
  const rows = await tx<{ id: string }[]>`
    select distinct send_request -> 'content' -> 'upload' ->> 'id' as id from messages
    where id = any(${ids}::bigint[]) and send_request -> 'content' -> 'upload' ->> 'id' is not null`;
  return rows.map((r) => r.id);
}

/** An error object (`{ code, title, message }`) cut down to its code; null stays null. */
const codeOnly = (tx: Sql, column: string) =>
  tx`case when ${tx(column)} is null then null
          else jsonb_strip_nulls(jsonb_build_object('code', ${tx(column)} -> 'code')) end`;

/**
 * Messages keep their row, kind, type, times and delivery status; their text, content, raw element,
 * reply request and ids go, the person's other ids an item brought with them. Each platform id
 * becomes a hash under a salt that is never stored (a WhatsApp message id encodes the phone
 * number; a Telegram one holds the chat id), the same for a status as for the message it names, so
 * a status still points at its message. A status's error and a reply's delivery error keep only
 * their code: their title and message are the platform's text, which can quote the person (a phone
 * number, the refused text).
 */
async function eraseMessages(tx: Sql, contact: ContactIdentity, identity: string, ids: string[]): Promise<void> {
  const salt = randomBytes(16).toString('hex');
  const personIds = idsOf(contact);
  await tx`
    update messages m
    set text = null, content = null, raw = '{}',
        send_request = case when m.send_request is null then null else '{}'::jsonb end, send_media_id = null,
        error = ${codeOnly(tx, 'm.error')}, delivery_error = ${codeOnly(tx, 'm.delivery_error')},
        external_id = 'erased:' || md5(${salt} || m.external_id),
        subject_external_id = 'erased:' || md5(${salt} || m.subject_external_id),
        sender = case when m.sender = any(${personIds}::text[]) then ${identity} else m.sender end,
        sender_aliases = null, sender_replaces = null,
        conversation_key = case when m.conversation_key = any(${personIds}::text[]) then ${identity}
                                when ${keyedByContact(tx, 'm.conversation_key', contact)}
                                then ${identity} || substr(m.conversation_key, length(${contact.externalId}) + 1)
                                else m.conversation_key end,
        erased_at = now()
    where m.id = any(${ids}::bigint[])`;
}

/**
 * Uploads the person's replies sent, unless another conversation's reply sent the same upload: the
 * rows go, their files are queued for deletion (kept if anything else still stores the same bytes).
 */
async function eraseUploads(tx: Sql, uploadIds: string[]): Promise<number> {
  const rows = await tx`
    with erased as (
      delete from uploads u
      where u.id = any(${uploadIds}::bigint[])
        and not exists (select 1 from messages o where o.send_request -> 'content' -> 'upload' ->> 'id' = u.id::text)
      returning u.storage_key
    ), files as (
      insert into media_deletions (storage_key) select distinct storage_key from erased on conflict do nothing
    )
    select count(*)::int as count from erased`;
  return Number(rows[0]?.count ?? 0);
}
