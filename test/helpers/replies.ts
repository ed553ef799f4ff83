import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { QueueWorker } from '../../src/processor/worker.js';
import type { Test } from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { createConfiguredJobs } from '../../src/runtime/configured-jobs.js';
import { createConfiguredMediaStore } from '../../src/media/configured-media-store.js';
import type { PlatformName } from '../../src/platforms/types.js';
import { createTestApp, postWebhook, silentLogger, TEST_SECRETS } from './app.js';
import { openTestChannels } from './channels.js';
import { bearerHeaders } from './auth.js';
import { createTestDatabase } from './database.js';
import { startFakePlatformApi } from './fake-platform-api.js';
import { createTestQueue } from './queue.js';
import { waitFor } from './wait-for.js';
import { startTestWorker, waitUntilProcessed } from './worker.js';

/** The send tokens the tests configure; none may ever show up in a log line or a stored reason. */
export const SEND_TOKENS = {
  WHATSAPP_ACCESS_TOKEN: 'EAAGwhatsappTESTtoken0001',
  MESSENGER_PAGE_ACCESS_TOKEN: 'EAAGpageTESTtoken0002',
  INSTAGRAM_ACCESS_TOKEN: 'IGAAinstagramTESTtoken0003',
  TELEGRAM_BOT_TOKEN: '7000000001:AAHtelegramTESTtoken0004',
};

export const MAX_RECEIVES = 5;

/** A reply's row once its send job has settled. */
export interface SettledReply {
  id: string;
  external_id: string;
  delivery_status: string;
  delivery_error: any;
  send_attempts: number;
  job_status: string;
  job_attempts: number;
  job_error: string | null;
}

/**
 * The whole reply path on test infrastructure: the real app and database, the SQS emulator, real
 * workers running the configured jobs, and the fake platform APIs as GRAPH_API_BASE_URL and
 * TELEGRAM_API_BASE_URL, and a media store in a temporary MEDIA_DIR for uploads. `env` adds or overrides configuration (caps, timeout, tokens);
 * `workers` (default 1) start at once, more with `startWorkers`; `maxReceives` (default
 * MAX_RECEIVES) is the queue's and the workers' receive limit.
 */
export async function startReplyStack(
  t: Test,
  options: { env?: Record<string, string>; workers?: number; logger?: Logger; maxReceives?: number } = {},
) {
  const maxReceiveCount = options.maxReceives ?? MAX_RECEIVES;
  const { sql } = await createTestDatabase(t);
  const queue = await createTestQueue(t, { maxReceiveCount, visibilityTimeoutSeconds: 30 });
  const fake = await startFakePlatformApi(t);
  const mediaDir = await mkdtemp(join(tmpdir(), 'omni-replies-media-'));
  t.teardown(() => rm(mediaDir, { recursive: true, force: true }));
  const config = loadConfig({
    ...SEND_TOKENS,
    GRAPH_API_BASE_URL: fake.url,
    TELEGRAM_API_BASE_URL: fake.url,
    MEDIA_DIR: mediaDir,
    ...options.env,
  });
  const mediaStore = createConfiguredMediaStore(config);
  // One directory for the app and the workers: a test adding a channel refreshes it once.
  const channels = await openTestChannels(t, sql, { platforms: TEST_SECRETS, tokens: config.platformTokens });
  const { app, outbox } = await createTestApp(t, {
    sql,
    queue,
    channels,
    liveEvents: true,
    mediaStore,
    uploadMaxBytes: config.media.uploadMaxBytes,
  });
  const logger = options.logger ?? silentLogger;
  /** Every worker started so far. */
  const workers: QueueWorker[] = [];
  /** Starts workers (each its own consumer, as separate processes would be). */
  const startWorkers = (count: number) => {
    const started = Array.from({ length: count }, () =>
      startTestWorker(t, sql, queue, {
        jobs: createConfiguredJobs(config, { sql, logger, channels, mediaStore }),
        maxReceiveCount,
        logger,
      }),
    );
    workers.push(...started);
    return started;
  };
  startWorkers(options.workers ?? 1);
  const { authorization } = await bearerHeaders(sql);

  return {
    sql,
    app,
    queue,
    channels,
    fake,
    mediaStore,
    mediaDir,
    outbox,
    authorization,
    workers,
    startWorkers,
    /** Posts a signed webhook and waits until the worker has filed its items. */
    async deliver(platform: PlatformName, body: unknown, itemKeys: string[]) {
      const response = await postWebhook(app, platform, body);
      if (response.statusCode !== 200) throw new Error(`webhook ${platform}: ${response.statusCode} ${response.body}`);
      await waitUntilProcessed(sql, itemKeys);
    },
    /** The conversation and row id of a filed inbound message. */
    async inbound(externalId: string) {
      const [row] = await sql<
        { id: string; conversation_id: string }[]
      >`select id, conversation_id from messages where external_id = ${externalId}`;
      return { messageId: Number(row!.id), conversationId: Number(row!.conversation_id) };
    },
    /** `POST /api/uploads` of these bytes with the API token. */
    upload(bytes: Buffer, contentType: string, filename?: string) {
      const url = `/api/uploads${filename !== undefined ? `?filename=${encodeURIComponent(filename)}` : ''}`;
      return app.inject({
        method: 'POST',
        url,
        headers: { authorization, 'content-type': contentType },
        payload: bytes,
      });
    },
    /** `POST /api/conversations/:id/messages` with the API token. */
    reply(conversationId: number, body: Record<string, unknown>) {
      return app.inject({
        method: 'POST',
        url: `/api/conversations/${conversationId}/messages`,
        headers: { authorization },
        payload: body,
      });
    },
    /** Waits until the reply's send job is over (processed or dead) and answers the reply's row. */
    settled(messageId: number, timeoutMs = 20_000) {
      return waitFor(
        `reply ${messageId} settled`,
        async () => {
          const [row] = await sql<SettledReply[]>`
          select m.id, m.external_id, m.delivery_status, m.delivery_error, m.send_attempts,
                 q.status as job_status, q.attempts as job_attempts, q.last_error as job_error
          from messages m join queue_logs q on q.message_id = m.id and q.job = 'send_message'
          where m.id = ${messageId} and q.status in ('processed', 'dead')`;
          return row;
        },
        timeoutMs,
      );
    },
    /** The delivery status the conversation API shows for a message. */
    async shownStatus(conversationId: number, messageId: number) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/conversations/${conversationId}/messages`,
        headers: { authorization },
      });
      return response.json().messages.find((m: { id: number }) => m.id === messageId)?.deliveryStatus as
        | string
        | undefined;
    },
  };
}
