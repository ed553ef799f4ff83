import t from 'tap';
import { accountHints, createMetaKeyring } from '../../../src/platforms/meta/keyring.js';
import { signMetaPayload } from '../../../src/platforms/meta/signature.js';
import type { ChannelKey } from '../../../src/platforms/types.js';

const body = (entryId: string) =>
  Buffer.from(`{"object":"whatsapp_business_account","entry":[{"id":"${entryId}","changes":[]}]}`);
const signed = (secret: string, rawBody: Buffer) => ({
  headers: { 'x-hub-signature-256': signMetaPayload(secret, rawBody) },
  rawBody,
});

/** Two WhatsApp numbers on app A (one rotating from A-old), a third on app B. */
const KEYS: ChannelKey[] = [
  {
    channelId: 1,
    accountId: '1001',
    wabaId: '9001',
    secrets: { appSecrets: ['app-a', 'app-a-old'], verifyToken: 'v1' },
  },
  { channelId: 2, accountId: '1002', wabaId: '9001', secrets: { appSecrets: ['app-a'], verifyToken: 'v2' } },
  { channelId: 3, accountId: '1003', wabaId: '9003', secrets: { appSecrets: ['app-b'], verifyToken: 'v3' } },
];
const keyring = createMetaKeyring(KEYS);

t.test('a webhook signed with an app secret proves every channel holding that secret', async (t) => {
  t.same(keyring.authenticate(signed('app-a', body('9001'))), { verdict: 'valid', channelIds: [1, 2] });
  t.same(keyring.authenticate(signed('app-b', body('9003'))), { verdict: 'valid', channelIds: [3] });
});

t.test('during a rotation both the current and the previous app secret verify', async (t) => {
  t.same(keyring.authenticate(signed('app-a', body('9001'))).verdict, 'valid');
  t.same(keyring.authenticate(signed('app-a-old', body('9001'))), { verdict: 'valid', channelIds: [1] });
});

t.test(
  'a body naming another channel still verifies by the secret that signed it (the id is a hint only)',
  async (t) => {
    t.same(keyring.authenticate(signed('app-b', body('9001'))), { verdict: 'valid', channelIds: [3] });
    t.same(keyring.authenticate(signed('app-a', body('5555'))), { verdict: 'valid', channelIds: [1, 2] });
  },
);

t.test('a signature by no channel secret is invalid; no header is missing', async (t) => {
  t.same(keyring.authenticate(signed('someone-else', body('9001'))), { verdict: 'invalid', channelIds: [] });
  t.same(keyring.authenticate({ headers: {}, rawBody: body('9001') }), { verdict: 'missing', channelIds: [] });
  t.same(createMetaKeyring([]).authenticate(signed('app-a', body('9001'))), { verdict: 'invalid', channelIds: [] });
});

t.test('only a signature over the raw bytes verifies, never one over a re-serialised body', async (t) => {
  const raw = Buffer.from('{"object":"page","entry":[{"id":"1001"}],"text":"caf\\u00e9"}');
  t.equal(keyring.authenticate(signed('app-a', raw)).verdict, 'valid');
  const decoded = Buffer.from(JSON.stringify(JSON.parse(raw.toString())));
  const headers = { 'x-hub-signature-256': signMetaPayload('app-a', decoded) };
  t.equal(keyring.authenticate({ headers, rawBody: raw }).verdict, 'invalid');
});

t.test('a signature not exactly in Meta format is invalid before any comparison', async (t) => {
  const rawBody = body('9001');
  const good = signMetaPayload('app-a', rawBody);
  for (const value of ['sha1=abc', 'sha256=zz', good.toUpperCase().replace('SHA256', 'sha256'), good.slice(0, -2)]) {
    t.equal(keyring.authenticate({ headers: { 'x-hub-signature-256': value }, rawBody }).verdict, 'invalid', value);
  }
  t.equal(keyring.authenticate({ headers: { 'x-hub-signature-256': [good, 'x'] }, rawBody }).verdict, 'valid');
});

t.test('the handshake accepts the verify token of any channel in the keyring, and no other', async (t) => {
  const query = (token: string) => ({
    'hub.mode': 'subscribe',
    'hub.verify_token': token,
    'hub.challenge': '1158201444',
  });
  for (const token of ['v1', 'v2', 'v3'])
    t.same(keyring.handshake?.(query(token)), { ok: true, challenge: '1158201444' });
  t.same(keyring.handshake?.(query('v4')), { ok: false });
  t.same(keyring.handshake?.({ ...query('v1'), 'hub.mode': 'unsubscribe' }), { ok: false });
  t.same(createMetaKeyring([]).handshake?.(query('')), { ok: false });
});

t.test('the account hints are the first numeric "id" near the start of the body', async (t) => {
  t.same(accountHints(body('102290129340398')), ['102290129340398']);
  t.same(accountHints(Buffer.from('{"object":"page","entry":[{"id" : "42","messaging":[{"sender":{"id":"7"}}]}]}')), [
    '42',
  ]);
  t.same(accountHints(Buffer.from('{"entry":[{"id":"not-digits"}]}')), []);
  t.same(accountHints(Buffer.from(`{"pad":"${'x'.repeat(600)}","entry":[{"id":"42"}]}`)), [], 'only the first bytes');
});

t.test("a WhatsApp body's first phone_number_id is a hint too: a number added without its WABA id", async (t) => {
  const change = (metadata: string) =>
    Buffer.from(
      `{"object":"whatsapp_business_account","entry":[{"id":"9001","changes":[{"value":{"messaging_product":"whatsapp","metadata":${metadata},"statuses":[]}}]}]}`,
    );
  t.same(accountHints(change('{"display_phone_number":"15550783881","phone_number_id":"1003"}')), ['9001', '1003']);
  t.same(accountHints(change('{"phone_number_id" : "1003"}')), ['9001', '1003']);
  t.same(accountHints(change('{"phone_number_id":"not-digits"}')), ['9001']);
  const late = change(`{"pad":"${'x'.repeat(600)}","phone_number_id":"1003"}`);
  t.same(accountHints(late), ['9001'], 'only the first bytes');
  const numberOnly = createMetaKeyring([{ channelId: 4, accountId: '1003', secrets: { appSecrets: ['app-c'] } }]);
  t.same(numberOnly.authenticate(signed('app-c', change('{"phone_number_id":"1003"}'))), {
    verdict: 'valid',
    channelIds: [4],
  });
});
