import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { insertPlannedAttachments, markAttachmentStored } from '../../src/store/attachments.js';
import type { SqlPool } from '../../src/store/database.js';
import { channelSigning, createTestApp, postWebhook } from './app.js';
import { addTestChannel, CHANNEL_APP_SECRET, whatsAppChannel } from './channels.js';
import { createTestDatabase } from './database.js';
import { createTestQueue } from './queue.js';
import { pngImage } from './media-files.js';
import { whatsAppMessageBody, whatsAppTextToNumber } from './webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from './worker.js';

/** What one inbox holds after `openTwoInboxes`: its channel, and the customer's conversation and contact there. */
export interface Inbox {
  channelId: number;
  conversationId: number;
  contactId: number;
  /** The attachment of the customer's photo, pending (no fetch job runs here). */
  attachmentId: number;
}

/** The text both inboxes' customers wrote, so a search for it could find either conversation. */
export const SHARED_TEXT = 'Where is my parcel?';

/** An image from whatsapp-text-basic's customer to this business number. */
function whatsAppImageToNumber(phoneNumberId: string, id: string, timestamp: number): unknown {
  const body = whatsAppMessageBody(id, timestamp, {
    type: 'image',
    image: { id: `media-${id}`, mime_type: 'image/png', sha256: 'unused' },
  }) as any;
  body.entry[0].changes[0].value.metadata.phone_number_id = phoneNumberId;
  return body;
}

/** What the app of `openTwoInboxes` serves besides the conversation API. */
type InboxesOptions = Pick<
  Parameters<typeof createTestApp>[1],
  'mediaStore' | 'apiDocs' | 'liveEvents' | 'channelSealing' | 'endpointPolicy'
>;

/**
 * The real app and worker with two WhatsApp channels, A (Sales) and B (Support), the same customer
 * writing to each (a text and a photo, just now, so a reply is in its window), and a third number
 * no channel holds (an unrouted conversation).
 */
export async function openTwoInboxes(
  t: Test,
  options: InboxesOptions = {},
): Promise<{ sql: SqlPool; app: FastifyInstance; a: Inbox; b: Inbox; unroutedConversationId: number }> {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app, channels } = await createTestApp(t, { sql, queue, platforms: {}, ...options });
  startTestWorker(t, sql, queue);
  const now = Math.floor(Date.now() / 1000);
  const numbers = { a: '100000000000001', b: '100000000000002', unrouted: '100000000000003' };
  await addTestChannel(sql, whatsAppChannel('Sales', numbers.a), { directories: [channels] });
  await addTestChannel(sql, whatsAppChannel('Support', numbers.b), { directories: [channels] });
  for (const [name, number] of Object.entries(numbers)) {
    const bodies = [
      whatsAppTextToNumber(number, `wamid.TEXT-${name}`, now, SHARED_TEXT),
      whatsAppImageToNumber(number, `wamid.PHOTO-${name}`, now),
    ];
    for (const body of bodies) {
      const response = await postWebhook(app, 'whatsapp', body, channelSigning('whatsapp', CHANNEL_APP_SECRET));
      t.equal(response.statusCode, 200);
    }
  }
  await waitUntilProcessed(
    sql,
    Object.keys(numbers).flatMap((name) => [`wamid.TEXT-${name}`, `wamid.PHOTO-${name}`]),
  );
  const inbox = async (name: string, account: string): Promise<Inbox> => {
    const [row] = await sql<
      { channel_id: string | null; conversation_id: string; contact_id: string; photo_id: string }[]
    >`
      select c.channel_id, c.id as conversation_id, c.contact_id, m.id as photo_id
      from conversations c join messages m on m.conversation_id = c.id
      where c.account = ${account} and m.external_id = ${`wamid.PHOTO-${name}`}`;
    // The worker here plans no media fetch (no jobs run), so the photo's attachment is planned as that planner would.
    const [attachment] = await insertPlannedAttachments(sql, [
      {
        messageId: Number(row!.photo_id),
        position: 0,
        platform: 'whatsapp',
        contentKind: 'image',
        sourceRef: { id: `media-${name}`, mimeType: 'image/png' },
      },
    ]);
    return {
      channelId: Number(row!.channel_id),
      conversationId: Number(row!.conversation_id),
      contactId: Number(row!.contact_id),
      attachmentId: attachment!.id,
    };
  };
  const unrouted = await inbox('unrouted', numbers.unrouted);
  return {
    sql,
    app,
    a: await inbox('a', numbers.a),
    b: await inbox('b', numbers.b),
    unroutedConversationId: unrouted.conversationId,
  };
}

/**
 * Stores each inbox's photo and its customer's picture as the fetch and profile jobs would, from the
 * bytes of one PNG uploaded by `headers` (an app served with a media store), so they can be read.
 */
export async function storeInboxMedia(
  app: FastifyInstance,
  sql: SqlPool,
  headers: Record<string, string>,
  inboxes: Inbox[],
): Promise<void> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/uploads',
    headers: { ...headers, 'content-type': 'image/png' },
    payload: pngImage(),
  });
  if (response.statusCode !== 201) throw new Error(`upload failed: ${response.statusCode} ${response.body}`);
  const [stored] = await sql<{ storage_key: string; sha256: string; size_bytes: string }[]>`
    select storage_key, sha256, size_bytes from uploads where id = ${response.json().id}`;
  for (const inbox of inboxes) {
    await markAttachmentStored(sql, inbox.attachmentId, {
      mimeType: 'image/png',
      sizeBytes: Number(stored!.size_bytes),
      sha256: stored!.sha256,
      storageKey: stored!.storage_key,
    });
    await sql`update contacts set avatar_storage_key = ${stored!.storage_key}, avatar_mime_type = 'image/png'
              where id = ${inbox.contactId}`;
  }
}
