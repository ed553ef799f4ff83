import t from 'tap';
import { eraseContactRecords } from '../../src/store/contact-erasure.js';
import { auditRows, TEST_BY } from '../helpers/audit.js';
import { bearerHeaders } from '../helpers/auth.js';
import { openOnePersonOnTwoChannels } from '../helpers/one-person.js';

t.test('one person across channels, merged and unmerged through the API', async (t) => {
  const { sql, app, whatsapp, telegram } = await openOnePersonOnTwoChannels(t);
  const both = await bearerHeaders(sql, 'both-bot', {
    role: 'agent',
    channelIds: [whatsapp.channelId, telegram.channelId],
  });
  const whatsAppOnly = await bearerHeaders(sql, 'wa-bot', { role: 'agent', channelIds: [whatsapp.channelId] });
  const as = (headers: { authorization: string }) => ({
    get: (url: string) => app.inject({ method: 'GET', url, headers: { authorization: headers.authorization } }),
    post: (url: string, payload: object = {}) =>
      app.inject({ method: 'POST', url, headers: { authorization: headers.authorization }, payload }),
  });
  const agent = as(both);
  const merge = `/api/contacts/${telegram.contactId}/merge`;
  const unmerge = `/api/contacts/${telegram.contactId}/unmerge`;
  const mergedInto = async () =>
    (
      await sql<{ id: string; merged_into_id: string | null }[]>`select id, merged_into_id from contacts order by id`
    ).map((row) => row.merged_into_id);

  t.test(
    'a Telegram user sharing their own number yields a suggestion with the WhatsApp contact of it, never a merge',
    async (t) => {
      const { suggestions } = (await agent.get('/api/contact-suggestions')).json();
      t.match(suggestions, [
        {
          telegramContactId: telegram.contactId,
          whatsappContactId: whatsapp.contactId,
          phone: '+16505551234',
          messageId: Number,
          sharedAt: '2022-11-16T21:27:40.000Z',
        },
      ]);
      t.equal(suggestions.length, 1, 'the phone-book card of 911 (no user id) suggests nothing');
      t.same(await mergedInto(), [null, null], 'no contact was merged on its own');
      const filtered = await agent.get(`/api/contact-suggestions?contactId=${whatsapp.contactId}`);
      t.equal(filtered.json().suggestions.length, 1, 'the suggestions of one contact');
    },
  );

  t.test('an agent who does not see the Telegram channel gets no suggestion and 404 for its contact', async (t) => {
    const outsider = as(whatsAppOnly);
    t.same((await outsider.get('/api/contact-suggestions')).json(), { suggestions: [] });
    const refused = await outsider.post(merge, { into: whatsapp.contactId });
    t.equal(refused.statusCode, 404);
    t.same(refused.json().error, {
      code: 'OMNI_ERR_API_NOT_FOUND',
      message: `contact ${telegram.contactId} not found`,
    });
    const other = await outsider.post(`/api/contacts/${whatsapp.contactId}/merge`, { into: telegram.contactId });
    t.equal(other.json().error.message, `contact ${telegram.contactId} not found`, 'as the target, too');
    t.same(await mergedInto(), [null, null]);
  });

  t.test('after a merge the contact lists both contacts’ conversations; after the unmerge only its own', async (t) => {
    const merged = await agent.post(merge, { into: whatsapp.contactId });
    t.equal(merged.statusCode, 200);
    t.match(merged.json(), {
      id: whatsapp.contactId,
      mergedIntoId: null,
      mergedContacts: [
        { id: telegram.contactId, platform: 'telegram', externalId: '12345', mergedIntoId: whatsapp.contactId },
      ],
    });
    t.same(merged.json().conversationIds, [telegram.conversationId, whatsapp.conversationId]);
    t.match(
      merged.json().conversations,
      [
        { id: telegram.conversationId, platform: 'telegram', status: 'open', lastMessageAt: String },
        { id: whatsapp.conversationId, platform: 'whatsapp', channel: { platform: 'whatsapp' } },
      ],
      'and names where each is',
    );
    const member = (await agent.get(`/api/contacts/${telegram.contactId}`)).json();
    t.equal(member.mergedIntoId, whatsapp.contactId, 'the merged contact names the one it joined');
    t.same(member.conversationIds, [telegram.conversationId, whatsapp.conversationId], 'and shows the person');
    const conversation = (await agent.get(`/api/conversations/${whatsapp.conversationId}`)).json();
    t.same(conversation.contact.conversationIds, [telegram.conversationId, whatsapp.conversationId]);
    t.same((await agent.get('/api/contact-suggestions')).json().suggestions, [], 'no suggestion for one person');
    const outsiderView = (await as(whatsAppOnly).get(`/api/contacts/${whatsapp.contactId}`)).json();
    t.same(outsiderView.conversationIds, [whatsapp.conversationId], 'an outsider sees only its channels’ part');
    t.same(outsiderView.mergedContacts, []);
    t.same(
      outsiderView.conversations.map((c: { id: number }) => c.id),
      [whatsapp.conversationId],
    );

    t.equal((await agent.post(merge, { into: whatsapp.contactId })).statusCode, 200, 'merging again changes nothing');
    const back = await agent.post(`/api/contacts/${whatsapp.contactId}/merge`, { into: telegram.contactId });
    t.equal(back.statusCode, 409);
    t.equal(back.json().error.code, 'OMNI_ERR_CONTACT_SAME_PERSON');
    const self = await agent.post(`/api/contacts/${whatsapp.contactId}/merge`, { into: whatsapp.contactId });
    t.equal(self.json().error.code, 'OMNI_ERR_CONTACT_SAME_PERSON');

    const unmerged = await agent.post(unmerge);
    t.equal(unmerged.statusCode, 200);
    t.match(unmerged.json(), { id: telegram.contactId, mergedIntoId: null, mergedContacts: [] });
    t.same(unmerged.json().conversationIds, [telegram.conversationId]);
    t.same((await agent.get(`/api/contacts/${whatsapp.contactId}`)).json().conversationIds, [whatsapp.conversationId]);
    t.equal((await agent.get('/api/contact-suggestions')).json().suggestions.length, 1, 'the suggestion is back');
    t.equal((await agent.post(unmerge)).statusCode, 200, 'unmerging a contact on its own changes nothing');

    const contactRows = (await auditRows(sql)).filter((row) => row.action.startsWith('contact.'));
    t.match(contactRows, [
      {
        actor_kind: 'token',
        actor_name: 'both-bot',
        action: 'contact.merged',
        target_id: String(telegram.contactId),
        detail: { into: whatsapp.contactId },
      },
      {
        actor_kind: 'token',
        action: 'contact.unmerged',
        target_id: String(telegram.contactId),
        detail: { from: whatsapp.contactId },
      },
    ]);
    t.equal(contactRows.length, 2, 'what changed nothing wrote no audit row');
  });

  t.test('a contact merged elsewhere must be unmerged before it joins another', async (t) => {
    const [other] = await sql<{ id: string }[]>`
      insert into contacts (platform, account, channel_id, external_id) values ('whatsapp', null, ${whatsapp.channelId}, '447700900123')
      returning id`;
    t.equal((await agent.post(merge, { into: whatsapp.contactId })).statusCode, 200);
    const refused = await agent.post(merge, { into: Number(other!.id) });
    t.equal(refused.statusCode, 409);
    t.equal(refused.json().error.code, 'OMNI_ERR_CONTACT_ALREADY_MERGED');
    t.equal((await agent.post(unmerge)).statusCode, 200);
  });
});

t.test('erasing a merged contact erases only that identity and takes it out of the person', async (t) => {
  const { sql, app, whatsapp, telegram } = await openOnePersonOnTwoChannels(t);
  const { authorization } = await bearerHeaders(sql);
  const get = async (id: number) =>
    (await app.inject({ method: 'GET', url: `/api/contacts/${id}`, headers: { authorization } })).json();
  const merge = (id: number, into: number) =>
    app.inject({ method: 'POST', url: `/api/contacts/${id}/merge`, headers: { authorization }, payload: { into } });

  t.equal((await merge(telegram.contactId, whatsapp.contactId)).statusCode, 200);
  await eraseContactRecords(sql, whatsapp.contactId, TEST_BY);
  const survivor = await get(telegram.contactId);
  t.match(survivor, { mergedIntoId: null, mergedContacts: [], externalId: '12345', erasedAt: null });
  t.same(survivor.conversationIds, [telegram.conversationId], 'the Telegram side keeps its own conversation');
  const tombstone = await get(whatsapp.contactId);
  t.match(tombstone, { mergedIntoId: null, mergedContacts: [], displayName: null, erasedAt: String });
  const refused = await merge(telegram.contactId, whatsapp.contactId);
  t.equal(refused.statusCode, 409, 'a tombstone joins no one');
  t.equal(refused.json().error.code, 'OMNI_ERR_CONTACT_ERASED');
  const { suggestions } = (
    await app.inject({ method: 'GET', url: '/api/contact-suggestions', headers: { authorization } })
  ).json();
  t.same(suggestions, [], 'nor is it suggested');
});
