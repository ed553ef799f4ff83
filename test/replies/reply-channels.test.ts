import t from 'tap';
import { GRAPH_VERSION } from '../helpers/fake-media-api.js';
import { removeChannel, setChannelEnabled, updateChannel } from '../../src/channels/manage-channels.js';
import { stopWorker } from '../../src/processor/worker.js';
import { channelSigning, postWebhook } from '../helpers/app.js';
import { addTestChannel, fakeApis, testManagement, whatsAppChannel } from '../helpers/channels.js';
import { SEND_TOKENS, startReplyStack } from '../helpers/replies.js';
import { waitFor } from '../helpers/wait-for.js';
import { telegramTextBody, WHATSAPP_NUMBER, whatsAppTextToNumber } from '../helpers/webhook-bodies.js';
import { waitUntilProcessed } from '../helpers/worker.js';
import { TEST_BY } from '../helpers/audit.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const MEXICO_APP = 'mexico-app-secret-0001';

t.test("a reply goes out through its conversation's channel: its number and token, or its bot", async (t) => {
  const stack = await startReplyStack(t);
  const { sql, app, channels, fake } = stack;
  const apis = fakeApis(fake.url);
  const mexico = (
    await addTestChannel(sql, whatsAppChannel('Mexico', '1002', MEXICO_APP), { directories: [channels], apis })
  ).channel.id;
  const bot = { platform: 'telegram', name: 'Sales bot', botToken: '111:sales-bot-token', webhookSecret: 'sales_s' };
  const salesBot = (await addTestChannel(sql, bot, { directories: [channels], apis })).channel.id;

  const post = async (platform: 'whatsapp' | 'telegram', body: unknown, secret: string, key: string) => {
    t.equal((await postWebhook(app, platform, body, channelSigning(platform, secret))).statusCode, 200);
    await waitUntilProcessed(sql, [key]);
    return (await stack.inbound(key)).conversationId;
  };
  const toMexico = await post(
    'whatsapp',
    whatsAppTextToNumber('1002', 'wamid.CH-MX', nowSeconds(), 'hola'),
    MEXICO_APP,
    'wamid.CH-MX',
  );
  const toBot = await post('telegram', telegramTextBody(71, nowSeconds(), 'hi bot'), 'sales_s', '927266710:71');
  await stack.deliver('whatsapp', whatsAppTextToNumber(WHATSAPP_NUMBER, 'wamid.CH-ENV', nowSeconds(), 'hi'), [
    'wamid.CH-ENV',
  ]);
  const toEnvironment = (await stack.inbound('wamid.CH-ENV')).conversationId;

  /** Replies, waits for the send, and answers the request the fake platform received for it. */
  const send = async (conversationId: number, text: string) => {
    const response = await stack.reply(conversationId, { text });
    t.equal(response.statusCode, 202, text);
    const reply = response.json().message;
    const [conversation] = await sql`select channel_id from conversations where id = ${conversationId}`;
    t.equal(String(reply.channelId), conversation!.channel_id, "the reply names its conversation's channel");
    t.match(await stack.settled(reply.id), { delivery_status: 'sent' }, text);
    return fake.requests.findLast((r) => JSON.stringify(r.body).includes(text))!;
  };

  const viaMexico = await send(toMexico, 'from Mexico');
  t.equal(viaMexico.path, `/${GRAPH_VERSION}/1002/messages`);
  t.equal(viaMexico.headers.authorization, 'Bearer EAAG-token-1002');
  const viaBot = await send(toBot, 'from the bot');
  t.equal(viaBot.path, '/bot111:sales-bot-token/sendMessage');
  const viaEnvironment = await send(toEnvironment, 'from the default');
  t.equal(viaEnvironment.path, `/${GRAPH_VERSION}/${WHATSAPP_NUMBER}/messages`);
  t.equal(viaEnvironment.headers.authorization, `Bearer ${SEND_TOKENS.WHATSAPP_ACCESS_TOKEN}`);
  t.not(salesBot, mexico);

  t.test('a new access token reaches the next reply with no restart', async (t) => {
    await updateChannel(testManagement(sql), mexico, { accessToken: 'EAAG-token-ROTATED' });
    // No refresh by hand: the directory hears the change's NOTIFY, as every server and worker does.
    await waitFor(
      'the directory reloaded',
      async () => channels.byId(mexico)?.secrets.accessToken === 'EAAG-token-ROTATED',
    );
    const request = await send(toMexico, 'with the new token');
    t.equal(request.headers.authorization, 'Bearer EAAG-token-ROTATED');
  });

  t.test('an unrouted conversation, or one whose channel is disabled or removed, takes no reply', async (t) => {
    const stray = await post(
      'whatsapp',
      whatsAppTextToNumber('999000', 'wamid.CH-STRAY', nowSeconds(), 'hey'),
      MEXICO_APP,
      'wamid.CH-STRAY',
    );
    const refused = async (conversationId: number, code: string) => {
      const response = await stack.reply(conversationId, { text: 'anyone?' });
      t.equal(response.statusCode, 409, code);
      t.equal(response.json().error.code, code);
      t.notMatch(response.body, /EAAG|sales-bot-token/, 'no token in the answer');
    };
    await refused(stray, 'OMNI_ERR_REPLY_UNROUTED');
    await setChannelEnabled({ sql, by: TEST_BY }, salesBot, false);
    await channels.refresh();
    await refused(toBot, 'OMNI_ERR_REPLY_CHANNEL_DISABLED');
    await removeChannel({ sql, by: TEST_BY }, salesBot);
    await channels.refresh();
    await refused(toBot, 'OMNI_ERR_REPLY_CHANNEL_REMOVED');
  });

  t.test('a queued reply whose channel is disabled before it is sent fails, saying why', async (t) => {
    for (const worker of stack.workers) await stopWorker(worker);
    const response = await stack.reply(toMexico, { text: 'queued, then disabled' });
    t.equal(response.statusCode, 202);
    await setChannelEnabled({ sql, by: TEST_BY }, mexico, false);
    await channels.refresh();
    stack.startWorkers(1);
    const failed = await stack.settled(response.json().message.id);
    t.match(failed, { delivery_status: 'failed', delivery_error: { code: 'OMNI_ERR_REPLY_CHANNEL_DISABLED' } });
    t.notOk(fake.requests.some((r) => JSON.stringify(r.body).includes('queued, then disabled')));
  });
});
