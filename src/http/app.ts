import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ChannelDirectory } from '../channels/channel-directory.js';
import type { Outbox } from '../queue/outbox.js';
import type { QueueRef } from '../queue/queue-depth.js';
import { checkReadiness } from '../status/readiness.js';
import type { MediaStore } from '../media/media-store.js';
import type { SqlPool } from '../store/database.js';
import { apiDocs } from './api-docs.js';
import { apiRoutes, type ApiRoutesOptions } from './api/api-routes.js';
import { enforceBodyDeadlines } from './body-deadline.js';
import { dashboardRoutes } from './dashboard/dashboard-routes.js';
import { sendError } from './error-reply.js';
import { metricsRoute } from './metrics-route.js';
import { webhookRoutes } from './webhook-routes.js';

export interface AppDependencies {
  sql: SqlPool;
  /** The channels: webhooks are authenticated and routed by them, replies go out through them. */
  channels: ChannelDirectory;
  outbox: Outbox;
  /** The queue pair `/readyz` pings and `GET /api/status` counts; without it (the webhook Lambda) they leave the queue out. */
  queue?: QueueRef;
  logger: Logger;
  webhookBodyLimit: number;
  /** A request whose body has not fully arrived by then is answered 408 (a slow sender cannot hold a socket forever). */
  requestTimeoutMs?: number;
  /** The same for a route that takes large bodies (an upload): UPLOAD_TIMEOUT_MS. */
  largeBodyTimeoutMs?: number;
  /** Serve `/api/events` from PostgreSQL LISTEN/NOTIFY, so it sees items processed by any process. */
  liveEvents?: boolean;
  /** EVENT_STREAMS_PER_USER: open `/api/events` streams per agent or API token. */
  eventStreamsPerUser?: number;
  /** Session lifetime and login rate limit of the dashboard API. */
  auth?: Pick<ApiRoutesOptions, 'sessionTtlMs' | 'loginLimit'>;
  /** Serve the API's OpenAPI document and Swagger UI at `/docs`. The webhook Lambda does not: its bundle carries no UI assets. */
  apiDocs?: boolean;
  /** Where stored attachments are read from (`GET /api/media/:id`) and uploads kept (`POST /api/uploads`). */
  mediaStore?: MediaStore;
  /** UPLOAD_MAX_BYTES: the largest file `POST /api/uploads` stores into `mediaStore`. */
  uploadMaxBytes?: number;
  /** TRUST_PROXY: whose X-Forwarded-For and X-Forwarded-Proto make `request.ip` and `request.protocol`. */
  trustProxy?: number | string[];
  /** METRICS_TOKEN: the bearer token `/metrics` asks for; without one, it is open. */
  metricsToken?: string;
  /** Channel management over `/api/channels`: the sealing key and the configuration it reads. */
  channelSealing?: ApiRoutesOptions['channelSealing'];
  /** Where endpoints added over `/api/endpoints` may point: the delivery policy of the configuration. */
  endpointPolicy?: ApiRoutesOptions['endpointPolicy'];
}

/**
 * TRUST_PROXY as Fastify takes it. Fastify 5 now trusts nobody for a bare number (a hop count cannot
 * tell the proxy from a client that reached Omni directly), so a count becomes the function it
 * always meant: believe the first `hops` senders, the proxies in front. Only safe when Omni is
 * reachable through its proxy alone, as the README says.
 */
function fastifyTrustProxy(trustProxy: number | string[] | undefined) {
  if (typeof trustProxy !== 'number') return trustProxy;
  return (_address: string, hop: number) => hop < trustProxy;
}

/**
 * How long an idle kept-alive connection stays open (Fastify's own default, made explicit): longer
 * than the idle timeout of the proxy in front (an ALB's, deploy/dashboard; ingress-nginx's upstream
 * keepalive, 60 s), so the proxy closes idle connections and never sends a request down one Node is
 * closing (a 502).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 72_000;

/** Builds the HTTP app; never listens (the server and the Lambda handler do that). */
export function buildApp(deps: AppDependencies): FastifyInstance {
  const requestTimeout = deps.requestTimeoutMs ?? 10_000;
  const largeBodyTimeout = Math.max(deps.largeBodyTimeoutMs ?? requestTimeout, requestTimeout);
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // The webhook routes' parser takes up to `webhookBodyLimit`; the API's JSON keeps Fastify's 1 MiB.
    // Node's timeout is the server's outer bound; `enforceBodyDeadlines` holds other routes to the short one.
    requestTimeout: largeBodyTimeout,
    // Node checks its timeouts on this interval (30 s by default), so a slow sender would get up to 40 s.
    http: { connectionsCheckingInterval: Math.min(1000, requestTimeout) },
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    return503OnClosing: true,
    // Behind an ALB, App Runner or API Gateway every request comes from the proxy: the login limit
    // would key every client by one address, and the session cookie would never be Secure.
    trustProxy: fastifyTrustProxy(deps.trustProxy),
  });
  // Headers, whatever the route, must arrive within the short timeout.
  app.server.headersTimeout = Math.min(app.server.headersTimeout, requestTimeout);
  enforceBodyDeadlines(app, { defaultMs: requestTimeout, largeBodyMs: largeBodyTimeout });
  if (deps.apiDocs) app.register(apiDocs);
  // Liveness: the process answers. Readiness: its database and queue answer too, so a load balancer
  // sends nothing to a process that could only fail it.
  app.get('/healthz', { logLevel: 'warn' }, async () => ({ ok: true }));
  app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
    const readiness = await checkReadiness(deps.sql, deps.queue);
    return reply.code(readiness.ready ? 200 : 503).send(readiness);
  });
  app.register(metricsRoute, { metricsToken: deps.metricsToken });
  // Per-request access lines at info would drown the log at webhook rates; rejections log their own warning.
  app.register(webhookRoutes, {
    logLevel: 'warn',
    sql: deps.sql,
    channels: deps.channels,
    outbox: deps.outbox,
    bodyLimit: deps.webhookBodyLimit,
  });
  // The dashboard API: authenticated, JSON, with its own error handler; webhooks stay signature-only.
  app.register(apiRoutes, {
    prefix: '/api',
    sql: deps.sql,
    outbox: deps.outbox,
    queue: deps.queue,
    channels: deps.channels,
    liveEvents: deps.liveEvents,
    eventStreamsPerUser: deps.eventStreamsPerUser,
    mediaStore: deps.mediaStore,
    uploadMaxBytes: deps.uploadMaxBytes,
    channelSealing: deps.channelSealing,
    endpointPolicy: deps.endpointPolicy,
    ...deps.auth,
  });
  // The agent dashboard page at `/`: static, and reading everything through `/api` like any client.
  app.register(dashboardRoutes);
  app.setNotFoundHandler((_request, reply) => sendError(reply, 'OMNI_ERR_WEBHOOK_PLATFORM_UNKNOWN', 'Not found'));
  app.addHook('onClose', async () => deps.outbox.drain());
  return app;
}
