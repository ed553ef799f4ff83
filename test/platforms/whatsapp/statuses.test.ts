import t from 'tap';
import { extractWhatsApp } from '../../../src/platforms/whatsapp/extract.js';

function changeBody(field: string, value: Record<string, unknown>) {
  const metadata = { display_phone_number: '15550783881', phone_number_id: 'PN' };
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field, value: { metadata, ...value } }] }],
  };
}

const status = (fields: Record<string, unknown>) => ({
  id: 'wamid.out',
  timestamp: '1751142888',
  recipient_id: '16505551234',
  ...fields,
});

t.test('each status is its own item keyed by message and status', async (t) => {
  const statuses = ['sent', 'delivered', 'read'].map((name) => status({ status: name }));
  const { items } = extractWhatsApp(changeBody('messages', { statuses }));
  t.same(
    items.map((item) => item.itemKey),
    ['wamid.out:status:sent', 'wamid.out:status:delivered', 'wamid.out:status:read'],
  );
  t.ok(
    items.every((item) => item.kind === 'status' && item.recipient === '16505551234' && item.direction === 'inbound'),
  );
});

t.test('a failed status carries its first error, the details standing in for a missing message', async (t) => {
  const errors = [{ code: 131049, title: 'Not delivered', error_data: { details: 'ecosystem engagement' } }];
  const { items } = extractWhatsApp(changeBody('messages', { statuses: [status({ status: 'failed', errors })] }));
  t.same(items[0]?.error, { code: 131049, title: 'Not delivered', message: 'ecosystem engagement' });
});

t.test('a status for a BSUID user is addressed to recipient_user_id', async (t) => {
  const bsuid = {
    id: 'wamid.out',
    status: 'delivered',
    timestamp: '1',
    recipient_user_id: 'US.1349',
    contacts: [{ user_id: 'US.1349' }],
  };
  const { items } = extractWhatsApp(changeBody('messages', { statuses: [bsuid] }));
  t.match(items[0], { kind: 'status', recipient: 'US.1349', conversationKey: 'US.1349', from: 'US.1349' });
});

t.test('a status Omni does not model is kept as an unknown event', async (t) => {
  const { items } = extractWhatsApp(changeBody('messages', { statuses: [status({ status: 'deleted' })] }));
  t.match(items, [{ kind: 'event', type: 'unknown', content: { extra: { what: 'status:deleted' } } }]);
});

t.test('statuses without an id or a recipient are errors', async (t) => {
  const { items, errors } = extractWhatsApp(
    changeBody('messages', { statuses: [{ status: 'sent' }, { id: 'w', status: 'sent' }, 7] }),
  );
  t.same(items, []);
  t.same(
    errors.map((error) => error.reason),
    ['status has no message id', 'status has no recipient', 'status is not an object'],
  );
});

t.test("an echo from the WhatsApp Business app is an outbound event in the customer's conversation", async (t) => {
  const echo = {
    from: '15550783881',
    to: '16505551234',
    id: 'wamid.echo',
    timestamp: '1785340249',
    type: 'image',
    image: { id: 'i', caption: 'look' },
  };
  const { items } = extractWhatsApp(changeBody('smb_message_echoes', { message_echoes: [echo] }));
  t.match(items, [
    {
      kind: 'event',
      type: 'echo',
      direction: 'outbound',
      conversationKey: '16505551234',
      from: '15550783881',
      text: 'look',
      itemKey: 'wamid.echo:echo',
      externalId: 'wamid.echo',
      content: { kind: 'image', extra: { echo: { type: 'image' } } },
    },
  ]);
});

t.test('value errors become events with a stable key and the reception time', async (t) => {
  const body = changeBody('messages', { errors: [{ code: 131000, title: 'Something went wrong' }] });
  const first = extractWhatsApp(body, '2026-01-01T00:00:00.000Z');
  t.match(first.items, [
    {
      kind: 'event',
      type: 'errors',
      text: 'Something went wrong',
      timestamp: '2026-01-01T00:00:00.000Z',
      error: { code: 131000 },
    },
  ]);
  t.equal(
    extractWhatsApp(body, '2026-02-01T00:00:00.000Z').items[0]?.itemKey,
    first.items[0]?.itemKey,
    'redelivered later, same key',
  );
});

t.test(
  'fields other than messages and echoes, and values holding nothing known, are kept as unknown events',
  async (t) => {
    const accountUpdate = {
      object: 'whatsapp_business_account',
      entry: [{ id: 'WABA', changes: [{ field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } }] }],
    };
    t.match(extractWhatsApp(accountUpdate).items, [
      { type: 'unknown', account: 'WABA', content: { extra: { what: 'account_update' } } },
    ]);
    t.match(extractWhatsApp(changeBody('messages', {})).items, [
      { type: 'unknown', content: { extra: { what: 'messages' } } },
    ]);
  },
);
