import t from 'tap';
import type { ContactDetails } from '../../web/api-types.js';
import { contactRows, otherConversations } from '../../web/contact-view.js';

const sales = { id: 3, name: 'Sales', platform: 'whatsapp', removed: false };
const contact: ContactDetails = {
  id: 7,
  platform: 'whatsapp',
  account: '106540352242922',
  externalId: '16505551234',
  displayName: 'Sheena Nelson',
  username: null,
  avatarUrl: null,
  createdAt: '2025-06-08T20:59:43.000Z',
  channel: sales,
  otherIds: ['US.13491208655302741918'],
  mergedContacts: [{ id: 9, platform: 'telegram', externalId: '12345', displayName: 'Mario Bros' }],
  conversationIds: [12, 11],
  conversations: [
    { id: 12, platform: 'telegram', channel: null, status: 'closed', lastMessageAt: '2022-11-16T21:27:40.000Z' },
    { id: 11, platform: 'whatsapp', channel: sales, status: 'open', lastMessageAt: '2025-06-08T20:59:43.000Z' },
  ],
};

t.test('the contact panel names the contact, its channel, every id it goes by and its merged identities', async (t) => {
  t.same(contactRows(contact, 'en-GB', 'UTC'), [
    ['Name', 'Sheena Nelson'],
    ['Username', '—'],
    ['Platform', 'whatsapp'],
    ['Channel', 'Sales'],
    ['Account', '106540352242922'],
    ['Platform id', '16505551234'],
    ['Other ids', 'US.13491208655302741918'],
    ['First seen', '08/06/2025, 20:59:43'],
    ['Conversations', '2'],
    ['Also on', 'telegram 12345 (Mario Bros)'],
  ]);
  const alone = { ...contact, otherIds: [], mergedContacts: [], channel: null };
  const terms = contactRows(alone).map(([term]) => term);
  t.notOk(terms.includes('Other ids') || terms.includes('Also on'), 'rows with nothing to say are left out');
  t.same(contactRows(alone)[3], ['Channel', 'unrouted']);
  t.same(contactRows(null), [['Contact', 'unknown']], 'a conversation with no contact says so');
});

t.test(
  "the panel links the person's other conversations, merged contacts' included, by platform and channel",
  async (t) => {
    t.same(
      otherConversations(contact, 11).map(({ id, label }) => [id, label]),
      [[12, 'telegram · unrouted · closed']],
      'the open conversation is not linked to itself',
    );
    t.same(
      otherConversations(contact, 12).map(({ label }) => label),
      ['whatsapp · Sales'],
    );
    t.same(otherConversations(null, 1), []);
  },
);
