import t from 'tap';
import { channelSigning, createTestApp, postWebhook, TEST_SECRETS } from '../helpers/app.js';
import { addTestChannel, CHANNEL_APP_SECRET, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { WHATSAPP_NUMBER, whatsAppStatusBody, whatsAppTextBody } from '../helpers/webhook-bodies.js';
import { startTestWorker, waitUntilProcessed } from '../helpers/worker.js';

const T = 1749416383;
/** whatsapp-text-basic's customer, and the name its profile gives. */
const CUSTOMER = '16505551234';

/**
 * The fixture's number is held by channel Brazil (on its own app); the environment's catch-all signs
 * with another app. Whatever the environment's app signs for Brazil's number is stored unrouted: it
 * is processed, but must not write into Brazil's messages or contacts.
 */
t.test("an unrouted entry never writes into another channel's data", async (t) => {
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app, channels } = await createTestApp(t, { sql, queue });
  startTestWorker(t, sql, queue);
  const brazil = (await addTestChannel(sql, whatsAppChannel('Brazil', WHATSAPP_NUMBER), { directories: [channels] }))
    .channel.id;
  const asBrazil = channelSigning('whatsapp', CHANNEL_APP_SECRET);
  const asEnvironment = TEST_SECRETS;

  const text = (id: string, name: string) => {
    const body = whatsAppTextBody(id, T) as any;
    body.entry[0].changes[0].value.contacts[0].profile.name = name;
    return body;
  };
  t.equal((await postWebhook(app, 'whatsapp', text('wamid.FB-MINE', 'Sheena Nelson'), asBrazil)).statusCode, 200);
  await waitUntilProcessed(sql, ['wamid.FB-MINE']);

  t.test("an unrouted status leaves the channel's message as it was", async (t) => {
    const read = whatsAppStatusBody({ id: 'wamid.FB-MINE', status: 'read', timestamp: T + 10 });
    t.equal((await postWebhook(app, 'whatsapp', read, asEnvironment)).statusCode, 200);
    await waitUntilProcessed(sql, ['wamid.FB-MINE:status:read']);
    const [status] = await sql`select channel_id from messages where external_id = 'wamid.FB-MINE:status:read'`;
    t.equal(status.channel_id, null, 'the status itself is stored unrouted');
    const [message] =
      await sql`select delivery_status from messages where external_id = 'wamid.FB-MINE' and kind = 'message'`;
    t.equal(message.delivery_status, null);

    const delivered = whatsAppStatusBody({ id: 'wamid.FB-MINE', status: 'delivered', timestamp: T + 5 });
    t.equal((await postWebhook(app, 'whatsapp', delivered, asBrazil)).statusCode, 200);
    await waitUntilProcessed(sql, ['wamid.FB-MINE:status:delivered']);
    const [after] =
      await sql`select delivery_status from messages where external_id = 'wamid.FB-MINE' and kind = 'message'`;
    t.equal(after.delivery_status, 'delivered', "the channel's own status applies, and only it");
  });

  t.test("an unrouted item does not rename the channel's contact", async (t) => {
    t.equal((await postWebhook(app, 'whatsapp', text('wamid.FB-FORGED', 'Mallory'), asEnvironment)).statusCode, 200);
    await waitUntilProcessed(sql, ['wamid.FB-FORGED']);
    const [forged] = await sql`select channel_id from messages where external_id = 'wamid.FB-FORGED'`;
    t.equal(forged.channel_id, null, 'unrouted');
    const [contact] = await sql`select display_name, channel_id from contacts where external_id = ${CUSTOMER}`;
    t.match(contact, { display_name: 'Sheena Nelson' });
    t.equal(Number(contact.channel_id), brazil);

    t.equal((await postWebhook(app, 'whatsapp', text('wamid.FB-RENAMED', 'Sheena N.'), asBrazil)).statusCode, 200);
    await waitUntilProcessed(sql, ['wamid.FB-RENAMED']);
    const [renamed] = await sql`select display_name from contacts where external_id = ${CUSTOMER}`;
    t.equal(renamed.display_name, 'Sheena N.', "an item of the contact's own channel renames it");
  });
});
