import t from 'tap';
import { channelSigning, postWebhook } from '../helpers/app.js';
import { addTestChannel, fakeApis, whatsAppChannel } from '../helpers/channels.js';
import { startReplyStack } from '../helpers/replies.js';
import { GRAPH_VERSION } from '../helpers/fake-media-api.js';
import { storeTemplate, TEMPLATE_COMPONENTS } from '../helpers/templates.js';
import { WHATSAPP_NUMBER, whatsAppTextToNumber } from '../helpers/webhook-bodies.js';
import { waitUntilProcessed } from '../helpers/worker.js';

// The rule itself is tested by calling it (test/platforms/whatsapp/template-check.test.ts); this is
// the path around it: the stored template of the channel's WABA, and nothing queued or sent on a refusal.
const nowSeconds = () => Math.floor(Date.now() / 1000);
const LISBON_APP = 'lisbon-app-secret-0001';

t.test(
  'a template reply is checked against the stored template of its channel’s WABA before anything is queued',
  async (t) => {
    const stack = await startReplyStack(t);
    const { sql, app, channels, fake } = stack;
    const lisbon = { ...whatsAppChannel('Lisbon', '2002', LISBON_APP), wabaId: 'WABA-LISBON' };
    await addTestChannel(sql, lisbon, { directories: [channels], apis: fakeApis(fake.url) });
    const orderUpdate = [TEMPLATE_COMPONENTS.positionalBody, TEMPLATE_COMPONENTS.buttons];
    await storeTemplate(sql, {
      wabaId: 'WABA-LISBON',
      name: 'order_update',
      language: 'en_US',
      components: orderUpdate,
    });
    await storeTemplate(sql, {
      wabaId: 'WABA-LISBON',
      name: 'summer_sale',
      language: 'en_US',
      status: 'PAUSED',
      components: [],
    });
    await storeTemplate(sql, {
      wabaId: 'WABA-OTHER',
      name: 'order_update',
      language: 'pt_PT',
      components: orderUpdate,
    });

    const inbound = whatsAppTextToNumber('2002', 'wamid.TPL-LISBON', nowSeconds(), 'Where is my order?');
    t.equal((await postWebhook(app, 'whatsapp', inbound, channelSigning('whatsapp', LISBON_APP))).statusCode, 200);
    await waitUntilProcessed(sql, ['wamid.TPL-LISBON']);
    const toLisbon = (await stack.inbound('wamid.TPL-LISBON')).conversationId;
    await stack.deliver('whatsapp', whatsAppTextToNumber(WHATSAPP_NUMBER, 'wamid.TPL-ENV', nowSeconds(), 'Hi'), [
      'wamid.TPL-ENV',
    ]);
    const toDefault = (await stack.inbound('wamid.TPL-ENV')).conversationId;

    const body = (...values: string[]) => ({
      type: 'body',
      parameters: values.map((text) => ({ type: 'text', text })),
    });
    const track = { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: '1042' }] };
    const refusal = async (conversationId: number, template: Record<string, unknown>) => {
      const response = await stack.reply(conversationId, { template });
      return { status: response.statusCode, ...response.json().error };
    };

    t.test('refusals name what is wrong', async (t) => {
      t.match(await refusal(toLisbon, { name: 'order_updates', language: 'en_US' }), {
        status: 400,
        code: 'OMNI_ERR_REPLY_TEMPLATE_UNKNOWN',
        message:
          'template order_updates (en_US) is not among the synced templates of WABA WABA-LISBON: check its name and language, or run `omni templates sync --channel Lisbon`',
      });
      t.match(
        await refusal(toLisbon, { name: 'order_update', language: 'pt_PT', components: [body('Jim', '#1042'), track] }),
        { code: 'OMNI_ERR_REPLY_TEMPLATE_UNKNOWN' },
        "another WABA's template is not this channel's",
      );
      t.match(await refusal(toLisbon, { name: 'order_update', language: 'en_US', components: [body('Jim'), track] }), {
        status: 400,
        code: 'OMNI_ERR_REPLY_TEMPLATE_PARAMETERS',
        message: 'template order_update (en_US): its body takes 2 parameters ({{1}}, {{2}}); the reply gives 1',
      });
      t.match(
        await refusal(toLisbon, { name: 'order_update', language: 'en_US', components: [body('Jim', '#1042')] }),
        {
          code: 'OMNI_ERR_REPLY_TEMPLATE_BUTTON',
          message: /URL button 1 has a dynamic suffix/,
        },
      );
      t.match(await refusal(toLisbon, { name: 'summer_sale', language: 'en_US' }), {
        code: 'OMNI_ERR_REPLY_TEMPLATE_NOT_APPROVED',
        message: /its status is PAUSED, not APPROVED/,
      });
      t.match(await refusal(toDefault, { name: 'order_update', language: 'en_US' }), {
        status: 400,
        code: 'OMNI_ERR_REPLY_TEMPLATE_NO_WABA',
        message: /^channel default \(id \d+\) has no wabaId.*omni channel update default --waba-id <id>/,
      });
      const [queued] = await sql<{ messages: number; jobs: number }[]>`
      select (select count(*)::int from messages where direction = 'outbound') as messages,
             (select count(*)::int from queue_logs where job = 'send_message') as jobs`;
      t.same(queued, { messages: 0, jobs: 0 }, 'no outbound message, no send job');
    });

    t.test(
      'a template that fills every placeholder reaches Graph with its components, and is the only send',
      async (t) => {
        const components = [body('Jim', '#1042'), track];
        const response = await stack.reply(toLisbon, {
          template: { name: 'order_update', language: 'en_US', components },
        });
        t.equal(response.statusCode, 202);
        t.equal((await stack.settled(response.json().message.id)).delivery_status, 'sent');
        const sends = fake.requests.filter((request) => request.path.endsWith('/messages'));
        t.equal(sends.length, 1, 'the refused replies never reached Graph');
        t.equal(sends[0]?.path, `/${GRAPH_VERSION}/2002/messages`);
        t.match(sends[0]?.body, {
          type: 'template',
          template: { name: 'order_update', language: { code: 'en_US' }, components },
        });
      },
    );
  },
);
