import t, { type Test } from 'tap';
import {
  claimAttachmentFetch,
  insertPlannedAttachments,
  markAttachmentFailed,
  markAttachmentStored,
} from '../../src/store/attachments.js';
import { eraseContactRecords } from '../../src/store/contact-erasure.js';
import { mediaKey } from '../../src/media/media-store.js';
import { selectPendingMediaDeletions } from '../../src/store/media-deletions.js';
import {
  insertOutboundMessage,
  markReplyFailed,
  markReplySent,
  openSendAttempt,
  recordSendMediaId,
  selectReplyConversation,
} from '../../src/store/outbound-messages.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { dumpDatabase, searchable } from '../helpers/database-dump.js';
import { loadFixture } from '../helpers/fixtures.js';
import { createTestQueue } from '../helpers/queue.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';
import { TEST_BY } from '../helpers/audit.js';

const GROUP = -1001000000001;
const MEMBER = { id: 100000001, first_name: 'Test User', username: 'testuser' };
const OTHER = { id: 100000002, first_name: 'Second Member', username: 'secondmember' };

/** telegram-group-reply-to-bot from `from`, as message `messageId` with `text` (quoting nothing). */
function groupMessage(from: typeof MEMBER, messageId: number, text: string): unknown {
  const body = structuredClone(loadFixture('telegram', 'telegram-group-reply-to-bot').body) as any;
  body.update_id += messageId;
  Object.assign(body.message, { message_id: messageId, from: { ...from, is_bot: false }, text });
  delete body.message.reply_to_message;
  return body;
}

/** The same member writing to the bot in their private chat. */
function privateMessage(messageId: number, text: string): unknown {
  const body = groupMessage(MEMBER, messageId, text) as any;
  body.message.chat = { id: MEMBER.id, first_name: MEMBER.first_name, username: MEMBER.username, type: 'private' };
  return body;
}

t.test(
  "erasing a Telegram group member erases their private chat and their own messages in the group, not the group or the others' messages",
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app } = await createTestApp(t, { sql, queue });
    startTestWorker(t, sql, queue);
    const deliveries: [unknown, string][] = [
      [groupMessage(MEMBER, 108, 'and the second one?'), `${GROUP}:108`],
      [groupMessage(OTHER, 109, 'I would take the first'), `${GROUP}:109`],
      [privateMessage(7, 'my order number is 5521'), `${MEMBER.id}:7`],
    ];
    for (const [body, key] of deliveries) {
      t.equal((await postWebhook(app, 'telegram', body)).statusCode, 200);
      await waitUntilProcessed(sql, [key]);
    }
    const [member] = await sql<{ id: string }[]>`select id from contacts where external_id = ${String(MEMBER.id)}`;

    const erased = await eraseContactRecords(sql, Number(member!.id), TEST_BY);
    t.match(erased, { conversations: 1, messages: 2, webhookBodies: 2 });

    const conversations = await sql<{ conversation_key: string; erased: boolean }[]>`
      select conversation_key, erased_at is not null as erased from conversations order by id`;
    t.match(conversations, [
      { conversation_key: String(GROUP), erased: false },
      { conversation_key: /^erased:/, erased: true },
    ]);
    const group = await sql<{ text: string | null; sender: string; erased: boolean }[]>`
      select text, sender, erased_at is not null as erased from messages
      where conversation_key = ${String(GROUP)} order by platform_timestamp, id`;
    t.match(group, [
      { text: null, sender: /^erased:/, erased: true },
      { text: 'I would take the first', sender: String(OTHER.id), erased: false },
    ]);
    const bodies = await sql<{ kept: boolean }[]>`select raw_body is not null as kept from webhook_logs order by id`;
    t.same(
      bodies.map((b) => b.kept),
      [false, true, false],
      "only the other member's body is kept",
    );
  },
);

/** A database where the member wrote `text` to the bot in their private chat, processed. */
async function memberWrote(t: Test, text: string) {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });
  startTestWorker(t, sql, queue);
  t.equal((await postWebhook(app, 'telegram', privateMessage(7, text))).statusCode, 200);
  await waitUntilProcessed(sql, [`${MEMBER.id}:7`]);
  const [message] = await sql<{ id: string; conversation_id: string }[]>`
    select id, conversation_id from messages where external_id = ${`${MEMBER.id}:7`}`;
  const [member] = await sql<{ id: string }[]>`select id from contacts where external_id = ${String(MEMBER.id)}`;
  return {
    sql,
    messageId: Number(message?.id),
    conversationId: Number(message?.conversation_id),
    memberId: Number(member?.id),
  };
}

t.test(
  'a fetch or a send that ends after the erasure committed writes nothing back onto the erased rows',
  async (t) => {
    const { sql, messageId, conversationId, memberId } = await memberWrote(t, 'a photo of my passport');

    // A download and a send under way: the attachment claimed by its fetch job, the reply's call out.
    const [attachment] = await insertPlannedAttachments(sql, [
      {
        messageId,
        position: 0,
        platform: 'telegram',
        contentKind: 'image',
        sourceRef: { id: 'AgACAgQAAxkBAAIBZ2' },
      },
    ]);
    const attachmentId = Number(attachment!.id);
    t.ok(await claimAttachmentFetch(sql, attachmentId));
    const conversation = await selectReplyConversation(sql, conversationId, 'all');
    const replyId = await insertOutboundMessage(sql, {
      conversation: conversation!,
      reply: { content: { kind: 'text', text: 'Thanks, received' } },
      type: 'text',
      text: 'Thanks, received',
      content: { kind: 'text', text: 'Thanks, received' },
      sentBy: {},
    });
    t.ok(await openSendAttempt(sql, replyId));

    t.match(await eraseContactRecords(sql, memberId, TEST_BY), { messages: 2, attachments: 1 });
    const rows = () => sql`
      select a.state, a.storage_key, a.sha256, a.failure_reason, m.external_id, m.subject_external_id,
             m.send_media_id, m.delivery_status, m.delivery_error
      from attachments a, messages m where a.id = ${attachmentId} and m.id = ${replyId}`;
    const erased = await rows();

    const key = mediaKey('e'.repeat(64));
    await markAttachmentStored(sql, attachmentId, {
      mimeType: 'image/jpeg',
      sizeBytes: 1024,
      sha256: 'e'.repeat(64),
      storageKey: key,
    });
    await markAttachmentFailed(sql, attachmentId, 'download of AgACAgQAAxkBAAIBZ2 failed');
    await recordSendMediaId(sql, replyId, '990000000000001');
    await markReplySent(sql, replyId, `${MEMBER.id}:8`);
    await markReplyFailed(sql, replyId, { code: 400, title: 'Bad Request', message: `chat ${MEMBER.id} not found` });
    t.same(await rows(), erased, 'the attachment stays erased, the reply keeps no platform id, media id or error');
    t.match(erased, [{ state: 'erased', storage_key: null, external_id: /^erased:/, delivery_error: null }]);
    t.same(await selectPendingMediaDeletions(sql), [key], 'the file the late download wrote waits to be deleted');
  },
);

t.test("the platform's and the queue's error texts about the person go; the codes stay", async (t) => {
  const { sql, messageId, memberId } = await memberWrote(t, 'my order number is 5521');
  // As a failed reply and a job that gave up would leave them, quoting the person.
  const quoting = `Forbidden: bot was blocked by the user ${MEMBER.username}`;
  await sql`
    update messages set error = ${sql.json({ code: 403, title: 'Forbidden', message: quoting })},
                        delivery_error = ${sql.json({ code: 403, message: quoting })}
    where id = ${messageId}`;
  await sql`update queue_logs set last_error = ${quoting} where message_id = ${messageId}`;

  await eraseContactRecords(sql, memberId, TEST_BY);
  t.same(
    await sql`select error, delivery_error from messages where id = ${messageId}`,
    [{ error: { code: 403 }, delivery_error: { code: 403 } }],
    'the errors keep their code only',
  );
  t.same(
    await sql`select last_error from queue_logs where message_id = ${messageId}`,
    [{ last_error: 'contact erased' }],
    "the queue row's error text is replaced",
  );
});

/** A WhatsApp fixture's body with its one message given the id `id`, and edited further by `edit`. */
function whatsAppVariant(fixtureId: string, id: string, edit?: (value: any) => void): unknown {
  const body = structuredClone(loadFixture('whatsapp', fixtureId).body) as any;
  const value = body.entry[0].changes[0].value;
  value.messages[0].id = id;
  edit?.(value);
  return body;
}

t.test(
  'erasing a WhatsApp user who changed BSUID erases what came under the old id and the new one, and forgets both',
  async (t) => {
    const OLD = 'MX.1502576394655843';
    const NEW = 'MX.2209718833104477';
    const { sql, url } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app } = await createTestApp(t, { sql, queue });
    startTestWorker(t, sql, queue);
    const change = loadFixture('whatsapp', 'whatsapp-system-user-changed-user-id');
    const deliveries: [unknown, string][] = [
      [whatsAppVariant('whatsapp-bsuid-only-username', 'wamid.BEFORE-CHANGE'), 'wamid.BEFORE-CHANGE'],
      [change.body, (change.expect.messages[0] as { externalId: string }).externalId],
      [
        whatsAppVariant('whatsapp-bsuid-only-username', 'wamid.AFTER-CHANGE', (value) => {
          value.messages[0].from_user_id = NEW;
          value.contacts[0].user_id = NEW;
        }),
        'wamid.AFTER-CHANGE',
      ],
    ];
    for (const [body, key] of deliveries) {
      t.equal((await postWebhook(app, 'whatsapp', body)).statusCode, 200);
      await waitUntilProcessed(sql, [key]);
    }
    const [pablo] = await sql<{ id: string }[]>`select id from contacts where external_id = ${NEW}`;
    const needles = [OLD, NEW, 'Pablo Morales', '@pablomorales'];
    const found = async () => {
      const dump = await dumpDatabase(sql, url);
      return needles.filter((needle) => searchable(needle).some((form) => dump.includes(form)));
    };
    t.same(await found(), needles, 'before: the dump holds both ids, the name and the username');

    const erased = await eraseContactRecords(sql, Number(pablo!.id), TEST_BY);
    t.match(erased, { conversations: 1, messages: 3, webhookBodies: 3 });
    t.same(await found(), [], 'after: none of them');
    t.same(await sql`select * from contact_identities`, [], 'no other id is kept for the tombstone');
  },
);
