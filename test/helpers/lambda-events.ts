import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, SQSEvent, SQSRecord } from 'aws-lambda';
import { TEST_SECRETS } from './app.js';
import { FIXTURES_DIR } from './fixtures.js';
import type { TestQueue } from './queue.js';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, 'lambda', name), 'utf8')) as T;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** The exact bytes the platform sent. */
  body?: Buffer;
  /** Whether API Gateway hands the body over base64-encoded. */
  base64?: boolean;
}

function encodedBody(request: HttpRequest): string | null {
  if (!request.body) return null;
  return request.base64 ? request.body.toString('base64') : request.body.toString('utf8');
}

/** The recorded REST API (payload 1.0) event, carrying this request. */
export function restApiEvent(request: HttpRequest): APIGatewayProxyEvent {
  const event = fixture<APIGatewayProxyEvent>('api-gateway-v1-rest-event.json');
  const headers = { ...event.headers, ...request.headers };
  event.httpMethod = request.method;
  event.path = request.path;
  event.requestContext.httpMethod = request.method;
  event.requestContext.path = `/${event.requestContext.stage}${request.path}`;
  event.pathParameters = request.path.startsWith('/webhook/') ? { platform: request.path.split('/')[2] } : null;
  event.headers = headers;
  event.multiValueHeaders = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, [value as string]]),
  );
  event.queryStringParameters = request.query ?? null;
  event.multiValueQueryStringParameters = request.query
    ? Object.fromEntries(Object.entries(request.query).map(([k, v]) => [k, [v]]))
    : null;
  event.body = encodedBody(request);
  event.isBase64Encoded = Boolean(request.base64);
  return event;
}

/** The recorded HTTP API (payload 2.0) event, carrying this request; header names lowercased as API Gateway does. */
export function httpApiEvent(request: HttpRequest): APIGatewayProxyEventV2 {
  const event = fixture<APIGatewayProxyEventV2>('api-gateway-v2-http-event.json');
  const routePath = request.path.startsWith('/webhook/') ? '/webhook/{platform}' : request.path;
  event.routeKey = `${request.method} ${routePath}`;
  event.requestContext.routeKey = event.routeKey;
  event.rawPath = request.path;
  event.requestContext.http.method = request.method;
  event.requestContext.http.path = request.path;
  event.pathParameters = request.path.startsWith('/webhook/') ? { platform: request.path.split('/')[2] } : undefined;
  event.headers = {
    ...event.headers,
    ...Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  event.headers['content-length'] = String(request.body?.length ?? 0);
  event.rawQueryString = new URLSearchParams(request.query ?? {}).toString();
  event.queryStringParameters = request.query;
  event.body = encodedBody(request) ?? undefined;
  event.isBase64Encoded = Boolean(request.base64);
  return event;
}

/** The recorded SQS event with one record per message received from the emulator. */
export function sqsEvent(
  messages: { messageId: string; receiptHandle: string; body: string; receiveCount: number }[],
): SQSEvent {
  const [template] = fixture<SQSEvent>('sqs-event.json').Records;
  const records = messages.map(
    (m): SQSRecord => ({
      ...structuredClone(template),
      messageId: m.messageId,
      receiptHandle: m.receiptHandle,
      body: m.body,
      attributes: { ...template.attributes, ApproximateReceiveCount: String(m.receiveCount) },
    }),
  );
  return { Records: records };
}

/** The environment deploy/ gives a function, pointed at the test database and SQS emulator. */
export function setLambdaEnvironment(databaseUrl: string, queue: TestQueue, taskRoot: string): void {
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    MESSAGE_QUEUE_URL: queue.queueUrl,
    DEAD_LETTER_QUEUE_URL: queue.deadLetterQueueUrl,
    AWS_ENDPOINT_URL_SQS: queue.endpoint,
    AWS_REGION: 'us-east-1',
    LAMBDA_TASK_ROOT: taskRoot,
    LOG_LEVEL: 'silent',
    WORKER_RETRY_BASE_SECONDS: '0',
    OUTBOX_RELAY_AFTER_MS: '0',
    WHATSAPP_APP_SECRET: TEST_SECRETS.whatsapp!.appSecret,
    WHATSAPP_VERIFY_TOKEN: TEST_SECRETS.whatsapp!.verifyToken,
    TELEGRAM_WEBHOOK_SECRET: TEST_SECRETS.telegram!.secretToken,
  });
}

/** A bundled Lambda entry from an unpacked package: its handler, and `close` for teardown. */
export function loadBundle<H>(taskRoot: string, file: string): { handler: H; close?: () => Promise<void> } {
  return createRequire(import.meta.url)(join(taskRoot, file));
}
