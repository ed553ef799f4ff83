import t from 'tap';
import { extractWhatsApp } from '../../../src/platforms/whatsapp/extract.js';

const PHONE_ID = '106540352242922';

/** A `messages` change holding the given messages, as WhatsApp posts it. */
function bodyWith(messages: unknown[], extra: Record<string, unknown> = {}) {
  const metadata = { display_phone_number: '15550783881', phone_number_id: PHONE_ID };
  const value = { messaging_product: 'whatsapp', metadata, messages, ...extra };
  return { object: 'whatsapp_business_account', entry: [{ id: 'WABA', changes: [{ field: 'messages', value }] }] };
}

function message(type: string, payload: Record<string, unknown>, id = 'wamid.1') {
  return { from: '16505551234', id, timestamp: '1744344496', type, ...payload };
}

function only(messages: unknown[]) {
  const { items, errors } = extractWhatsApp(bodyWith(messages));
  if (errors.length > 0 || items.length !== 1)
    throw new Error(`expected one item, got ${JSON.stringify({ items, errors })}`);
  return items[0]!;
}

t.test('a voice note is typed voice and its content kind is voice', async (t) => {
  const item = only([message('audio', { audio: { id: 'm1', mime_type: 'audio/ogg', voice: true } })]);
  t.match(item, { type: 'voice', text: null, content: { kind: 'voice', media: { id: 'm1', mimeType: 'audio/ogg' } } });
});

t.test('plain audio stays audio', async (t) => {
  t.match(only([message('audio', { audio: { id: 'm1' } })]), { type: 'audio', content: { kind: 'audio' } });
});

t.test('a removed reaction, sent with an empty emoji or none, has a null emoji', async (t) => {
  for (const reaction of [{ message_id: 'wamid.target', emoji: '' }, { message_id: 'wamid.target' }]) {
    const item = only([message('reaction', { reaction })]);
    t.match(item, {
      kind: 'message',
      type: 'reaction',
      text: null,
      content: { reaction: { targetId: 'wamid.target', emoji: null } },
    });
  }
});

t.test('a reaction naming no message is kept as unsupported content', async (t) => {
  t.match(only([message('reaction', { reaction: { emoji: '👍' } })]), {
    type: 'reaction',
    content: { kind: 'unsupported' },
  });
});

t.test('a number change reads the new number from wa_id and from the older new_wa_id', async (t) => {
  const current = only([
    message('system', { system: { body: 'changed', wa_id: '12195555358', type: 'user_changed_number' } }),
  ]);
  t.match(current.content, {
    kind: 'system',
    text: 'changed',
    extra: { newWaId: '12195555358', systemType: 'user_changed_number' },
  });
  const older = only([
    message('system', { system: { body: 'changed', new_wa_id: '12195555359', type: 'customer_changed_number' } }),
  ]);
  t.match(older.content, { extra: { newWaId: '12195555359', systemType: 'customer_changed_number' } });
});

t.test('context gives the quoted message, forwarding and the product asked about', async (t) => {
  const context = {
    from: '15550783881',
    id: 'wamid.quoted',
    frequently_forwarded: true,
    referred_product: { catalog_id: 'c', product_retailer_id: 'p' },
  };
  const item = only([message('text', { text: { body: 'hi' }, context })]);
  t.match(item.content, {
    replyTo: 'wamid.quoted',
    forwarded: true,
    extra: { frequentlyForwarded: true, referredProduct: { catalog_id: 'c' } },
  });
});

t.test('a click-to-WhatsApp ad referral is kept on the message content', async (t) => {
  const referral = { source_url: 'https://fb.me/x', source_type: 'ad', source_id: '120', ctwa_clid: 'clid' };
  const item = only([message('text', { text: { body: 'from an ad' }, referral })]);
  t.match(item, { type: 'text', text: 'from an ad', content: { kind: 'text', referral } });
});

t.test('an edit reported as unsupported keeps what it was', async (t) => {
  const errors = [{ code: 131051, title: 'Message type unknown' }];
  const item = only([message('unsupported', { unsupported: { type: 'edit' }, errors })]);
  t.match(item, {
    type: 'unsupported',
    text: null,
    content: { kind: 'unsupported', extra: { unsupportedType: 'edit', errors } },
  });
});

t.test('an unknown message type is kept under its own name as unsupported content', async (t) => {
  t.match(only([message('poll_vote', { poll_vote: {} })]), { type: 'poll_vote', content: { kind: 'unsupported' } });
  t.match(only([{ from: '1', id: 'wamid.2', timestamp: '1' }]), { type: 'unsupported' });
});

t.test('locations, shared contacts, orders and stickers are normalised', async (t) => {
  const place = only([message('location', { location: { latitude: 1.5, longitude: 2.5, name: 'Cafe' } })]);
  t.match(place.content, { kind: 'location', location: { latitude: 1.5, longitude: 2.5, name: 'Cafe' } });
  t.match(only([message('location', { location: { name: 'nowhere' } })]).content, { kind: 'unsupported' });
  t.match(only([message('contacts', { contacts: [{ name: { formatted_name: 'B' } }] })]).content, {
    kind: 'contacts',
    contacts: [{}],
  });
  const order = { catalog_id: '1', text: 'Love these', product_items: [] };
  t.match(only([message('order', { order })]), {
    type: 'order',
    text: 'Love these',
    content: { kind: 'order', order },
  });
  t.match(only([message('sticker', { sticker: { id: 's', animated: true } })]).content, {
    kind: 'sticker',
    extra: { animated: true },
  });
  t.match(only([message('document', { document: { id: 'd', filename: 'a.pdf' } })]), {
    text: null,
    content: { kind: 'document', media: { filename: 'a.pdf' } },
  });
});

t.test('interactive replies give their title as text, and an unknown one is unsupported', async (t) => {
  const row = only([
    message('interactive', {
      interactive: { type: 'list_reply', list_reply: { id: 'r1', title: 'Row', description: 'D' } },
    }),
  ]);
  t.match(row, {
    text: 'Row',
    content: { kind: 'interactive_reply', reply: { id: 'r1', title: 'Row' }, extra: { description: 'D' } },
  });
  const odd = only([message('interactive', { interactive: { type: 'call_permission_reply' } })]);
  t.match(odd, {
    type: 'interactive',
    text: null,
    content: { kind: 'unsupported', extra: { interactiveType: 'call_permission_reply' } },
  });
});

t.test('the sender profile from value.contacts is kept for renderers', async (t) => {
  const contacts = [{ wa_id: '16505551234', profile: { name: 'Sheena Nelson' } }];
  const { items } = extractWhatsApp(bodyWith([message('text', { text: { body: 'x' } })], { contacts }));
  t.match(items[0]?.content?.extra, { profile: { name: 'Sheena Nelson' } });
});

t.test('several entries, changes and messages in one body each become an item', async (t) => {
  const body = bodyWith([
    message('text', { text: { body: 'a' } }, 'wamid.a'),
    message('text', { text: { body: 'b' } }, 'wamid.b'),
  ]);
  const change = body.entry[0]!.changes[0]!;
  body.entry.push({ id: 'WABA2', changes: [change, change] });
  const { items, errors } = extractWhatsApp(body);
  t.same(errors, []);
  t.same(
    items.map((item) => item.externalId),
    ['wamid.a', 'wamid.b', 'wamid.a', 'wamid.b', 'wamid.a', 'wamid.b'],
  );
  t.ok(items.every((item) => item.account === PHONE_ID && item.conversationKey === '16505551234'));
});

t.test('a message without an id is an error that keeps its batch mates', async (t) => {
  const { items, errors } = extractWhatsApp(bodyWith([{ type: 'text' }, message('text', { text: { body: 'ok' } })]));
  t.equal(items.length, 1);
  t.match(errors, [
    { path: 'entry[0].changes[0].value.messages[0]', reason: 'message has no id', raw: { type: 'text' } },
  ]);
});

t.test('a value without metadata.phone_number_id is an error for that change', async (t) => {
  const body = bodyWith([message('text', {})]);
  delete (body.entry[0]!.changes[0]!.value as { metadata?: unknown }).metadata;
  t.match(extractWhatsApp(body), {
    items: [],
    errors: [{ path: 'entry[0].changes[0]', reason: 'value has no metadata.phone_number_id' }],
  });
});
