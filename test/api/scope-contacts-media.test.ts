import t from 'tap';
import { createLocalMediaStore } from '../../src/media/local-media-store.js';
import { bearerHeaders, createScopedAgent, loginCookie } from '../helpers/auth.js';
import { openTwoInboxes, storeInboxMedia } from '../helpers/inboxes.js';
import { pngImage } from '../helpers/media-files.js';

t.test('contacts, media and uploads of another channel do not exist for an agent of channel A', async (t) => {
  const { sql, app, a, b } = await openTwoInboxes(t, { mediaStore: createLocalMediaStore(t.testdir()) });
  await createScopedAgent(sql, 'sales@example.com', [a.channelId]);
  await createScopedAgent(sql, 'support@example.com', [b.channelId]);
  // A session's upload is not JSON: it names itself as a script's request, as the dashboard does.
  const agent = { cookie: await loginCookie(app, 'sales@example.com'), 'x-requested-with': 'omni' };
  const support = { cookie: await loginCookie(app, 'support@example.com'), 'x-requested-with': 'omni' };
  const token = {
    authorization: (await bearerHeaders(sql, 'sales-bot', { role: 'agent', channelIds: [a.channelId] })).authorization,
  };
  const admin = { authorization: (await bearerHeaders(sql, 'admin-bot')).authorization };
  const callers = { agent, token };
  const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });

  const upload = async (headers: Record<string, string>) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: { ...headers, 'content-type': 'image/png' },
      payload: pngImage(),
    });
    t.equal(response.statusCode, 201);
    return response.json().id as number;
  };
  await storeInboxMedia(app, sql, admin, [a, b]);

  t.test('a contact of B answers 404 to its details and avatar; A’s are served; an admin gets both', async (t) => {
    for (const [name, headers] of Object.entries(callers)) {
      const details = await get(`/api/contacts/${b.contactId}`, headers);
      t.equal(details.statusCode, 404, `${name}: details`);
      t.same(details.json().error, { code: 'OMNI_ERR_API_NOT_FOUND', message: `contact ${b.contactId} not found` });
      t.equal((await get(`/api/contacts/${b.contactId}/avatar`, headers)).statusCode, 404, `${name}: avatar`);
      const own = await get(`/api/contacts/${a.contactId}`, headers);
      t.same(own.json().conversationIds, [a.conversationId], `${name}: A's contact and its conversation`);
      t.equal((await get(`/api/contacts/${a.contactId}/avatar`, headers)).statusCode, 200);
    }
    t.equal((await get(`/api/contacts/${b.contactId}`, admin)).statusCode, 200);
    t.equal((await get(`/api/contacts/${b.contactId}/avatar`, admin)).statusCode, 200);
  });

  t.test('a conversation of A shows its contact to a member of A', async (t) => {
    const conversation = (await get(`/api/conversations/${a.conversationId}`, agent)).json();
    t.equal(conversation.contact.id, a.contactId);
  });

  t.test('the media of a message in B answers 404; A’s is served; an admin gets both', async (t) => {
    for (const [name, headers] of Object.entries(callers)) {
      const refused = await get(`/api/media/${b.attachmentId}`, headers);
      t.equal(refused.statusCode, 404, name);
      t.equal(refused.json().error.code, 'OMNI_ERR_API_NOT_FOUND');
      t.equal((await get(`/api/media/${a.attachmentId}`, headers)).statusCode, 200, `${name} gets A's`);
    }
    t.equal((await get(`/api/media/${b.attachmentId}`, admin)).statusCode, 200);
  });

  t.test('a caller replies with the uploads it made, never another caller’s; an admin with any', async (t) => {
    const reply = (id: number, headers: Record<string, string>, uploadId: number) =>
      app.inject({
        method: 'POST',
        url: `/api/conversations/${id}/messages`,
        headers,
        payload: { media: { type: 'image', upload: uploadId } },
      });
    const [agentsFile, tokensFile, supportsFile] = [await upload(agent), await upload(token), await upload(support)];
    t.equal((await reply(a.conversationId, agent, agentsFile)).statusCode, 202, "the agent's own file");
    t.equal((await reply(a.conversationId, token, tokensFile)).statusCode, 202, "the token's own file");
    for (const [name, headers, file] of [
      ['agent', agent, supportsFile],
      ['agent', agent, tokensFile],
      ['token', token, agentsFile],
    ] as const) {
      const refused = await reply(a.conversationId, headers, file);
      t.equal(refused.statusCode, 400, `${name} with upload ${file}`);
      t.equal(refused.json().error.code, 'OMNI_ERR_REPLY_UPLOAD_UNKNOWN');
    }
    t.equal((await reply(b.conversationId, agent, agentsFile)).statusCode, 404, 'not into B, even with its own file');
    t.equal((await reply(a.conversationId, admin, supportsFile)).statusCode, 202, 'an admin uses any upload');
  });
});
