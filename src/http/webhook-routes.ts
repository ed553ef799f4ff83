import { SpanKind } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChannelDirectory } from '../channels/channel-directory.js';
import { channelKeyrings } from '../channels/channel-keyrings.js';
import { routeItems } from '../channels/route-items.js';
import { createWebhookHealth } from '../channels/webhook-health.js';
import { ERRORS, type ErrorCode } from '../errors.js';
import { redactHeaders } from '../logger.js';
import {
  itemsUnrecognisedTotal,
  itemsUnroutedTotal,
  webhookDuration,
  webhooksTotal,
} from '../observability/metrics.js';
import { inSpan } from '../observability/tracing-spans.js';
import { platformFor } from '../platforms/registry.js';
import type { Platform } from '../platforms/platform.js';
import { PLATFORM_NAMES, type PlatformName, type WebhookKeyring } from '../platforms/types.js';
import type { Outbox } from '../queue/outbox.js';
import type { Sql } from '../store/database.js';
import { createGroupCommit } from '../store/group-commit.js';
import type { IngestResult } from '../store/ingest.js';
import { insertWebhookLog, type SignatureColumn } from '../store/webhook-logs.js';
import { sendError } from './error-reply.js';
import { webhookHandshakeSchema, webhookPostSchema } from './webhook-docs.js';
import { isUnrecognised } from './unrecognised-items.js';
import { parseWebhookJson } from './parse-webhook-json.js';
import { REJECTION_LOG_WINDOW_MS, RejectionLogSampler } from './rejection-log-sampler.js';
import { UnroutedLog } from './unrouted-log.js';
import { unverifiedBodyRecord, unverifiedHeadersRecord } from './unverified-body.js';

export interface WebhookRoutesOptions {
  sql: Sql;
  /** The channels webhooks are authenticated against and routed to; a platform with no enabled channel answers 404. */
  channels: ChannelDirectory;
  outbox: Outbox;
  bodyLimit: number;
}

type WebhookRequest = FastifyRequest<{
  Params: { platform: string };
  Querystring: Record<string, unknown>;
  Body: Buffer;
}>;

/**
 * `/webhook/:platform`: Meta's GET handshake, and POSTs verified over the raw bytes before they are
 * parsed, then stored in one transaction and handed to the queue. The raw-bytes parser is scoped to
 * these routes, so nothing else in the app sees unparsed bodies.
 */
export async function webhookRoutes(app: FastifyInstance, options: WebhookRoutesOptions) {
  const { sql, outbox } = options;
  const groupCommit = createGroupCommit(sql);
  const channels = channelKeyrings(options.channels, app.log);
  const health = createWebhookHealth(sql, app.log);

  // Any path segment reaches here: only known platforms get their own series, so a scanner cannot grow the registry.
  const platformLabel = (name: string) => ((PLATFORM_NAMES as readonly string[]).includes(name) ? name : 'unknown');
  const countAnswer = (platform: string, status: number) =>
    webhooksTotal.inc({ platform: platformLabel(platform), status: String(status) });
  app.addHook('onResponse', async (request: WebhookRequest, reply) => {
    webhookDuration.observe(
      { platform: platformLabel(request.params.platform), status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const rejectionLog = new RejectionLogSampler();
  const endRejectionWindow = () => {
    const summary = rejectionLog.endWindow();
    if (summary)
      app.log.warn({ ...summary, windowMs: REJECTION_LOG_WINDOW_MS }, 'webhook rejections not logged one by one');
  };
  const unroutedLog = new UnroutedLog();
  const endUnroutedWindow = () => {
    const summary = unroutedLog.endWindow();
    if (summary)
      app.log.warn({ ...summary, windowMs: REJECTION_LOG_WINDOW_MS }, 'unrouted items not logged one by one');
  };
  const logWindows = setInterval(() => {
    endRejectionWindow();
    endUnroutedWindow();
  }, REJECTION_LOG_WINDOW_MS).unref();
  app.addHook('onClose', async () => {
    clearInterval(logWindows);
    endRejectionWindow();
    endUnroutedWindow();
    channels.close();
    await health.close();
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimit }, (_req, body, done) =>
    done(null, body),
  );

  async function reject(
    request: WebhookRequest,
    reply: FastifyReply,
    code: ErrorCode,
    signature: SignatureColumn,
    detail?: string,
  ) {
    const statusCode = ERRORS[code].status;
    countAnswer(request.params.platform, statusCode);
    if (rejectionLog.admit(request.ip))
      request.log.warn({ platform: request.params.platform, code, detail, ip: request.ip }, 'webhook rejected');
    const rawBody = Buffer.isBuffer(request.body) ? request.body : null;
    const unverified = rawBody && (signature === 'missing' || signature === 'invalid');
    await insertWebhookLog(sql, {
      platform: request.params.platform,
      method: request.method,
      // Anyone can send these: only a request that passed verification keeps all its headers.
      headers: signature === 'valid' ? redactHeaders(request.headers) : unverifiedHeadersRecord(request.headers),
      ...(unverified ? unverifiedBodyRecord(rawBody) : { rawBody }),
      signature,
      statusCode,
      errorCode: code,
      error: detail ?? ERRORS[code].message,
      itemCount: 0,
    }).catch((error: unknown) => request.log.error({ err: error }, 'webhook_logs insert failed'));
    return sendError(reply, code, detail);
  }

  function resolve(request: WebhookRequest): { platform: Platform; keyring: WebhookKeyring } | undefined {
    const name = request.params.platform;
    if (!(PLATFORM_NAMES as readonly string[]).includes(name)) return undefined;
    const keyring = channels.keyring(name as PlatformName);
    return keyring && { platform: platformFor(name as PlatformName), keyring };
  }

  app.setErrorHandler(async (error: Error & { code?: string; statusCode?: number }, request: WebhookRequest, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reject(request, reply, 'OMNI_ERR_WEBHOOK_BODY_TOO_LARGE', 'not_checked');
    if (error.statusCode && error.statusCode < 500)
      return reject(request, reply, 'OMNI_ERR_WEBHOOK_BODY_MALFORMED', 'not_checked', error.message);
    request.log.error({ err: error }, 'webhook failed');
    return sendError(reply, 'OMNI_ERR_INTERNAL');
  });

  app.get('/webhook/:platform', { schema: webhookHandshakeSchema }, async (request: WebhookRequest, reply) => {
    const keyring = resolve(request)?.keyring;
    if (!keyring?.handshake) return sendError(reply, 'OMNI_ERR_WEBHOOK_PLATFORM_UNKNOWN');
    const answer = keyring.handshake(request.query);
    if (!answer.ok) return reject(request, reply, 'OMNI_ERR_WEBHOOK_HANDSHAKE_REJECTED', 'invalid');
    return reply.type('text/plain').send(answer.challenge);
  });

  // One trace per webhook starts here (an incoming traceparent is not followed: anyone can send one).
  app.post('/webhook/:platform', webhookPostSchema, (request: WebhookRequest, reply) =>
    inSpan(
      'POST /webhook/:platform',
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': 'POST',
          'http.route': '/webhook/:platform',
          'omni.platform': request.params.platform,
        },
      },
      async (span) => {
        const answer = await receive(request, reply);
        span.setAttribute('http.response.status_code', reply.statusCode);
        return answer;
      },
    ),
  );

  async function receive(request: WebhookRequest, reply: FastifyReply) {
    const resolved = resolve(request);
    if (!resolved) return sendError(reply, 'OMNI_ERR_WEBHOOK_PLATFORM_UNKNOWN');
    const { platform, keyring } = resolved;
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const { verdict, channelIds } = await inSpan('webhook verify', {}, async (span) => {
      const verified = keyring.authenticate({ headers: request.headers, rawBody });
      span.setAttributes({ 'omni.signature': verified.verdict, 'omni.channels': verified.channelIds.length });
      return verified;
    });
    if (verdict === 'missing') return reject(request, reply, 'OMNI_ERR_WEBHOOK_SIGNATURE_MISSING', verdict);
    if (verdict === 'invalid') return reject(request, reply, 'OMNI_ERR_WEBHOOK_SIGNATURE_INVALID', verdict);

    const parsed = await inSpan('webhook parse', {}, async (span) => {
      const json = parseWebhookJson(rawBody);
      if (!json.ok) return json;
      const extracted = platform.extract(json.body);
      const routed = routeItems({
        routing: platform.routing,
        authenticated: channelIds,
        channels: channels.live(platform.name),
        items: extracted.items,
      });
      span.setAttributes({ 'omni.items': routed.length, 'omni.errors': extracted.errors.length });
      return { ok: true as const, items: routed, errors: extracted.errors };
    });
    if (!parsed.ok) return reject(request, reply, 'OMNI_ERR_WEBHOOK_BODY_MALFORMED', verdict, parsed.reason);
    const { items, errors } = parsed;
    if (items.length === 0 && errors.length > 0) {
      const detail = errors
        .map((e) => `${e.path}: ${e.reason}`)
        .join('; ')
        .slice(0, 500);
      return reject(request, reply, 'OMNI_ERR_WEBHOOK_BODY_MALFORMED', verdict, detail);
    }
    if (errors.length > 0)
      request.log.warn({ platform: platform.name, errors: errors.length }, 'webhook: some elements not understood');

    let result: IngestResult;
    try {
      result = await inSpan('webhook commit', {}, () =>
        groupCommit.ingest({
          platform: platform.name,
          items,
          log: {
            platform: platform.name,
            method: 'POST',
            headers: redactHeaders(request.headers),
            rawBody,
            signature: verdict,
            statusCode: 200,
            errorCode: null,
            error: errors.length
              ? errors
                  .map((e) => `${e.path}: ${e.reason}`)
                  .join('; ')
                  .slice(0, 2000)
              : null,
            itemCount: items.length,
            channelIds,
          },
        }),
      );
    } catch (error) {
      // Not acknowledged, so the platform retries; nothing was committed.
      request.log.error({ err: error, platform: platform.name }, 'webhook: store unavailable');
      return sendError(reply, 'OMNI_ERR_STORE_UNAVAILABLE');
    }
    outbox.sendInBackground(result.queued);
    countAnswer(platform.name, 200);
    health.received(new Set(items.flatMap((item) => (item.channelId === null ? [] : [item.channelId]))));
    const unrouted = items.filter((item) => item.channelId === null);
    if (unrouted.length > 0) {
      itemsUnroutedTotal.inc({ platform: platform.name }, unrouted.length);
      for (const item of unrouted)
        if (unroutedLog.admit(platform.name, item.account))
          request.log.warn(
            { platform: platform.name, account: item.account },
            'webhook: item stored unrouted (no channel holds its account)',
          );
    }
    const unrecognised = items.filter(isUnrecognised);
    if (unrecognised.length > 0) {
      itemsUnrecognisedTotal.inc({ platform: platform.name }, unrecognised.length);
      request.log.warn(
        { platform: platform.name, types: unrecognised.map((i) => i.type) },
        'webhook: items kept raw as unsupported/unknown',
      );
    }
    return reply.send({ ok: true, items: items.length, stored: result.queued.length });
  }
}
