import t from 'tap';
import { OmniError } from '../../../src/errors.js';
import { createMetaAdapter } from '../../../src/platforms/meta/adapter.js';
import { signMetaPayload } from '../../../src/platforms/meta/signature.js';
import { createInstagramAdapter } from '../../../src/platforms/instagram/adapter.js';
import { createMessengerAdapter } from '../../../src/platforms/messenger/adapter.js';
import { createWhatsAppAdapter } from '../../../src/platforms/whatsapp/adapter.js';

const config = { appSecret: 'app-secret', verifyToken: 'verify-token' };
const factories = {
  whatsapp: createWhatsAppAdapter,
  messenger: createMessengerAdapter,
  instagram: createInstagramAdapter,
};

t.test('each Meta adapter verifies Meta signatures over the raw bytes', async (t) => {
  const rawBody = Buffer.from('{"object":"page","entry":[]}');
  for (const [name, create] of Object.entries(factories)) {
    const adapter = create(config);
    t.equal(adapter.name, name);
    t.equal(
      adapter.verify({ headers: { 'x-hub-signature-256': signMetaPayload('app-secret', rawBody) }, rawBody }),
      'valid',
    );
    t.equal(
      adapter.verify({ headers: { 'x-hub-signature-256': [signMetaPayload('other', rawBody)] }, rawBody }),
      'invalid',
    );
    t.equal(adapter.verify({ headers: {}, rawBody }), 'missing');
  }
});

t.test('each Meta adapter answers the hub handshake only with the right token', async (t) => {
  for (const create of Object.values(factories)) {
    const adapter = create(config);
    const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-token', 'hub.challenge': '1158201444' };
    t.same(adapter.handshake?.(query), { ok: true, challenge: '1158201444' });
    t.same(adapter.handshake?.({ ...query, 'hub.verify_token': 'wrong' }), { ok: false });
  }
});

t.test('an adapter refuses to be built without its secrets, naming the variable', async (t) => {
  t.throws(
    () => createWhatsAppAdapter({ appSecret: '', verifyToken: 'v' }),
    new OmniError('OMNI_ERR_CONFIG_INVALID', 'whatsapp: appSecret is required. Set WHATSAPP_APP_SECRET'),
  );
  t.throws(() => createInstagramAdapter({ appSecret: 's', verifyToken: '' }), {
    code: 'OMNI_ERR_CONFIG_INVALID',
    message: 'instagram: verifyToken is required. Set INSTAGRAM_VERIFY_TOKEN',
  });
});

t.test('extract stays total even when the platform reader throws', async (t) => {
  const adapter = createMetaAdapter({
    name: 'messenger',
    ...config,
    extract: () => {
      throw new Error('bug');
    },
  });
  t.same(adapter.extract({ a: 1 }), {
    items: [],
    errors: [{ path: '', reason: 'unexpected failure: bug', raw: { a: 1 } }],
  });
  const odd = createMetaAdapter({
    name: 'messenger',
    ...config,
    extract: () => {
      throw 'plain';
    },
  });
  t.equal(odd.extract(null).errors[0]?.reason, 'unexpected failure: plain');
});
