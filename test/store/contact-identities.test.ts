import t from 'tap';
import { loadFixture } from '../helpers/fixtures.js';
import { startReplyStack } from '../helpers/replies.js';

const BSUID = 'MX.1502576394655843';
const NEW_BSUID = 'MX.2209718833104477';

/** A fixture's body with its one message given another id, and edited further by `edit`. */
function variant(fixtureId: string, id: string, edit?: (message: any) => void) {
  const body = structuredClone(loadFixture('whatsapp', fixtureId).body) as any;
  const message = body.entry[0].changes[0].value.messages[0];
  message.id = id;
  edit?.(message);
  return { body, id };
}

async function contactsAndConversations(sql: any) {
  const contacts = await sql`select id, external_id, display_name, username from contacts order by id`;
  const conversations = await sql`select id, conversation_key, contact_id from conversations order by id`;
  return { contacts, conversations };
}

t.test('a person known only by a BSUID is one contact with one conversation', async (t) => {
  const stack = await startReplyStack(t);
  for (const id of ['wamid.BSUID-1', 'wamid.BSUID-2']) {
    const { body } = variant('whatsapp-bsuid-only-username', id);
    await stack.deliver('whatsapp', body, [id]);
  }
  const { contacts, conversations } = await contactsAndConversations(stack.sql);
  t.equal(contacts.length, 1, 'two messages, one contact');
  t.match(contacts[0], { external_id: BSUID, display_name: 'Pablo Morales', username: '@pablomorales' });
  t.equal(conversations.length, 1, 'and one conversation');
  t.equal(conversations[0].conversation_key, BSUID, 'keyed by the BSUID, never an empty id');

  const listed = await stack.app.inject({
    method: 'GET',
    url: '/api/conversations',
    headers: { authorization: stack.authorization },
  });
  t.match(listed.json().conversations[0], { contactUsername: '@pablomorales', conversationKey: BSUID });
});

t.test('a user who hides their number after sharing it stays one contact in one conversation', async (t) => {
  const stack = await startReplyStack(t);
  const withNumber = loadFixture('whatsapp', 'whatsapp-bsuid-contact-username');
  const first = (withNumber.expect.messages[0] as { externalId: string }).externalId;
  await stack.deliver('whatsapp', withNumber.body, [first]);
  const { body } = variant('whatsapp-bsuid-only-username', 'wamid.HIDDEN-NUMBER', (message) => {
    message.from_user_id = 'US.13491208655302741918';
  });
  await stack.deliver('whatsapp', body, ['wamid.HIDDEN-NUMBER']);

  const { contacts, conversations } = await contactsAndConversations(stack.sql);
  t.equal(contacts.length, 1);
  t.match(contacts[0], { external_id: '16505551234', username: '@sheenanelson' });
  t.equal(conversations.length, 1, 'the conversation did not split');
  const [message] = await stack.sql`select conversation_id from messages where external_id = 'wamid.HIDDEN-NUMBER'`;
  t.equal(message.conversation_id, conversations[0].id);
  const aliases = await stack.sql<
    { external_id: string }[]
  >`select external_id from contact_identities where contact_id = ${contacts[0].id}`;
  t.same(
    aliases.map((a) => a.external_id),
    ['US.13491208655302741918'],
  );
});

t.test('user_changed_user_id links the old and the new BSUID to one contact', async (t) => {
  const stack = await startReplyStack(t);
  const before = variant('whatsapp-bsuid-only-username', 'wamid.BEFORE-CHANGE');
  await stack.deliver('whatsapp', before.body, [before.id]);
  const change = loadFixture('whatsapp', 'whatsapp-system-user-changed-user-id');
  const changeId = (change.expect.messages[0] as { externalId: string }).externalId;
  await stack.deliver('whatsapp', change.body, [changeId]);
  const after = variant('whatsapp-bsuid-only-username', 'wamid.AFTER-CHANGE', (message) => {
    message.from_user_id = NEW_BSUID;
  });
  after.body.entry[0].changes[0].value.contacts[0].user_id = NEW_BSUID;
  await stack.deliver('whatsapp', after.body, [after.id]);

  const { contacts, conversations } = await contactsAndConversations(stack.sql);
  t.equal(contacts.length, 1, 'one contact');
  t.equal(contacts[0].external_id, NEW_BSUID, 'which now goes by the new BSUID');
  const aliases = await stack.sql<
    { external_id: string }[]
  >`select external_id from contact_identities where contact_id = ${contacts[0].id}`;
  t.same(
    aliases.map((a) => a.external_id),
    [BSUID],
    'and keeps the old one',
  );
  t.equal(conversations.length, 1, 'one conversation');
  t.equal(conversations[0].conversation_key, NEW_BSUID, 'keyed by the id replies must now use');
  const filed = await stack.sql`select distinct conversation_id from messages where kind = 'message'`;
  t.equal(filed.length, 1, 'every message in it');
});
