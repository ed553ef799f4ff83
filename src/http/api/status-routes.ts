import type { FastifyInstance } from 'fastify';
import type { QueueRef } from '../../queue/queue-depth.js';
import type { Sql } from '../../store/database.js';
import { readSystemStatus } from '../../status/system-status.js';
import { requireAdmin } from './authenticate.js';
import { errorResponses, nullable, objectOf } from './schema-shapes.js';

const count = { type: 'integer', minimum: 0 } as const;
const at = nullable('string', { format: 'date-time' });

const systemStatus = objectOf({
  at: { type: 'string', format: 'date-time' },
  queue: objectOf(
    {
      state: { type: 'string', enum: ['ok', 'unreachable', 'not-configured'] },
      depth: objectOf(
        { waiting: count, inFlight: count, delayed: count, deadLetters: count },
        { description: 'when ok' },
      ),
      error: { type: 'string', description: 'when unreachable' },
    },
    {
      optional: ['depth', 'error'],
      description:
        "ok with SQS's approximate counts, unreachable with the reason, or not-configured (an embedded queue)",
    },
  ),
  outbox: objectOf(
    { pending: count, oldestAgeSeconds: nullable('integer') },
    { description: 'queue rows committed but not yet handed to SQS' },
  ),
  lastFiveMinutes: objectOf(
    { processed: count, failed: count },
    { description: 'queue rows whose last attempt ended in the last five minutes' },
  ),
  channels: {
    type: 'array',
    items: objectOf({
      id: { type: 'integer' },
      platform: { type: 'string' },
      name: { type: 'string' },
      enabled: { type: 'boolean' },
      lastWebhookAt: at,
      lastError: nullable('string'),
      lastErrorAt: at,
      lastErrorAgeSeconds: nullable('integer'),
    }),
  },
  failingEndpoints: {
    type: 'array',
    description: 'endpoints in a run of failed deliveries, or disabled by one',
    items: objectOf({
      id: { type: 'integer' },
      url: { type: 'string' },
      enabled: { type: 'boolean' },
      consecutiveFailures: count,
      disabledAt: at,
      disabledReason: nullable('string'),
      lastAttemptAt: at,
      lastStatusCode: nullable('integer'),
      lastError: nullable('string'),
    }),
  },
  media: objectOf(
    {
      failedLastHour: count,
      latest: {
        type: 'array',
        items: objectOf({
          attachmentId: { type: 'integer' },
          messageId: { type: 'integer' },
          platform: { type: 'string' },
          reason: nullable('string'),
          at: { type: 'string', format: 'date-time' },
        }),
      },
    },
    { description: 'attachments whose download failed in the last hour' },
  ),
  attention: {
    type: 'array',
    description: 'one sentence per thing that needs an operator; empty when all is well',
    items: { type: 'string' },
  },
});

/** `GET /api/status` (admins only): the summary `omni status` prints, from the same one function. */
export async function statusRoutes(app: FastifyInstance, options: { sql: Sql; queue?: QueueRef }) {
  app.get(
    '/status',
    {
      preHandler: requireAdmin,
      schema: {
        operationId: 'getStatus',
        summary: "Omni's health in one summary, as `omni status` prints it (admins)",
        tags: ['status'],
        response: { 200: systemStatus, ...errorResponses(403) },
      },
    },
    async () => readSystemStatus(options.sql, options.queue),
  );
}
