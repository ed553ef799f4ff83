import awsLambdaFastify from '@fastify/aws-lambda';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { endpointPolicy } from '../endpoints/endpoint-policy.js';
import { buildApp } from '../http/app.js';
import { PLATFORM_NAMES } from '../platforms/types.js';
import type { LambdaRuntime } from './lambda-runtime.js';
import { once } from './lambda-runtime.js';

/** An API Gateway request: REST API (payload 1.0) or HTTP API (payload 2.0). */
export type ApiGatewayEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;

export interface ApiGatewayResult {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

/**
 * The webhook Lambda: the same Fastify app as `omni serve`, built once per cold start. The adapter
 * hands Fastify the body as bytes (base64-decoded when API Gateway encoded it), and the webhook
 * routes' buffer parser verifies the signature over exactly those bytes.
 */
export function createWebhookHandler(open: () => Promise<LambdaRuntime>) {
  const ready = once(async () => {
    const runtime = await open();
    const { config, logger, sql, outbox } = runtime;
    const channels = await runtime.channels();
    const disabled = PLATFORM_NAMES.filter((name) => channels.directory.enabled(name).length === 0);
    if (disabled.length)
      logger.warn({ platforms: disabled }, 'platforms with no enabled channel: their webhooks answer 404');
    const app = buildApp({
      sql,
      channels: channels.directory,
      // Without it, adding an endpoint over the API answers 500: the policy checks its URL, as in `omni serve`.
      endpointPolicy: endpointPolicy(config.endpoints),
      outbox,
      logger,
      webhookBodyLimit: config.webhookBodyLimit,
      trustProxy: config.http.trustProxy,
      metricsToken: config.http.metricsToken,
    });
    await app.ready();
    return { runtime, channels, proxy: awsLambdaFastify(app, { decorateRequest: false }) };
  });

  return async (event: ApiGatewayEvent, context: Context): Promise<ApiGatewayResult> => {
    const { runtime, channels, proxy } = await ready();
    await channels.freshen();
    const result = (await proxy(event, context)) as ApiGatewayResult;
    // A Lambda is frozen as soon as it returns: the outbox's background SQS send would stall until
    // the next invocation, so it finishes here (the row is committed either way; the relay is the backstop).
    await runtime.outbox.drain();
    await runtime.tracing.flush();
    return result;
  };
}
