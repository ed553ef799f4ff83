import type { SQSClient } from '@aws-sdk/client-sqs';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { Test } from 'tap';
import type { PlatformSecrets } from '../../src/config/load-config.js';
import { DEFAULT_WEBHOOK_BODY_LIMIT } from '../../src/config/variables.js';
import { buildApp } from '../../src/http/app.js';
import { signedHeaders } from '../../src/cli/sign-request.js';
import { createEnvironmentKeyrings } from '../../src/platforms/environment-keys.js';
import type { PlatformName } from '../../src/platforms/types.js';
import type { MediaStore } from '../../src/media/media-store.js';
import type { MessageBus } from '../../src/processor/bus.js';
import type { ApiRoutesOptions } from '../../src/http/api/api-routes.js';
import { createOutbox, type Outbox } from '../../src/queue/outbox.js';
import type { SqlPool } from '../../src/store/database.js';
import type { TestQueue } from './queue.js';

export const TEST_SECRETS: PlatformSecrets = {
  whatsapp: { appSecret: 'wa-app-secret', verifyToken: 'wa-verify' },
  messenger: { appSecret: 'ms-app-secret', verifyToken: 'ms-verify' },
  instagram: { appSecret: 'ig-app-secret', verifyToken: 'ig-verify' },
  telegram: { secretToken: 'tg-secret-token' },
};

export const silentLogger = pino({ level: 'silent' });

export interface TestApp {
  app: FastifyInstance;
  outbox: Outbox;
}

/** The real HTTP app on a test database and queue, closed at teardown. */
export async function createTestApp(
  t: Test,
  deps: {
    sql: SqlPool;
    queue: TestQueue;
    platforms?: PlatformSecrets;
    bodyLimit?: number;
    sqs?: SQSClient;
    logger?: Logger;
    requestTimeoutMs?: number;
    largeBodyTimeoutMs?: number;
    /** Serve `/api/events` (from LISTEN/NOTIFY). */
    liveEvents?: boolean;
    /** Earlier tests passed the worker's bus to get `/api/events`; it now only turns the stream on. */
    bus?: MessageBus;
    auth?: Pick<ApiRoutesOptions, 'sessionTtlMs' | 'loginLimit'>;
    /** Serve `/docs`. */
    apiDocs?: boolean;
    /** Serve `/api/media/:id` from this store, and `/api/uploads` into it. */
    mediaStore?: MediaStore;
    uploadMaxBytes?: number;
    /** Manage channels over `/api/channels` with this key and configuration. */
    channelSealing?: ApiRoutesOptions['channelSealing'];
    /** The directory the channel routes refresh after a change. */
    channels?: ApiRoutesOptions['channels'];
  },
): Promise<TestApp> {
  const outbox = createOutbox({
    sql: deps.sql,
    sqs: deps.sqs ?? deps.queue.sqs,
    queueUrl: deps.queue.queueUrl,
    logger: silentLogger,
  });
  const app = buildApp({
    sql: deps.sql,
    keyrings: createEnvironmentKeyrings(deps.platforms ?? TEST_SECRETS),
    outbox,
    logger: deps.logger ?? silentLogger,
    webhookBodyLimit: deps.bodyLimit ?? DEFAULT_WEBHOOK_BODY_LIMIT,
    requestTimeoutMs: deps.requestTimeoutMs,
    largeBodyTimeoutMs: deps.largeBodyTimeoutMs,
    liveEvents: deps.liveEvents ?? Boolean(deps.bus),
    auth: deps.auth,
    apiDocs: deps.apiDocs,
    mediaStore: deps.mediaStore,
    uploadMaxBytes: deps.uploadMaxBytes,
    channelSealing: deps.channelSealing,
    channels: deps.channels,
  });
  await app.ready();
  t.teardown(() => app.close());
  return { app, outbox };
}

/** The headers the platform itself would send with these exact bytes. */
export function platformHeaders(platform: PlatformName, rawBody: Buffer | string): Record<string, string> {
  return signedHeaders(platform, TEST_SECRETS, rawBody);
}

/** POSTs a body exactly as the platform would: serialised once, signed over those bytes. */
export function postWebhook(app: FastifyInstance, platform: PlatformName, body: unknown) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return app.inject({
    method: 'POST',
    url: `/webhook/${platform}`,
    headers: platformHeaders(platform, payload),
    payload,
  });
}
