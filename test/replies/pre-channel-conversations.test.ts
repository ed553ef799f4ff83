import t from 'tap';
import { GRAPH_VERSION } from '../helpers/fake-media-api.js';
import { environmentSecrets, upsertEnvironmentChannels } from '../../src/channels/environment-channels.js';
import { TEST_SECRETS } from '../helpers/app.js';
import { SEND_TOKENS, startReplyStack } from '../helpers/replies.js';
import { WHATSAPP_NUMBER, whatsAppTextToNumber } from '../helpers/webhook-bodies.js';

const nowSeconds = () => Math.floor(Date.now() / 1000);

t.test('after an upgrade, a conversation from before channels keeps its customer and takes replies', async (t) => {
  const stack = await startReplyStack(t);
  const { sql, channels, fake } = stack;
  await stack.deliver('whatsapp', whatsAppTextToNumber(WHATSAPP_NUMBER, 'wamid.OLD', nowSeconds(), 'before'), [
    'wamid.OLD',
  ]);
  const old = await stack.inbound('wamid.OLD');
  // The database as the channels migration leaves an older installation's: the same rows with no
  // channel, and no channel row (the migration adds the column, with no backfill).
  await sql`update messages set channel_id = null`;
  await sql`update conversations set channel_id = null`;
  await sql`update contacts set channel_id = null`;
  await sql`delete from channels`;

  // The first start after the upgrade creates the environment's channel.
  await upsertEnvironmentChannels(
    sql,
    environmentSecrets(TEST_SECRETS, { whatsapp: SEND_TOKENS.WHATSAPP_ACCESS_TOKEN }),
  );
  await channels.refresh();
  const [catchAll] = channels.enabled('whatsapp');
  const [conversation] = await sql`select channel_id from conversations where id = ${old.conversationId}`;
  t.equal(Number(conversation!.channel_id), catchAll!.id, 'the old conversation is filed under the new default');

  await stack.deliver('whatsapp', whatsAppTextToNumber(WHATSAPP_NUMBER, 'wamid.NEW', nowSeconds(), 'after'), [
    'wamid.NEW',
  ]);
  t.equal((await stack.inbound('wamid.NEW')).conversationId, old.conversationId, 'the customer writes on in it');
  const [{ count }] = await sql`select count(*)::int from conversations`;
  t.equal(count, 1, 'no second conversation');

  const response = await stack.reply(old.conversationId, { text: 'still here' });
  t.equal(response.statusCode, 202);
  t.match(await stack.settled(response.json().message.id), { delivery_status: 'sent' });
  t.ok(fake.requests.some((r) => r.path === `/${GRAPH_VERSION}/${WHATSAPP_NUMBER}/messages`));
});
