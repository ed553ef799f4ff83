import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { createUser } from '../../src/cli/commands/user.js';
import { loadConfig } from '../../src/config/load-config.js';
import { endpointPolicy } from '../../src/endpoints/endpoint-policy.js';
import { registerEndpoint } from '../../src/endpoints/register-endpoint.js';
import { configuredTestJobs } from '../helpers/jobs.js';
import { createConfiguredMediaStore } from '../../src/media/configured-media-store.js';
import { AGENT_PASSWORD, bearerHeaders, createTestAgent, loginCookie } from '../helpers/auth.js';
import { createTestApp, postWebhook } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { dumpDatabase, readTree, searchable } from '../helpers/database-dump.js';
import { startEndpointReceiver } from '../helpers/endpoint-receiver.js';
import { GRAPH_VERSION, startFakeMediaApi, WHATSAPP_TOKEN } from '../helpers/fake-media-api.js';
import { pdfDocument, pngImage } from '../helpers/media-files.js';
import { createTestQueue } from '../helpers/queue.js';
import { waitFor } from '../helpers/wait-for.js';
import { whatsAppMediaBody, whatsAppStatusBody, whatsAppTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';
import { TEST_BY } from '../helpers/audit.js';

// whatsapp-text-basic's customer (Sheena Nelson, 16505551234) is the person erased, with the
// business-scoped user id and username of whatsapp-bsuid-contact-username; a second customer on the
// same business number shares a webhook batch and an image file with her.
interface Person {
  name: string;
  phone: string;
  userId?: string;
  username?: string;
}
const SHEENA: Person = {
  name: 'Sheena Nelson',
  phone: '16505551234',
  userId: 'US.13491208655302741918',
  username: '@sheenanelson',
};
const RAVI: Person = { name: 'Ravi Kumar', phone: '447700900123' };
const BUSINESS_NUMBER = '106540352242922';
const NOW = Math.floor(Date.now() / 1000) - 600;

/** How a WhatsApp body names `person`: the contact entry and a message's sender fields. */
function named(person: Person) {
  const profile = { name: person.name, ...(person.username ? { username: person.username } : {}) };
  const userId = person.userId ? { user_id: person.userId } : {};
  return {
    contact: { profile, wa_id: person.phone, ...userId },
    sender: { from: person.phone, ...(person.userId ? { from_user_id: person.userId } : {}) },
  };
}

/** A fixture body from `person` instead of the fixture's customer, sent `at` (seconds). */
function from(person: Person, at: number, body: any): unknown {
  const value = body.entry[0].changes[0].value;
  const { contact, sender } = named(person);
  value.contacts = [contact];
  for (const message of value.messages) Object.assign(message, { ...sender, timestamp: String(at) });
  return body;
}

/** A text from `person` after they hid their number: WhatsApp names them by their BSUID only. */
function numberHidden(person: Person, id: string, at: number, text: string): unknown {
  const body = from(person, at, whatsAppTextBody(id, at, text)) as any;
  const value = body.entry[0].changes[0].value;
  delete value.contacts[0].wa_id;
  delete value.messages[0].from;
  return body;
}

/** One webhook body carrying both customers' texts: Meta batches several people's items like this. */
function batchBody(sheenaText: string, raviText: string): unknown {
  const body = from(SHEENA, NOW + 40, whatsAppTextBody('wamid.SHEENA-BATCH', NOW + 40, sheenaText)) as any;
  const value = body.entry[0].changes[0].value;
  const ravi = named(RAVI);
  value.contacts.push(ravi.contact);
  const { from_user_id: _sheenas, ...message } = value.messages[0];
  value.messages.push({ ...message, ...ravi.sender, id: 'wamid.RAVI-BATCH', text: { body: raviText } });
  return body;
}

t.test('erasing a contact removes their data from the database and the media store, and nothing else', async (t) => {
  const { sql, url } = await createTestDatabase(t);
  const queue = await createTestQueue(t, { visibilityTimeoutSeconds: 30 });
  const api = await startFakeMediaApi(t);
  const receiver = await startEndpointReceiver(t);
  const mediaDir = await mkdtemp(join(tmpdir(), 'omni-erasure-media-'));
  t.teardown(() => rm(mediaDir, { recursive: true, force: true }));
  const config = loadConfig({
    MEDIA_DIR: mediaDir,
    GRAPH_API_BASE_URL: api.origin,
    WHATSAPP_ACCESS_TOKEN: WHATSAPP_TOKEN,
    MEDIA_PRIVATE_HOSTS: api.host,
    ENDPOINT_PRIVATE_HOSTS: `127.0.0.1:${receiver.port}`,
  });
  const mediaStore = createConfiguredMediaStore(config);
  const { app } = await createTestApp(t, { sql, queue, mediaStore });
  startTestWorker(t, sql, queue, { jobs: await configuredTestJobs(t, sql, config, { mediaStore }) });
  const { authorization } = await bearerHeaders(sql);
  await registerEndpoint(sql, endpointPolicy(config.endpoints), { url: receiver.url('/crm'), events: '*' }, TEST_BY);

  // The Cloud API's send and media upload, answered as documented, on the same fake Graph host.
  let sent = 0;
  const answer = (body: object) => (req: IncomingMessage, res: ServerResponse) =>
    req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
  api.on(`/${GRAPH_VERSION}/${BUSINESS_NUMBER}/media`, answer({ id: '990000000000001' }));
  api.on(`/${GRAPH_VERSION}/${BUSINESS_NUMBER}/messages`, (req, res) =>
    answer({ messaging_product: 'whatsapp', messages: [{ id: `wamid.REPLY-${++sent}` }] })(req, res),
  );
  const sharedPhoto = pngImage(40, 30);
  api.whatsAppMedia('5500000000000001', sharedPhoto, 'image/png');
  api.whatsAppMedia('5500000000000002', pdfDocument(`Receipt for ${SHEENA.name}`), 'application/pdf');
  api.whatsAppMedia('5500000000000003', sharedPhoto, 'image/png');

  const texts = {
    question: 'Does it come in another colour? I live at 12 Elm Street',
    caption: 'The crack in the lid',
    batched: 'Can I pay on delivery, please?',
    hidden: 'I hid my number, it is still me',
    reply: 'Hi Sheena, the blue one ships on Monday',
    replyCaption: 'Your invoice, Sheena',
    receiptName: 'sheena-receipt.pdf',
    invoiceName: 'invoice-for-sheena.pdf',
    note: 'Sheena asked us to call her after six',
    label: 'elm street regular',
  };
  const raviTexts = {
    photo: 'Mine has the same crack',
    batched: 'Is there a warranty?',
    note: 'Ravi wants the warranty terms by post',
    label: 'warranty question',
  };

  async function deliver(body: unknown, itemKeys: string[]) {
    const response = await postWebhook(app, 'whatsapp', body);
    t.equal(response.statusCode, 200, `webhook ${itemKeys.join(', ')} accepted`);
    await waitUntilProcessed(sql, itemKeys);
  }
  const get = (path: string, headers: Record<string, string> = { authorization }) =>
    app.inject({ method: 'GET', url: path, headers });

  await deliver(from(SHEENA, NOW, whatsAppTextBody('wamid.SHEENA-TEXT', NOW, texts.question)), ['wamid.SHEENA-TEXT']);
  await deliver(
    from(
      SHEENA,
      NOW + 10,
      whatsAppMediaBody('wamid.SHEENA-PHOTO', 'image', {
        caption: texts.caption,
        mime_type: 'image/png',
        id: '5500000000000001',
      }),
    ),
    ['wamid.SHEENA-PHOTO'],
  );
  await deliver(
    from(
      SHEENA,
      NOW + 20,
      whatsAppMediaBody('wamid.SHEENA-RECEIPT', 'document', {
        filename: texts.receiptName,
        mime_type: 'application/pdf',
        id: '5500000000000002',
      }),
    ),
    ['wamid.SHEENA-RECEIPT'],
  );
  await deliver(
    from(
      RAVI,
      NOW + 30,
      whatsAppMediaBody('wamid.RAVI-PHOTO', 'image', {
        caption: raviTexts.photo,
        mime_type: 'image/png',
        id: '5500000000000003',
      }),
    ),
    ['wamid.RAVI-PHOTO'],
  );
  await deliver(batchBody(texts.batched, raviTexts.batched), ['wamid.SHEENA-BATCH', 'wamid.RAVI-BATCH']);
  await deliver(numberHidden(SHEENA, 'wamid.SHEENA-HIDDEN', NOW + 50, texts.hidden), ['wamid.SHEENA-HIDDEN']);
  await waitFor('the three attachments stored', async () => {
    const [row] = await sql<
      { stored: number }[]
    >`select count(*)::int as stored from attachments where state = 'stored'`;
    return row!.stored === 3;
  });

  const [sheena] = await sql<{ id: string; conversation_id: string }[]>`
    select ct.id, c.id as conversation_id from contacts ct join conversations c on c.contact_id = ct.id
    where ct.external_id = ${SHEENA.phone}`;
  const sheenaId = Number(sheena!.id);
  const conversationId = Number(sheena!.conversation_id);

  // Replies to her: a text, and an uploaded invoice naming her.
  const upload = await app.inject({
    method: 'POST',
    url: `/api/uploads?filename=${texts.invoiceName}`,
    headers: { authorization, 'content-type': 'application/pdf' },
    payload: pdfDocument(`Invoice for ${SHEENA.name}`),
  });
  t.equal(upload.statusCode, 201);
  for (const body of [
    { text: texts.reply },
    { media: { type: 'document', upload: upload.json().id, caption: texts.replyCaption } },
  ]) {
    const reply = await app.inject({
      method: 'POST',
      url: `/api/conversations/${conversationId}/messages`,
      headers: { authorization },
      payload: body,
    });
    t.equal(reply.statusCode, 202);
  }
  await waitFor('both replies sent', async () => {
    const rows = await sql`select 1 from messages where direction = 'outbound' and delivery_status = 'sent'`;
    return rows.length === 2;
  });
  await deliver(whatsAppStatusBody({ id: 'wamid.REPLY-1', status: 'delivered', timestamp: NOW + 60 }), []);
  await waitFor('the reply delivered', async () => {
    const rows =
      await sql`select 1 from messages where external_id = 'wamid.REPLY-1' and delivery_status = 'delivered'`;
    return rows.length === 1;
  });
  // Every message's events reach the endpoint: Sheena's 5 and Ravi's 2 received, each one's first
  // created, the status of the reply; with those jobs done, the queue is drained.
  await waitFor('the endpoint deliveries made', async () => {
    const [row] = await sql<{ delivered: number; open: number }[]>`
      select (select count(*)::int from endpoint_deliveries where status_code = 200) as delivered,
             (select count(*)::int from queue_logs where status <> 'processed') as open`;
    return row!.delivered === 10 && row!.open === 0;
  });

  // Agents' own words on each conversation: a private note and a label.
  const [raviConversation] = await sql<{ id: string }[]>`
    select c.id from contacts ct join conversations c on c.contact_id = ct.id where ct.external_id = ${RAVI.phone}`;
  for (const [id, words] of [
    [conversationId, texts],
    [Number(raviConversation!.id), raviTexts],
  ] as const) {
    for (const [path, payload] of [
      ['notes', { text: words.note }],
      ['labels', { label: words.label }],
    ] as const) {
      const written = await app.inject({
        method: 'POST',
        url: `/api/conversations/${id}/${path}`,
        headers: { authorization },
        payload,
      });
      t.ok(written.statusCode < 300, `${path} written on conversation ${id}`);
    }
  }

  const sheenaNeedles = [
    SHEENA.name,
    SHEENA.phone,
    SHEENA.userId!,
    SHEENA.username!,
    ...Object.values(texts),
    // The WhatsApp message id encodes her phone number too.
    'wamid.SHEENA-TEXT',
  ];
  const raviNeedles = [RAVI.name, RAVI.phone, ...Object.values(raviTexts)];
  const found = (haystack: string, needles: string[]) =>
    needles.filter((needle) => searchable(needle).some((form) => haystack.includes(form)));
  const mediaText = async () => (await readTree(mediaDir)).map((f) => `${f.path}\n${f.content}`).join('\n');

  await t.test(
    'an export gives the contact, their conversation, messages and attachments as one document',
    async (t) => {
      const response = await get(`/api/contacts/${sheenaId}/export`);
      t.equal(response.statusCode, 200);
      const exported = response.json();
      t.same(Object.keys(exported).sort(), [
        'attachments',
        'contact',
        'conversations',
        'exportedAt',
        'messages',
        'notes',
      ]);
      t.match(exported.contact, {
        id: sheenaId,
        platform: 'whatsapp',
        account: BUSINESS_NUMBER,
        externalId: SHEENA.phone,
        otherIds: [SHEENA.userId],
        displayName: SHEENA.name,
        username: SHEENA.username,
        erasedAt: null,
        conversationIds: [conversationId],
      });
      t.match(exported.conversations, [{ id: conversationId, conversationKey: SHEENA.phone, erasedAt: null }]);
      const messages = exported.messages.filter((m: { kind: string }) => m.kind === 'message');
      t.same(
        messages.map((m: { text: string | null }) => m.text),
        [texts.question, texts.caption, null, texts.batched, texts.hidden, texts.reply, texts.replyCaption],
        'her messages, under her number or her BSUID, and the replies to her, in platform order (a document without caption has no text)',
      );
      t.match(messages[0], {
        direction: 'inbound',
        sender: SHEENA.phone,
        content: { kind: 'text' },
        raw: { from: SHEENA.phone },
      });
      t.match(messages[4], { direction: 'inbound', sender: SHEENA.userId, conversationId });
      t.match(messages[5], { direction: 'outbound', deliveryStatus: 'delivered' });
      t.ok(
        exported.messages.some(
          (m: { kind: string; status: string }) => m.kind === 'status' && m.status === 'delivered',
        ),
        'with the statuses of the replies',
      );
      t.notOk(
        found(JSON.stringify(exported), raviNeedles).length,
        'and nothing of the customer she shared a batch with',
      );
      t.match(exported.attachments, [
        {
          messageId: messages[1].id,
          state: 'stored',
          contentKind: 'image',
          mimeType: 'image/png',
          size: sharedPhoto.length,
        },
        { messageId: messages[2].id, state: 'stored', contentKind: 'document', filename: texts.receiptName },
      ]);
      t.match(
        exported.notes,
        [{ id: Number, conversationId, text: texts.note, createdAt: String }],
        'and the notes on her conversation',
      );
      t.equal(exported.notes.length, 1);
      t.equal((await get('/api/contacts/999999/export')).statusCode, 404);
    },
  );

  await t.test('only an admin may erase: an agent session or an agent token is refused', async (t) => {
    await createTestAgent(sql, 'agent@example.com', 'agent');
    const asAgent = await app.inject({
      method: 'DELETE',
      url: `/api/contacts/${sheenaId}`,
      headers: { cookie: await loginCookie(app), 'x-requested-with': 'test' },
    });
    t.equal(asAgent.statusCode, 403);
    t.equal(asAgent.json().error.code, 'OMNI_ERR_AUTH_ADMIN_REQUIRED');
    const agentToken = await bearerHeaders(sql, 'agent-token', { role: 'agent', channelIds: [] });
    const asToken = await app.inject({
      method: 'DELETE',
      url: `/api/contacts/${sheenaId}`,
      headers: { authorization: agentToken.authorization },
    });
    t.equal(asToken.statusCode, 403, 'an agent token is no admin');
    const [kept] = await sql`select display_name from contacts where id = ${sheenaId}`;
    t.equal(kept!.display_name, SHEENA.name, 'a refused erasure changes nothing');
  });

  const before = await dumpDatabase(sql, url);
  t.same(found(before, sheenaNeedles), sheenaNeedles, 'before: the dump holds every trace searched for');
  t.same(found(await mediaText(), [SHEENA.name]), [SHEENA.name], 'before: so does the media directory (the PDFs)');
  const [counts] = await sql<{ messages: number; statuses: number }[]>`
    select count(*) filter (where kind = 'message')::int as messages, count(*) filter (where kind = 'status')::int as statuses
    from messages where conversation_id = ${conversationId}`;

  await createUser(sql, { email: 'dpo@example.com', name: 'DPO', password: AGENT_PASSWORD, role: 'admin' });
  const admin = { cookie: await loginCookie(app, 'dpo@example.com'), 'x-requested-with': 'test' };
  const erased = await app.inject({ method: 'DELETE', url: `/api/contacts/${sheenaId}`, headers: admin });
  t.equal(erased.statusCode, 200, erased.body);
  t.match(erased.json(), {
    contactId: sheenaId,
    alreadyErased: false,
    conversations: 1,
    attachments: 2,
    uploads: 1,
    notes: 1,
    labels: 1,
    files: { deleted: 2, kept: 1, pending: 0 },
  });

  await t.test('neither a dump of the database nor the media directory holds anything of hers', async (t) => {
    t.same(found(await dumpDatabase(sql, url), sheenaNeedles), []);
    t.same(found(await mediaText(), sheenaNeedles), []);
  });

  await t.test("the other customer's data is intact, the photo file they share included", async (t) => {
    t.same(found(await dumpDatabase(sql, url), raviNeedles), raviNeedles);
    const [ravi] = await sql<{ conversation_id: string; display_name: string }[]>`
      select c.id as conversation_id, ct.display_name from contacts ct join conversations c on c.contact_id = ct.id
      where ct.external_id = ${RAVI.phone}`;
    t.equal(ravi!.display_name, RAVI.name);
    const messages = (await get(`/api/conversations/${ravi!.conversation_id}/messages`)).json().messages;
    t.same(
      messages.map((m: { text: string }) => m.text),
      [raviTexts.photo, raviTexts.batched],
    );
    const photo = await get(`/api/media/${messages[0].attachments[0].id}`);
    t.equal(photo.statusCode, 200);
    t.same(photo.rawPayload, sharedPhoto, 'the photo they both sent is still served to Ravi');
  });

  await t.test('she is left as an anonymous tombstone: the same counts and statuses, no profile, no ids', async (t) => {
    const contact = (await get(`/api/contacts/${sheenaId}`)).json();
    t.match(contact, {
      displayName: null,
      externalId: /^erased:/,
      erasedAt: String,
      conversationIds: [conversationId],
    });
    const [after] = await sql<{ messages: number; statuses: number }[]>`
      select count(*) filter (where kind = 'message')::int as messages, count(*) filter (where kind = 'status')::int as statuses
      from messages where conversation_id = ${conversationId}`;
    t.same(after, counts, 'every message and status row is still there');
    const messages = (await get(`/api/conversations/${conversationId}/messages`)).json().messages;
    t.ok(
      messages.every((m: { text: unknown; content: unknown }) => m.text === null && m.content === null),
      'with no text or content',
    );
    t.same(
      messages.filter((m: { direction: string }) => m.direction === 'outbound').map((m: any) => m.deliveryStatus),
      ['delivered', 'sent'],
      'the replies keep their delivery status',
    );
    const attachment = messages.find((m: { attachments: unknown[] }) => m.attachments.length > 0).attachments[0];
    t.match(attachment, { state: 'erased', filename: null });
    t.equal((await get(`/api/media/${attachment.id}`)).statusCode, 404, 'an erased attachment is not served');
    const [bodies] = await sql<{ dropped: number }[]>`
      select count(*)::int as dropped from webhook_logs where raw_body is null and raw_body_erased_at is not null`;
    t.equal(
      bodies!.dropped,
      6,
      'the raw bodies that carried her are dropped (the shared batch too), their audit rows kept',
    );
    const reply = await app.inject({
      method: 'POST',
      url: `/api/conversations/${conversationId}/messages`,
      headers: { authorization },
      payload: { text: 'Anyone there?' },
    });
    t.equal(reply.statusCode, 410, 'nobody is left to reply to');
    t.equal(reply.json().error.code, 'OMNI_ERR_REPLY_CONTACT_ERASED');
  });

  await t.test('erasing again changes nothing more', async (t) => {
    const again = await app.inject({ method: 'DELETE', url: `/api/contacts/${sheenaId}`, headers: admin });
    t.equal(again.statusCode, 200);
    t.match(again.json(), {
      alreadyErased: true,
      messages: 0,
      attachments: 0,
      notes: 0,
      labels: 0,
      files: { deleted: 0, pending: 0 },
    });
  });

  await t.test(
    'a later message from the same person, by number and BSUID, makes a new contact and conversation',
    async (t) => {
      await deliver(from(SHEENA, NOW + 300, whatsAppTextBody('wamid.SHEENA-LATER', NOW + 300, 'Hello again')), [
        'wamid.SHEENA-LATER',
      ]);
      const [later] = await sql<{ contact_id: string; conversation_id: string; display_name: string }[]>`
      select ct.id as contact_id, c.id as conversation_id, ct.display_name
      from messages m join conversations c on c.id = m.conversation_id join contacts ct on ct.id = c.contact_id
      where m.external_id = 'wamid.SHEENA-LATER'`;
      t.not(Number(later!.contact_id), sheenaId);
      t.not(Number(later!.conversation_id), conversationId);
      t.equal(later!.display_name, SHEENA.name);
      t.match((await get(`/api/contacts/${sheenaId}`)).json(), {
        displayName: null,
        conversationIds: [conversationId],
      });
    },
  );
});
