import type { SQSClient } from '@aws-sdk/client-sqs';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { Test } from 'tap';
import type { PlatformSecrets } from '../../src/config/load-config.js';
import { DEFAULT_WEBHOOK_BODY_LIMIT } from '../../src/config/variables.js';
import { buildApp } from '../../src/http/app.js';
import { signedHeaders } from '../../src/cli/sign-request.js';
import type { ChannelDirectory } from '../../src/channels/channel-directory.js';
import type { PlatformName } from '../../src/platforms/types.js';
import type { MediaStore } from '../../src/media/media-store.js';
import type { MessageBus } from '../../src/processor/bus.js';
import type { ApiRoutesOptions } from '../../src/http/api/api-routes.js';
import { createOutbox, type Outbox } from '../../src/queue/outbox.js';
import type { SqlPool } from '../../src/store/database.js';
import { openTestChannels } from './channels.js';
import type { TestQueue } from './queue.js';
import { checkResponsesAgainstDocument } from './response-contract.js';

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
  /** The app's channel directory (refresh it after adding a channel, as a NOTIFY would). */
  channels: ChannelDirectory;
}

/**
 * The real HTTP app on a test database and queue, closed at teardown. Every answer of a documented
 * route is checked against the route's schema for its status (the OpenAPI document's): a mismatch
 * fails `t`, naming the route and what did not match.
 */
export async function createTestApp(
  t: Test,
  deps: {
    sql: SqlPool;
    queue: TestQueue;
    /** The environment's platform secrets, which make the `default` channels (default TEST_SECRETS; `{}`: none). */
    platforms?: PlatformSecrets;
    /** A directory opened by the test; by default the app opens its own from `platforms`. */
    channels?: ChannelDirectory;
    bodyLimit?: number;
    sqs?: SQSClient;
    logger?: Logger;
    requestTimeoutMs?: number;
    largeBodyTimeoutMs?: number;
    /** Serve `/api/events` (from LISTEN/NOTIFY). */
    liveEvents?: boolean;
    /** Earlier tests passed the worker's bus to get `/api/events`; it now only turns the stream on. */
    bus?: MessageBus;
    /** Open `/api/events` streams per agent or token (EVENT_STREAMS_PER_USER). */
    eventStreamsPerUser?: number;
    auth?: Pick<ApiRoutesOptions, 'sessionTtlMs' | 'loginLimit'>;
    /** Serve `/docs`. */
    apiDocs?: boolean;
    /** Serve `/api/media/:id` from this store, and `/api/uploads` into it. */
    mediaStore?: MediaStore;
    uploadMaxBytes?: number;
    /** Manage channels over `/api/channels` with this key and configuration. */
    channelSealing?: ApiRoutesOptions['channelSealing'];
    /** Add endpoints over `/api/endpoints` under this delivery policy. */
    endpointPolicy?: ApiRoutesOptions['endpointPolicy'];
    /** TRUST_PROXY, as the app takes it. */
    trustProxy?: number | string[];
    metricsToken?: string;
  },
): Promise<TestApp> {
  const outbox = createOutbox({
    sql: deps.sql,
    sqs: deps.sqs ?? deps.queue.sqs,
    queueUrl: deps.queue.queueUrl,
    logger: silentLogger,
  });
  const channels =
    deps.channels ?? (await openTestChannels(t, deps.sql, { platforms: deps.platforms ?? TEST_SECRETS }));
  const app = buildApp({
    sql: deps.sql,
    channels,
    outbox,
    queue: {
      sqs: deps.sqs ?? deps.queue.sqs,
      queueUrl: deps.queue.queueUrl,
      deadLetterQueueUrl: deps.queue.deadLetterQueueUrl,
    },
    logger: deps.logger ?? silentLogger,
    webhookBodyLimit: deps.bodyLimit ?? DEFAULT_WEBHOOK_BODY_LIMIT,
    requestTimeoutMs: deps.requestTimeoutMs,
    largeBodyTimeoutMs: deps.largeBodyTimeoutMs,
    liveEvents: deps.liveEvents ?? Boolean(deps.bus),
    eventStreamsPerUser: deps.eventStreamsPerUser,
    auth: deps.auth,
    apiDocs: deps.apiDocs,
    mediaStore: deps.mediaStore,
    uploadMaxBytes: deps.uploadMaxBytes,
    channelSealing: deps.channelSealing,
    endpointPolicy: deps.endpointPolicy,
    trustProxy: deps.trustProxy,
    metricsToken: deps.metricsToken,
  });
  checkResponsesAgainstDocument(app, ({ route, status, problem }) =>
    t.fail(`${route} answered ${status} against the document: ${problem}`),
  );
  await app.ready();
  t.teardown(() => app.close());
  return { app, outbox, channels };
}

/** The headers the platform itself would send with these exact bytes. */
export function platformHeaders(platform: PlatformName, rawBody: Buffer | string): Record<string, string> {
  return signedHeaders(platform, TEST_SECRETS, rawBody);
}

/**
 * POSTs a body exactly as the platform would: serialised once, signed over those bytes with the
 * test environment's secret, or with `secrets` (a channel's app secret or Telegram secret token).
 */
export function postWebhook(app: FastifyInstance, platform: PlatformName, body: unknown, secrets = TEST_SECRETS) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return app.inject({
    method: 'POST',
    url: `/webhook/${platform}`,
    headers: signedHeaders(platform, secrets, payload),
    payload,
  });
}

/** `postWebhook` over the wire, to a running server at `url` (an `omni serve` process). */
export function postWebhookTo(url: string, platform: PlatformName, body: unknown, secrets = TEST_SECRETS) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(`${url}/webhook/${platform}`, {
    method: 'POST',
    headers: signedHeaders(platform, secrets, payload),
    body: payload,
  });
}

/** The secrets a channel's app secret or Telegram secret token signs with, as `postWebhook` takes them. */
export function channelSigning(platform: PlatformName, secret: string): PlatformSecrets {
  return platform === 'telegram'
    ? { telegram: { secretToken: secret } }
    : { [platform]: { appSecret: secret, verifyToken: 'unused' } };
}
