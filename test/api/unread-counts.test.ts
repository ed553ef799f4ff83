import t from 'tap';
import { createTestApp } from '../helpers/app.js';
import { bearerHeaders, createScopedAgent, loginCookie } from '../helpers/auth.js';
import { addTestChannel, whatsAppChannel } from '../helpers/channels.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTestQueue } from '../helpers/queue.js';
import { seedInbox } from '../helpers/seed-inbox.js';

t.test(
  'unread counts by channel: each channel’s unread conversations, only the caller’s channels, of one status when asked',
  async (t) => {
    const { sql } = await createTestDatabase(t);
    const queue = await createTestQueue(t);
    const { app } = await createTestApp(t, { sql, queue, platforms: {} });
    const sales = (await addTestChannel(sql, whatsAppChannel('Sales', '100000000000001'))).channel.id;
    const support = (await addTestChannel(sql, whatsAppChannel('Support', '100000000000002'))).channel.id;
    // Sales: 10, every 5th read (8 unread), every 3rd closed (of the unread, 3, 6 and 9).
    await seedInbox(sql, {
      channelId: sales,
      account: '100000000000001',
      count: 10,
      name: 'Sales',
      readEvery: 5,
      closedEvery: 3,
    });
    await seedInbox(sql, { channelId: support, account: '100000000000002', count: 4, name: 'Support' });
    await createScopedAgent(sql, 'sales@example.com', [sales]);
    const admin = { authorization: (await bearerHeaders(sql)).authorization };
    const agent = { cookie: await loginCookie(app, 'sales@example.com') };
    const counts = async (headers: Record<string, string>, query = '') => {
      const response = await app.inject({ method: 'GET', url: `/api/conversations/unread-counts${query}`, headers });
      t.equal(response.statusCode, 200);
      return response.json();
    };

    t.same(
      await counts(admin),
      {
        channels: [
          { channelId: sales, unread: 8 },
          { channelId: support, unread: 4 },
        ],
        total: 12,
      },
      'an admin: every channel',
    );
    t.same(
      await counts(agent),
      { channels: [{ channelId: sales, unread: 8 }], total: 8 },
      'an agent of Sales: Sales only',
    );
    t.same(await counts(agent, '?status=open'), { channels: [{ channelId: sales, unread: 5 }], total: 5 }, 'open only');
    t.same(
      await counts(agent, '?status=closed'),
      { channels: [{ channelId: sales, unread: 3 }], total: 3 },
      'closed only',
    );

    const listed = await app.inject({
      method: 'GET',
      url: `/api/conversations?channel=${sales}&unread=true&status=open&limit=200`,
      headers: agent,
    });
    t.equal(listed.json().conversations.length, 5, 'the count is the length of that channel’s unread list');

    await sql`update conversations set last_read_message_id = last_message_id where channel_id = ${support}`;
    t.same(
      await counts(admin),
      { channels: [{ channelId: sales, unread: 8 }], total: 8 },
      'a channel whose conversations are all read is left out',
    );
    t.equal(
      (await app.inject({ method: 'GET', url: '/api/conversations/unread-counts?status=lost', headers: admin }))
        .statusCode,
      400,
    );
  },
);
