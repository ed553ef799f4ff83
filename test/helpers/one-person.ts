import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import type { SqlPool } from '../../src/store/database.js';
import { createTestApp, postWebhook } from './app.js';
import { createTestDatabase } from './database.js';
import { loadFixture } from './fixtures.js';
import { createTestQueue } from './queue.js';
import { startTestWorker, waitUntilProcessed } from './worker.js';

/** One platform identity of the person, as the worker filed it. */
export interface Identity {
  contactId: number;
  conversationId: number;
  channelId: number;
}

/**
 * The real app and worker, and one person on two channels, from captured fixtures: on WhatsApp
 * (whatsapp-text-basic, +16505551234) and on Telegram, where they shared that number as their own
 * (telegram-contact-own-number) and also a phone-book card (telegram-contact: 911, no user id).
 * Each platform's `default` channel holds its side.
 */
export async function openOnePersonOnTwoChannels(t: Test): Promise<{
  sql: SqlPool;
  url: string;
  app: FastifyInstance;
  whatsapp: Identity;
  telegram: Identity;
}> {
  const { sql, url } = await createTestDatabase(t);
  const queue = await createTestQueue(t);
  const { app } = await createTestApp(t, { sql, queue });
  startTestWorker(t, sql, queue);
  const fixtures = [
    ['whatsapp', 'whatsapp-text-basic'],
    ['telegram', 'telegram-contact'],
    ['telegram', 'telegram-contact-own-number'],
  ] as const;
  for (const [platform, id] of fixtures) {
    const response = await postWebhook(app, platform, loadFixture(platform, id).body);
    t.equal(response.statusCode, 200, `${id} accepted`);
  }
  await waitUntilProcessed(
    sql,
    fixtures.flatMap(([platform, id]) => loadFixture(platform, id).expect.messages.map((m) => m.externalId)),
  );
  const identity = async (platform: string): Promise<Identity> => {
    const [row] = await sql<{ contact_id: string; conversation_id: string; channel_id: string }[]>`
      select ct.id as contact_id, c.id as conversation_id, ct.channel_id
      from contacts ct join conversations c on c.contact_id = ct.id where ct.platform = ${platform}`;
    return {
      contactId: Number(row!.contact_id),
      conversationId: Number(row!.conversation_id),
      channelId: Number(row!.channel_id),
    };
  };
  return { sql, url, app, whatsapp: await identity('whatsapp'), telegram: await identity('telegram') };
}
